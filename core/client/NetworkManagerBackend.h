#pragma once

#include "NetworkManagerDBus.h"
#include "ToolRunner.h"
#include "TunnelBackend.h"
#include "WgStatusReader.h"

#include <QDBusConnection>
#include <QDBusMessage>
#include <QPointer>
#include <QUuid>

#include <chrono>

namespace fvpn {

class NetworkManagerActivation;
class NetworkManagerSecretAgent;

// The tunnel as a NetworkManager connection, driven over the system D-Bus
// (docs/tunnel-backends.md).
//
// up() saves the profile (NetworkManagerProfile: the private key is agent-owned,
// so NetworkManager never stores it), registers the app's secret agent, hands it
// the key for this one activation, activates the profile and follows the active
// connection until it is up or has failed; the agent's copy of the key is wiped
// then, whatever the outcome. down() deactivates it; the profile stays, it holds
// no secret. readStatus() reads handshakes and counters with `wg show`, because
// NetworkManager does not expose per-peer handshakes on D-Bus.
class NetworkManagerBackend : public TunnelBackend
{
    Q_OBJECT

public:
    static constexpr auto DefaultInterface = "factoryvpn";
    static constexpr std::chrono::seconds DefaultActivationTimeout { 60 };

    // `statusRunner` runs `wg show` for readStatus (the pkexec status helper for a
    // normal user); `bus` is the system bus (tests pass a private one).
    explicit NetworkManagerBackend(ToolRunner statusRunner,
                                   QString interfaceName = QString::fromLatin1(DefaultInterface),
                                   QDBusConnection bus = QDBusConnection::systemBus(),
                                   QObject *parent = nullptr);
    ~NetworkManagerBackend() override;

    QString name() const override { return QStringLiteral("NetworkManager"); }
    QString interfaceName() const override { return m_interface; }
    QString describe() const override;

    void up(const WgQuickConfig &config, QObject *context, std::function<void(Result<void>)> done) override;
    void down(const WgQuickConfig &config, QObject *context, std::function<void(Result<void>)> done) override;
    void readStatus(QObject *context, std::function<void(Result<std::optional<WgDump>>)> done) override;

    QUuid profileUuid() const { return m_uuid; }
    NetworkManagerSecretAgent *secretAgent() const { return m_agent; }
    void setActivationTimeout(std::chrono::milliseconds timeout) { m_activationTimeout = timeout; }

private:
    using Done = std::function<void(Result<void>)>;

    // Calls NetworkManager; `then` runs with the reply (an error reply included)
    // as long as this backend lives.
    void call(const QDBusMessage &message, std::function<void(const QDBusMessage &)> then);
    QDBusMessage methodCall(const QString &path, const char *interface, const QString &method) const;

    void saveProfile(const nm::SettingsMap &settings, std::function<void(Result<QString>)> then);
    void activate(const QString &connectionPath);
    void finishUp(Result<void> outcome);
    void deactivateMatching(QList<QString> activePaths, Done done);

    QDBusConnection m_bus;
    WgStatusReader m_status;
    QString m_interface;
    QUuid m_uuid;
    NetworkManagerSecretAgent *m_agent;
    std::chrono::milliseconds m_activationTimeout = DefaultActivationTimeout;
    // The up() under way: its caller and the active connection it follows.
    QPointer<QObject> m_upContext;
    Done m_upDone;
    bool m_upRunning = false;
    NetworkManagerActivation *m_activation = nullptr;
};

} // namespace fvpn
