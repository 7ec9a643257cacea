#include "TunnelMonitor.h"

#include "TunnelBackend.h"

#include <QDateTime>

namespace fvpn {

TunnelMonitor::TunnelMonitor(QObject *parent)
    : QObject(parent)
    , m_clock([]() { return QDateTime::currentSecsSinceEpoch(); })
{
    m_timer.setInterval(std::chrono::seconds(2));
    connect(&m_timer, &QTimer::timeout, this, &TunnelMonitor::pollNow);
}

void TunnelMonitor::setBackend(TunnelBackend *backend)
{
    m_backend = backend;
    ++m_generation;
    m_pollInFlight = false;
}

void TunnelMonitor::setPollInterval(std::chrono::milliseconds interval)
{
    m_timer.setInterval(interval);
}

void TunnelMonitor::start()
{
    m_timer.start();
    pollNow();
}

void TunnelMonitor::stop()
{
    m_timer.stop();
}

void TunnelMonitor::pollNow()
{
    if (!m_backend || m_pollInFlight)
        return;
    m_pollInFlight = true;
    const quint64 generation = m_generation;
    m_backend->readStatus(this, [this, generation](Result<std::optional<WgDump>> dump) {
        if (generation != m_generation)
            return;
        m_pollInFlight = false;
        apply(dump);
    });
}

void TunnelMonitor::beginConnecting()
{
    m_connecting = true;
    m_connectingSince = m_clock();
    m_lastError.clear();
    if (m_status.state != TunnelState::Connected) {
        m_status.state = TunnelState::Connecting;
        m_status.detail = QStringLiteral("Bringing the tunnel up…");
        Q_EMIT statusChanged(m_status);
    }
}

void TunnelMonitor::clearAttempt()
{
    m_connecting = false;
    m_lastError.clear();
}

void TunnelMonitor::reportFailure(const QString &message)
{
    m_connecting = false;
    m_lastError = message;
    pollNow();
}

void TunnelMonitor::apply(const Result<std::optional<WgDump>> &dump)
{
    const qint64 now = m_clock();
    TunnelObservation observation;
    observation.connecting = m_connecting;
    observation.connectingSecs = now - m_connectingSince;
    observation.lastError = m_lastError;
    TunnelStatus status
        = evaluateTunnel(dump, m_hubKey, observation, now, m_staleAfterSecs, m_connectTimeoutSecs);
    // Once the hub has answered, or the attempt timed out, later staleness is
    // staleness, not a slow start.
    if (status.state == TunnelState::Connected || status.state == TunnelState::Stale)
        m_connecting = false;
    if (status == m_status)
        return;
    m_status = status;
    Q_EMIT statusChanged(m_status);
}

} // namespace fvpn
