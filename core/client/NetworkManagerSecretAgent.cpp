#include "NetworkManagerSecretAgent.h"

#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QPointer>

namespace fvpn {

NetworkManagerSecretAgent::NetworkManagerSecretAgent(QDBusConnection bus, QString identifier, QObject *parent)
    : QObject(parent)
    , m_bus(std::move(bus))
    , m_identifier(std::move(identifier))
{
    nm::registerTypes();
}

NetworkManagerSecretAgent::~NetworkManagerSecretAgent()
{
    if (m_exported) {
        // Without this NetworkManager would keep calling a path that no longer answers.
        m_bus.send(agentManagerCall(QStringLiteral("Unregister")));
        m_bus.unregisterObject(QString::fromLatin1(nm::SecretAgentPath));
    }
}

void NetworkManagerSecretAgent::registerAgent(QObject *context, std::function<void(Result<void>)> done)
{
    if (!context)
        context = this;
    const QString what = QStringLiteral("NetworkManager did not accept the app's secret agent");
    if (!m_exported) {
        if (!m_bus.isConnected()) {
            const Error error = nm::dbusError(what, m_bus.lastError());
            QMetaObject::invokeMethod(
                context, [done, error]() { done(error); }, Qt::QueuedConnection);
            return;
        }
        m_exported = m_bus.registerObject(QString::fromLatin1(nm::SecretAgentPath), this,
                                          QDBusConnection::ExportScriptableSlots);
        if (!m_exported) {
            const Error error = makeError(ErrorCode::Internal,
                                          QStringLiteral("%1: the path %2 is taken on this D-Bus connection.")
                                              .arg(what, QString::fromLatin1(nm::SecretAgentPath)));
            QMetaObject::invokeMethod(
                context, [done, error]() { done(error); }, Qt::QueuedConnection);
            return;
        }
    }
    // NetworkManager refuses a second Register of the same identifier from the
    // same user, even from the connection that registered it before (a backend
    // rebuilt after a settings change). Unregistering first makes registering
    // idempotent for this connection; another process holding the identifier
    // still gets its clear refusal.
    auto *unregister = new QDBusPendingCallWatcher(
        m_bus.asyncCall(agentManagerCall(QStringLiteral("Unregister"))), context);
    QObject::connect(unregister, &QDBusPendingCallWatcher::finished, context,
                     [this, context, done, what](QDBusPendingCallWatcher *unregistered) {
                         unregistered->deleteLater();
                         QDBusMessage call = agentManagerCall(QStringLiteral("Register"));
                         call << m_identifier;
                         auto *watcher = new QDBusPendingCallWatcher(m_bus.asyncCall(call), context);
                         QObject::connect(watcher, &QDBusPendingCallWatcher::finished, context,
                                          [done, what](QDBusPendingCallWatcher *finished) {
                                              finished->deleteLater();
                                              const QDBusPendingReply<> reply = *finished;
                                              if (reply.isError())
                                                  return done(nm::dbusError(what, reply.error()));
                                              done({});
                                          });
                     });
}

QDBusMessage NetworkManagerSecretAgent::agentManagerCall(const QString &method) const
{
    return QDBusMessage::createMethodCall(QString::fromLatin1(nm::Service),
                                          QString::fromLatin1(nm::AgentManagerPath),
                                          QString::fromLatin1(nm::AgentManagerInterface), method);
}

void NetworkManagerSecretAgent::offer(const QString &connectionUuid, SecureBuffer base64Key)
{
    m_uuid = connectionUuid;
    m_key = std::move(base64Key);
}

void NetworkManagerSecretAgent::withdraw()
{
    m_key = SecureBuffer(); // the old buffer wipes itself
    m_uuid.clear();
}

nm::SettingsMap NetworkManagerSecretAgent::refuse(const QString &why)
{
    if (calledFromDBus())
        sendErrorReply(QString::fromLatin1(nm::NoSecretsError), why);
    return {};
}

nm::SettingsMap NetworkManagerSecretAgent::GetSecrets(const nm::SettingsMap &connection,
                                                      const QDBusObjectPath &connectionPath,
                                                      const QString &settingName, const QStringList &hints,
                                                      uint flags)
{
    Q_UNUSED(connectionPath)
    Q_UNUSED(hints)
    Q_UNUSED(flags)
    const QString uuid
        = connection.value(QStringLiteral("connection")).value(QStringLiteral("uuid")).toString();
    if (m_key.isNull() || uuid.isEmpty() || uuid != m_uuid)
        return refuse(QStringLiteral("Factory VPN has no secrets for this connection."));
    if (settingName != u"wireguard")
        return refuse(QStringLiteral("Factory VPN has no secrets for the setting '%1'.").arg(settingName));
    ++m_answered;
    Q_EMIT secretsProvided();
    // The D-Bus message needs the key as a string; this copy lives on the ordinary
    // heap only until QtDBus has serialised the reply.
    return { { settingName, { { QStringLiteral("private-key"), QString::fromLatin1(m_key.view()) } } } };
}

void NetworkManagerSecretAgent::CancelGetSecrets(const QDBusObjectPath &connectionPath,
                                                 const QString &settingName)
{
    // Answers are immediate: there is never a pending request to cancel.
    Q_UNUSED(connectionPath)
    Q_UNUSED(settingName)
}

void NetworkManagerSecretAgent::SaveSecrets(const nm::SettingsMap &connection,
                                            const QDBusObjectPath &connectionPath)
{
    // The key belongs in the keychain only; nothing NetworkManager sends is kept.
    Q_UNUSED(connection)
    Q_UNUSED(connectionPath)
}

void NetworkManagerSecretAgent::DeleteSecrets(const nm::SettingsMap &connection,
                                              const QDBusObjectPath &connectionPath)
{
    Q_UNUSED(connection)
    Q_UNUSED(connectionPath)
}

} // namespace fvpn
