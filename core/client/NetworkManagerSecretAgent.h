#pragma once

#include "NetworkManagerDBus.h"
#include "Result.h"
#include "SecureBuffer.h"

#include <QDBusConnection>
#include <QDBusContext>
#include <QDBusMessage>
#include <QDBusObjectPath>
#include <QObject>
#include <QStringList>

#include <functional>

namespace fvpn {

// The app's NetworkManager secret agent (org.freedesktop.NetworkManager.SecretAgent).
//
// It knows one secret: the private key of the tunnel being activated, handed to
// it with offer() for the length of that activation and wiped by withdraw(). It
// answers GetSecrets for that connection's "wireguard" setting only; every other
// request gets the NoSecrets error, as does ours when no activation is under way.
// It never stores anything: SaveSecrets and DeleteSecrets succeed without doing
// anything, because the key lives in the keychain and NetworkManager must not keep it.
class NetworkManagerSecretAgent : public QObject, protected QDBusContext
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.NetworkManager.SecretAgent")

public:
    static constexpr auto DefaultIdentifier = "io.factoryvpn.agent";

    explicit NetworkManagerSecretAgent(QDBusConnection bus,
                                       QString identifier = QString::fromLatin1(DefaultIdentifier),
                                       QObject *parent = nullptr);
    ~NetworkManagerSecretAgent() override;

    // Puts the agent on the bus (once) and registers it with NetworkManager's
    // AgentManager. Registering again is harmless, and needed after NetworkManager
    // restarted.
    void registerAgent(QObject *context, std::function<void(Result<void>)> done);

    // The key (base64 text, as NetworkManager wants it) for the connection with
    // this uuid; replaces and wipes an earlier one.
    void offer(const QString &connectionUuid, SecureBuffer base64Key);
    void withdraw();
    bool holdsKey() const { return !m_key.isNull(); }
    int answeredRequests() const { return m_answered; } // GetSecrets answered with the key

    // D-Bus methods, named as the interface names them.
public Q_SLOTS:
    Q_SCRIPTABLE nm::SettingsMap GetSecrets(const nm::SettingsMap &connection,
                                            const QDBusObjectPath &connectionPath, const QString &settingName,
                                            const QStringList &hints, uint flags);
    Q_SCRIPTABLE void CancelGetSecrets(const QDBusObjectPath &connectionPath, const QString &settingName);
    Q_SCRIPTABLE void SaveSecrets(const nm::SettingsMap &connection, const QDBusObjectPath &connectionPath);
    Q_SCRIPTABLE void DeleteSecrets(const nm::SettingsMap &connection, const QDBusObjectPath &connectionPath);

Q_SIGNALS:
    // NetworkManager asked for our key and got it; for the activation's bookkeeping.
    void secretsProvided();

private:
    QDBusMessage agentManagerCall(const QString &method) const;
    nm::SettingsMap refuse(const QString &why);

    QDBusConnection m_bus;
    QString m_identifier;
    bool m_exported = false;
    QString m_uuid;
    SecureBuffer m_key;
    int m_answered = 0;
};

} // namespace fvpn
