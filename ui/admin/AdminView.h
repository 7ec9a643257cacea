#pragma once

#include "AdminProfile.h"
#include "HubSnapshot.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;
class QStackedWidget;
class QTabWidget;
class QSettings;

namespace fvpn {

class AdminProfileStore;
class AdminSession;
class ApprovalsView;
class AuditView;
class ClientsFileView;
class ClientsView;
class DeviceToDeviceView;
class DevicesView;
class InvitesView;
class MessageBar;
class ProfileForm;
class SecretStore;

// The admin side of the app: pick a hub, then devices, client peers, approvals,
// invites, factory-clients.conf, device-to-device mode and the audit log, each a tab,
// with errors in one message bar above them.
class AdminView : public QWidget
{
    Q_OBJECT

public:
    // Without a profile store (tests), the hub bar is hidden; use connectTo().
    AdminView(AdminProfileStore *profiles, AdminSession *session, QWidget *parent = nullptr);
    // The app's wiring: QSettings for the hub list, the OS keychain for tokens.
    static AdminView *create(QWidget *parent);

    void connectTo(const QUrl &adminUrl, const QString &token, const QString &pin = {});
    void connectProfile(const QString &id);

    AdminSession *session() const { return m_session; }
    MessageBar *messageBar() const { return m_messages; }
    QTabWidget *tabs() const { return m_tabs; }
    DevicesView *devicesView() const { return m_devices; }
    ClientsView *clientsView() const { return m_clients; }
    ApprovalsView *approvalsView() const { return m_approvals; }
    InvitesView *invitesView() const { return m_invites; }
    ClientsFileView *clientsFileView() const { return m_editor; }
    DeviceToDeviceView *deviceToDeviceView() const { return m_deviceToDevice; }
    AuditView *auditView() const { return m_audit; }
    ProfileForm *profileForm() const { return m_form; }
    QPushButton *refreshButton() const { return m_refresh; }
    QLabel *statusLabel() const { return m_status; }
    int approvalsTabIndex() const;

Q_SIGNALS:
    void pendingCountChanged(int count);
    void requestArrived(const fvpn::RequestInfo &request);

private:
    void fillHubBox();
    void showForm(bool editCurrent);
    void saveProfile(const AdminProfile &profile, const QString &token);
    void removeCurrentProfile();
    void setPendingCount(int count);
    void updateStatus();

    AdminProfileStore *m_profiles;
    AdminSession *m_session;
    MessageBar *m_messages;
    QStackedWidget *m_pages;
    QTabWidget *m_tabs;
    ProfileForm *m_form;
    QWidget *m_hubBar;
    QComboBox *m_hubBox;
    QPushButton *m_addHub;
    QPushButton *m_editHub;
    QPushButton *m_removeHub;
    QPushButton *m_refresh;
    QLabel *m_status;
    DevicesView *m_devices;
    ClientsView *m_clients;
    ApprovalsView *m_approvals;
    InvitesView *m_invites;
    ClientsFileView *m_editor;
    DeviceToDeviceView *m_deviceToDevice;
    AuditView *m_audit;
    bool m_sessionErrorShown = false;
};

} // namespace fvpn
