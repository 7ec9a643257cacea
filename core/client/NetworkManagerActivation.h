#pragma once

#include "NetworkManagerDBus.h"
#include "Result.h"

#include <QDBusConnection>
#include <QObject>
#include <QTimer>

#include <chrono>
#include <optional>

namespace fvpn {

// Follows one active connection (org.freedesktop.NetworkManager.Connection.Active)
// from ActivateConnection until it is activated, fails or takes too long, and
// reports that once through finished(). Subscribes to StateChanged before it
// reads State, so a change in between is not missed.
class NetworkManagerActivation : public QObject
{
    Q_OBJECT

public:
    NetworkManagerActivation(QDBusConnection bus, QString activePath, std::chrono::milliseconds timeout,
                             QObject *parent = nullptr);
    ~NetworkManagerActivation() override;

    void start();
    const QString &activePath() const { return m_path; }

Q_SIGNALS:
    void finished(Result<void> outcome);

private Q_SLOTS:
    void onStateChanged(uint state, uint reason);

private:
    void apply(uint state, std::optional<uint> reason);
    void finish(Result<void> outcome);

    QDBusConnection m_bus;
    QString m_path;
    QTimer m_timeout;
    bool m_subscribed = false;
    bool m_done = false;
};

} // namespace fvpn
