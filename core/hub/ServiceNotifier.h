#pragma once

#include "HubStatus.h"

#include <QObject>
#include <QTimer>

namespace fvpn {

// Tells systemd how the hub is doing (Type=notify, libsystemd's sd_notify):
// READY=1 once the first reconcile is done, STATUS= with the peers and the last
// apply after every change, WATCHDOG=1 from the event loop while it turns, and
// EXTEND_TIMEOUT_USEC= while the hub waits for its factory config, so a slow API
// does not fail the start. Without $NOTIFY_SOCKET (not started by systemd) it
// does nothing.
class ServiceNotifier : public QObject
{
    Q_OBJECT

public:
    explicit ServiceNotifier(QObject *parent = nullptr);

    // $NOTIFY_SOCKET is set.
    bool isActive() const { return m_active; }
    // The watchdog interval systemd asked for (WatchdogSec=), 0 if none.
    qint64 watchdogMs() const { return m_watchdogMs; }

    // After every status change.
    void update(const HubStatus &status);
    // SIGTERM: STOPPING=1, so systemd shows "deactivating" instead of a failure.
    void stopping();

    // The one-line STATUS= text for `systemctl status`.
    static QString statusLine(const HubStatus &status);

    // While waiting for the factory config, each keep-alive extends the start
    // timeout by this much.
    static constexpr qint64 StartExtensionMs = 90'000;

private:
    void send(const QByteArray &state);
    void keepAlive();

    bool m_active = false;
    bool m_ready = false;
    bool m_waiting = false;
    qint64 m_watchdogMs = 0;
    QString m_lastStatus;
    QTimer m_timer;
};

} // namespace fvpn
