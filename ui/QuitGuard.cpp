#include "QuitGuard.h"

#include "EngineerSession.h"
#include "MessageBox.h"

#include <QWidget>

namespace fvpn {

QuitGuard::QuitGuard(EngineerSession *session, QWidget *dialogParent, QObject *parent)
    : QObject(parent)
    , m_session(session)
    , m_dialogParent(dialogParent)
{ }

void QuitGuard::requestQuit()
{
    TunnelController *tunnel = m_session->tunnel();
    if (!tunnel->status().interfaceExists && !tunnel->isBusy()) {
        Q_EMIT quitNow();
        return;
    }
    const auto answer = MessageBox::question(
        m_dialogParent, tr("Quit Factory VPN"), tr("The VPN tunnel is up. Disconnect it before quitting?"),
        QMessageBox::Yes | QMessageBox::No | QMessageBox::Cancel, QMessageBox::Yes,
        tr("Yes disconnects and quits. No quits and leaves the tunnel up; it then runs without the app "
           "showing "
           "its state."));
    if (answer == QMessageBox::No) {
        Q_EMIT quitNow();
        return;
    }
    if (answer != QMessageBox::Yes)
        return;
    connect(tunnel, &TunnelController::busyChanged, this, [this](bool busy) {
        if (!busy)
            Q_EMIT quitNow();
    });
    tunnel->disconnectTunnel();
    if (!tunnel->isBusy())
        Q_EMIT quitNow();
}

} // namespace fvpn
