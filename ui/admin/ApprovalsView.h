#pragma once

#include "HubSnapshot.h"
#include "Result.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QFormLayout;

namespace fvpn {

class AdminSession;
class AdminTableView;
class MessageBar;
class RequestsModel;
class TextFilterProxy;

// The admin peer approval screen: pending registrations with their evidence;
// approve with the suggested address (editable, checked before it is sent) or
// reject with a reason.
class ApprovalsView : public QWidget
{
    Q_OBJECT

public:
    ApprovalsView(AdminSession *session, MessageBar *messages, QWidget *parent = nullptr);

    RequestsModel *model() const { return m_model; }
    AdminTableView *table() const { return m_table; }
    QLineEdit *addressEdit() const { return m_address; }
    QLabel *addressProblem() const { return m_addressProblem; }
    QLineEdit *reasonEdit() const { return m_reason; }
    QPushButton *approveButton() const { return m_approve; }
    QPushButton *rejectButton() const { return m_reject; }

    // Why `text` cannot be given to the selected request, checked against the
    // hub's pool, its devices and client peers as last seen; success when it can.
    // A null address (empty text, for a key replacement): the hub keeps the old one.
    Result<IpAddress> checkAddress(const QString &text) const;

Q_SIGNALS:
    void pendingCountChanged(int count);

private:
    void showSelected();
    void updateButtons();
    void approveSelected();
    void rejectSelected();
    std::optional<RequestInfo> selectedRequest() const;

    AdminSession *m_session;
    MessageBar *m_messages;
    RequestsModel *m_model;
    TextFilterProxy *m_proxy;
    AdminTableView *m_table;
    QLineEdit *m_filter;
    QWidget *m_details;
    QLabel *m_evidence;
    QLineEdit *m_address;
    QLabel *m_addressProblem;
    QLineEdit *m_reason;
    QPushButton *m_approve;
    QPushButton *m_reject;
    QLabel *m_empty;
    QString m_shownId;
    bool m_addressEdited = false;
    bool m_busy = false;
};

} // namespace fvpn
