#include "ServiceNotifier.h"

#include "HubLog.h"

#include <cstring>
#include <systemd/sd-daemon.h>

using namespace Qt::StringLiterals;

namespace fvpn {

ServiceNotifier::ServiceNotifier(QObject *parent)
    : QObject(parent)
    , m_active(qEnvironmentVariableIsSet("NOTIFY_SOCKET"))
{
    if (!m_active)
        return;
    uint64_t usec = 0;
    // 0 asks for the variables to stay: the hub's children (wireguard-go, nft)
    // do not see them anyway, as NotifyAccess=main ignores them.
    if (sd_watchdog_enabled(0, &usec) > 0)
        m_watchdogMs = qint64(usec / 1000);
    // Half the watchdog interval, as sd_watchdog_enabled(3) recommends; while
    // waiting for the config, often enough to extend the start timeout in time.
    qint64 interval = StartExtensionMs / 3;
    if (m_watchdogMs > 0)
        interval = qMin(interval, qMax<qint64>(m_watchdogMs / 2, 1));
    m_timer.setInterval(std::chrono::milliseconds(interval));
    connect(&m_timer, &QTimer::timeout, this, &ServiceNotifier::keepAlive);
    m_timer.start();
}

void ServiceNotifier::send(const QByteArray &state)
{
    if (!m_active)
        return;
    const int sent = sd_notify(0, state.constData());
    if (sent < 0)
        qCWarning(lcHub).noquote() << "sd_notify failed:" << QString::fromLocal8Bit(std::strerror(-sent));
}

void ServiceNotifier::keepAlive()
{
    QByteArray state;
    if (m_watchdogMs > 0)
        state += "WATCHDOG=1\n";
    if (m_waiting && !m_ready)
        state += "EXTEND_TIMEOUT_USEC=" + QByteArray::number(StartExtensionMs * 1000) + '\n';
    if (!state.isEmpty())
        send(state);
}

QString ServiceNotifier::statusLine(const HubStatus &status)
{
    if (status.phase == u"waiting-for-config")
        return u"waiting for the factory config: %1"_s.arg(status.inventoryError.left(200));
    if (status.phase == u"starting")
        return u"starting"_s;
    if (status.phase == u"stopped")
        return u"stopped; interface %1 and its peers stay up"_s.arg(status.interfaceName);
    if (status.phase == u"failed")
        return u"failed: %1"_s.arg(status.lastApplyError.left(200));
    QString line = u"%1 devices, %2 clients, %3 live peers on %4"_s.arg(status.peerDevices)
                       .arg(status.peerClients)
                       .arg(status.livePeers)
                       .arg(status.interfaceName);
    if (status.lastApplyAt.isValid()) {
        const QString at = status.lastApplyAt.toString(Qt::ISODate);
        if (status.lastApplyOk)
            line += u"; last apply %1 ok (+%2 ~%3 -%4)"_s.arg(at)
                        .arg(status.lastAdded)
                        .arg(status.lastChanged)
                        .arg(status.lastRemoved);
        else
            line += u"; last apply %1 FAILED: %2"_s.arg(
                at,
                (status.lastApplyError.isEmpty() ? status.firewallError : status.lastApplyError).left(200));
    }
    if (!status.inventoryError.isEmpty())
        line += u"; inventory: %1"_s.arg(status.inventoryError.left(200));
    return line;
}

void ServiceNotifier::update(const HubStatus &status)
{
    if (!m_active)
        return;
    const bool wasWaiting = m_waiting;
    m_waiting = status.phase == u"waiting-for-config";
    QByteArray state;
    const QString line = statusLine(status);
    if (line != m_lastStatus) {
        m_lastStatus = line;
        // One line: STATUS= ends at the newline.
        state += "STATUS=" + QString(line).replace(u'\n', u' ').toUtf8() + '\n';
    }
    if (!m_ready && status.phase == u"running" && status.reconcileCount > 0) {
        m_ready = true;
        state += "READY=1\n";
    }
    if (m_waiting && !wasWaiting && !m_ready)
        state += "EXTEND_TIMEOUT_USEC=" + QByteArray::number(StartExtensionMs * 1000) + '\n';
    if (!state.isEmpty())
        send(state);
}

void ServiceNotifier::stopping()
{
    send("STOPPING=1\nSTATUS=stopping; the interface and its peers stay up\n");
}

} // namespace fvpn
