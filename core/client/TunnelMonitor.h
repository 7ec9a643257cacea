#pragma once

#include "PublicKey.h"
#include "TunnelBackend.h"
#include "TunnelStatus.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

#include <chrono>
#include <functional>

namespace fvpn {

// Follows the real tunnel: polls the backend's `wg show <if> dump` and turns it
// into Disconnected / Connecting / Connected / Stale / Error (evaluateTunnel).
// It knows nothing of how the tunnel was brought up; the session tells it when
// an `up` starts and when one failed.
class TunnelMonitor : public QObject
{
    Q_OBJECT

public:
    static constexpr int DefaultStaleAfterSecs = 180;
    static constexpr int DefaultConnectTimeoutSecs = 30;

    explicit TunnelMonitor(QObject *parent = nullptr);

    void setBackend(TunnelBackend *backend);
    void setHubKey(const PublicKey &key) { m_hubKey = key; }
    void setPollInterval(std::chrono::milliseconds interval);
    void setStaleAfter(int seconds) { m_staleAfterSecs = seconds; }
    void setConnectTimeout(int seconds) { m_connectTimeoutSecs = seconds; }
    // Seconds since the epoch; tests replace it.
    void setClock(std::function<qint64()> clock) { m_clock = std::move(clock); }

    void start();
    void stop();
    bool isRunning() const { return m_timer.isActive(); }
    // Polls now (unless a poll is under way), without waiting for the timer.
    void pollNow();

    // An `up` is starting: Connecting until a handshake, or Stale after the timeout.
    void beginConnecting();
    // The tunnel was taken down on purpose: no longer connecting, no old error.
    void clearAttempt();
    // The backend failed; shown as Error while the interface is absent.
    void reportFailure(const QString &message);

    const TunnelStatus &status() const { return m_status; }

Q_SIGNALS:
    // Emitted when anything in the status changed (the age ticks, so usually each poll).
    void statusChanged(const fvpn::TunnelStatus &status);

private:
    void apply(const Result<std::optional<WgDump>> &dump);

    QPointer<TunnelBackend> m_backend;
    PublicKey m_hubKey;
    QTimer m_timer;
    int m_staleAfterSecs = DefaultStaleAfterSecs;
    int m_connectTimeoutSecs = DefaultConnectTimeoutSecs;
    std::function<qint64()> m_clock;
    bool m_connecting = false;
    qint64 m_connectingSince = 0;
    QString m_lastError;
    bool m_pollInFlight = false;
    quint64 m_generation = 0; // answers from before a backend change are dropped
    TunnelStatus m_status;
};

} // namespace fvpn
