#include "TrayIcon.h"

#include "EngineerSession.h"
#include "StateIcons.h"

#include <QApplication>
#include <QClipboard>
#include <QMenu>

namespace fvpn {

TrayIcon::TrayIcon(EngineerSession *session, QObject *parent)
    : QObject(parent)
    , m_session(session)
    , m_menu(new QMenu)
    , m_connect(m_menu->addAction(tr("Connect")))
    , m_open(m_menu->addAction(tr("Open Factory VPN")))
    , m_copyAddress(m_menu->addAction(tr("Copy my VPN address")))
{
    m_menu->addSeparator();
    m_quit = m_menu->addAction(tr("Quit"));
    m_tray.setContextMenu(m_menu);
    connect(this, &QObject::destroyed, m_menu, &QObject::deleteLater);

    connect(m_connect, &QAction::triggered, this, [this]() { m_session->tunnel()->toggle(); });
    connect(m_open, &QAction::triggered, this, &TrayIcon::openRequested);
    connect(m_copyAddress, &QAction::triggered, this, [this]() {
        if (m_session->profile().isApproved())
            QApplication::clipboard()->setText(m_session->profile().lastStatus->tunnel.address.toString());
    });
    connect(m_quit, &QAction::triggered, this, &TrayIcon::quitRequested);
    connect(&m_tray, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason reason) {
        if (reason == QSystemTrayIcon::Trigger)
            activate();
        else if (reason == QSystemTrayIcon::DoubleClick)
            Q_EMIT openRequested();
    });

    connect(m_session, &EngineerSession::stateChanged, this, &TrayIcon::update);
    connect(m_session, &EngineerSession::profileChanged, this, &TrayIcon::update);
    connect(m_session->tunnel()->monitor(), &TunnelMonitor::statusChanged, this, &TrayIcon::update);
    connect(m_session->tunnel(), &TunnelController::busyChanged, this, &TrayIcon::update);
    connect(m_session, &EngineerSession::approved, this, [this]() {
        if (m_tray.isVisible())
            m_tray.showMessage(tr("Factory VPN"), tr("Your request was approved. You can connect now."),
                               StateIcons::icon(AppState::Disconnected));
    });
    connect(m_session, &EngineerSession::registrationChanged, this, [this](const RegistrationStatus &status) {
        if (!m_tray.isVisible())
            return;
        if (status.state == RegistrationState::Rejected || status.state == RegistrationState::Revoked)
            m_tray.showMessage(tr("Factory VPN"), registrationStateText(status.state),
                               QSystemTrayIcon::Warning);
    });

    update();
    if (QSystemTrayIcon::isSystemTrayAvailable())
        m_tray.show();
}

void TrayIcon::activate()
{
    if (m_session->profile().isApproved() && !m_session->tunnel()->isBusy())
        m_session->tunnel()->toggle();
    else
        Q_EMIT openRequested();
}

void TrayIcon::notify(const QString &title, const QString &message)
{
    if (m_tray.isVisible())
        m_tray.showMessage(title, message, QSystemTrayIcon::Information);
}

void TrayIcon::update()
{
    m_state = m_session->state();
    m_tray.setIcon(StateIcons::icon(m_state));

    const ClientProfile &profile = m_session->profile();
    const TunnelStatus &status = m_session->tunnel()->status();
    QString tip = tr("Factory VPN: %1").arg(appStateText(m_state));
    if (profile.isApproved()) {
        tip += u'\n' + tr("Your address: %1").arg(profile.lastStatus->tunnel.address.toString());
        if (status.interfaceExists)
            tip += u'\n' + tr("Last handshake: %1").arg(formatHandshakeAge(status.handshakeAgeSecs));
    } else if (profile.lastStatus && !profile.lastStatus->reason.isEmpty()) {
        tip += u'\n' + tr("Reason: %1").arg(profile.lastStatus->reason);
    }
    if ((m_state == AppState::Stale || m_state == AppState::Error) && !status.detail.isEmpty())
        tip += u'\n' + status.detail;
    m_tray.setToolTip(tip);

    const bool approved = profile.isApproved();
    const bool up = status.interfaceExists || m_state == AppState::Connecting;
    m_connect->setText(up ? tr("Disconnect") : tr("Connect"));
    m_connect->setEnabled(approved && !m_session->tunnel()->isBusy());
    m_copyAddress->setEnabled(approved);
}

} // namespace fvpn
