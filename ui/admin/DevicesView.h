#pragma once

#include <QTimer>
#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;

namespace fvpn {

class AdminSession;
class AdminTableView;
class DevicesModel;
class TextFilterProxy;

// The factory's devices: filter as you type, sort by any column, copy address or key.
class DevicesView : public QWidget
{
    Q_OBJECT

public:
    explicit DevicesView(AdminSession *session, QWidget *parent = nullptr);

    DevicesModel *model() const { return m_model; }
    TextFilterProxy *proxy() const { return m_proxy; }
    AdminTableView *table() const { return m_table; }
    QLineEdit *filterEdit() const { return m_filter; }

private:
    void updateSummary();

    AdminSession *m_session;
    DevicesModel *m_model;
    TextFilterProxy *m_proxy;
    AdminTableView *m_table;
    QLineEdit *m_filter;
    QLabel *m_summary;
    QPushButton *m_copyAddress;
    QPushButton *m_copyKey;
    QTimer m_ages;
};

} // namespace fvpn
