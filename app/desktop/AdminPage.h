#pragma once

#include "AdminProfileStore.h"
#include "AdminSession.h"

#include <QObject>

class QAction;
class QSettings;

namespace fvpn {

class AdminView;
class MainWindow;
class SecretStore;
class TrayIcon;

// Wires the admin view into the app: a page in the window (for those who manage a
// hub: when a hub profile exists, or with --admin), the pending count on that
// page's tab and in the tray menu, and a notification when a request arrives.
class AdminPage : public QObject
{
    Q_OBJECT

public:
    // `settings` and `secrets` must outlive this object.
    AdminPage(QSettings *settings, SecretStore *secrets, QObject *parent = nullptr);

    bool wanted(const QStringList &arguments) const;
    // `show`: open on this page (factory-vpn --admin), not on the engineer's.
    void attach(MainWindow *window, TrayIcon *tray, bool show);
    // Fetch from the hub now (this computer's own registration just changed, say),
    // so the waiting count is not up to a refresh interval behind.
    void refresh();

private:
    AdminProfileStore m_profiles;
    AdminSession m_session;
    AdminView *m_view = nullptr;
    QAction *m_pending = nullptr;
};

} // namespace fvpn
