#pragma once

#include <QTimer>
#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;

namespace fvpn {

class AdminSession;
class AdminTableView;
class ClientsModel;
class MessageBar;
class TextFilterProxy;

// The approved engineers; revoking one takes them off the hub after a confirmation.
class ClientsView : public QWidget
{
    Q_OBJECT

public:
    ClientsView(AdminSession *session, MessageBar *messages, QWidget *parent = nullptr);

    ClientsModel *model() const { return m_model; }
    TextFilterProxy *proxy() const { return m_proxy; }
    AdminTableView *table() const { return m_table; }
    QLineEdit *filterEdit() const { return m_filter; }
    QLineEdit *reasonEdit() const { return m_reason; }
    QPushButton *revokeButton() const { return m_revoke; }

private:
    void revokeSelected();
    void updateButtons();

    AdminSession *m_session;
    MessageBar *m_messages;
    ClientsModel *m_model;
    TextFilterProxy *m_proxy;
    AdminTableView *m_table;
    QLineEdit *m_filter;
    QLabel *m_summary;
    QLineEdit *m_reason;
    QPushButton *m_copyAddress;
    QPushButton *m_revoke;
    QTimer m_ages;
    bool m_busy = false;
};

} // namespace fvpn
