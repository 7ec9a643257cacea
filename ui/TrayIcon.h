#pragma once

#include "AppState.h"

#include <QObject>
#include <QSystemTrayIcon>

#include <functional>

class QAction;
class QMenu;

namespace fvpn {

class EngineerSession;

// The tray icon: one drawn icon per state, a tooltip that says the state in
// words, a click that connects or disconnects (or opens the window while there
// is nothing to connect), and a menu. Without a system tray nothing is shown
// and the app works as a window.
class TrayIcon : public QObject
{
    Q_OBJECT

public:
    TrayIcon(EngineerSession *session, QObject *parent = nullptr);

    bool isShown() const { return m_tray.isVisible(); }
    QString toolTip() const { return m_tray.toolTip(); }
    AppState shownState() const { return m_state; }
    QMenu *menu() const { return m_menu; }
    QAction *connectAction() const { return m_connect; }
    QAction *copyAddressAction() const { return m_copyAddress; }

    // What a click on the icon does.
    void activate();
    // A desktop notification about something else than the tunnel (a new
    // registration for an admin, say); nothing when there is no tray.
    void notify(const QString &title, const QString &message);

Q_SIGNALS:
    void openRequested();
    void quitRequested();

private:
    void update();

    EngineerSession *m_session;
    QSystemTrayIcon m_tray;
    QMenu *m_menu;
    QAction *m_connect;
    QAction *m_open;
    QAction *m_copyAddress;
    QAction *m_quit;
    AppState m_state = AppState::NotRegistered;
};

} // namespace fvpn
