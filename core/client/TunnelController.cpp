#include "TunnelController.h"

#include "KeyManager.h"
#include "TunnelBackend.h"

namespace fvpn {

namespace {

// NetworkManagerBackend drives NetworkManager over D-Bus (docs/tunnel-backends.md).
constexpr bool NetworkManagerBackendAvailable = true;

} // namespace

TunnelController::TunnelController(KeyManager *keys, BackendFactory factory, QObject *parent)
    : QObject(parent)
    , m_keys(keys)
    , m_factory(std::move(factory))
{
    rebuildBackend();
}

void TunnelController::setNetworkManagerRunning(bool running)
{
    m_networkManagerRunning = running;
    rebuildBackend();
}

void TunnelController::setPreference(BackendPreference preference)
{
    m_preference = preference;
    rebuildBackend();
}

void TunnelController::rebuildBackend()
{
    m_decision = chooseBackend(m_preference, m_networkManagerRunning, NetworkManagerBackendAvailable);
    if (m_decision.kind == m_backendKind && (m_backend || !m_decision.kind))
        return;
    if (m_backend)
        m_backend->deleteLater();
    m_backend = m_decision.kind ? m_factory(*m_decision.kind, this) : nullptr;
    m_backendKind = m_backend ? m_decision.kind : std::nullopt;
    m_monitor.setBackend(m_backend);
    if (m_monitor.isRunning())
        m_monitor.pollNow();
}

void TunnelController::setTunnel(const TunnelParameters &tunnel)
{
    m_tunnel = tunnel;
    m_monitor.setHubKey(tunnel.hubPublicKey);
    if (tunnel.isNull())
        m_monitor.stop();
    else
        m_monitor.start();
}

void TunnelController::setBusy(bool busy)
{
    if (busy == m_busy)
        return;
    m_busy = busy;
    Q_EMIT busyChanged(busy);
}

void TunnelController::connectTunnel()
{
    if (m_busy)
        return;
    if (m_tunnel.isNull())
        return Q_EMIT failed(QStringLiteral("There is no approved tunnel to connect yet."));
    if (!m_backend)
        return Q_EMIT failed(m_decision.explanation);
    setBusy(true);
    m_monitor.beginConnecting();
    m_keys->load(this, [this](Result<PrivateKey> key) {
        if (!key) {
            setBusy(false);
            m_monitor.reportFailure(key.error().message);
            return Q_EMIT failed(key.error().message);
        }
        if (!m_backend) {
            setBusy(false);
            return Q_EMIT failed(m_decision.explanation);
        }
        // The configuration is the key's only holder; it is wiped when it goes
        // out of scope at the end of this block, before wg-quick even runs.
        const WgQuickConfig config = m_tunnel.toWgQuickConfig(std::move(key.value()));
        m_backend->up(config, this, [this](Result<void> up) {
            setBusy(false);
            if (!up) {
                m_monitor.reportFailure(up.error().message);
                return Q_EMIT failed(up.error().message);
            }
            m_monitor.pollNow();
        });
    });
}

void TunnelController::disconnectTunnel()
{
    if (m_busy || !m_backend)
        return;
    m_monitor.clearAttempt();
    if (!m_monitor.status().interfaceExists) {
        m_monitor.pollNow();
        return;
    }
    setBusy(true);
    const WgQuickConfig config = m_tunnel.toWgQuickConfig(PrivateKey());
    m_backend->down(config, this, [this](Result<void> down) {
        setBusy(false);
        if (!down)
            Q_EMIT failed(down.error().message);
        m_monitor.pollNow();
    });
}

void TunnelController::toggle()
{
    const TunnelState state = m_monitor.status().state;
    if (state == TunnelState::Disconnected
        || (state == TunnelState::Error && !m_monitor.status().interfaceExists))
        connectTunnel();
    else
        disconnectTunnel();
}

} // namespace fvpn
