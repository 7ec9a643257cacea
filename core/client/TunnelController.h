#pragma once

#include "BackendChoice.h"
#include "TunnelBackend.h"
#include "TunnelMonitor.h"
#include "TunnelParameters.h"

#include <QObject>
#include <QPointer>

#include <functional>

namespace fvpn {

class KeyManager;

// Connect and Disconnect: picks the backend (automatic or as set), loads the key
// from the keychain only for the `up` call, and keeps the TunnelMonitor pointed
// at the current tunnel.
class TunnelController : public QObject
{
    Q_OBJECT

public:
    using BackendFactory = std::function<TunnelBackend *(BackendKind kind, QObject *parent)>;

    TunnelController(KeyManager *keys, BackendFactory factory, QObject *parent = nullptr);

    void setNetworkManagerRunning(bool running);
    void setPreference(BackendPreference preference);
    BackendPreference preference() const { return m_preference; }
    const BackendDecision &decision() const { return m_decision; }
    TunnelBackend *backend() const { return m_backend; }

    // The approved tunnel; a null one stops the monitor (nothing to connect to).
    void setTunnel(const TunnelParameters &tunnel);
    const TunnelParameters &tunnel() const { return m_tunnel; }

    TunnelMonitor *monitor() { return &m_monitor; }
    const TunnelStatus &status() const { return m_monitor.status(); }
    bool isBusy() const { return m_busy; }

    void connectTunnel();
    void disconnectTunnel();
    void toggle();

Q_SIGNALS:
    void busyChanged(bool busy);
    void failed(const QString &message);

private:
    void rebuildBackend();
    void setBusy(bool busy);

    KeyManager *m_keys;
    BackendFactory m_factory;
    BackendPreference m_preference = BackendPreference::Automatic;
    bool m_networkManagerRunning = false;
    BackendDecision m_decision;
    QPointer<TunnelBackend> m_backend;
    std::optional<BackendKind> m_backendKind;
    TunnelParameters m_tunnel;
    TunnelMonitor m_monitor;
    bool m_busy = false;
};

} // namespace fvpn
