#include "NetworkManagerBackend.h"

#include "NetworkManagerActivation.h"
#include "NetworkManagerProfile.h"
#include "NetworkManagerSecretAgent.h"

#include <QDBusArgument>
#include <QDBusObjectPath>
#include <QDBusPendingCallWatcher>
#include <QDBusVariant>

#include <memory>
#include <utility>

namespace fvpn {

namespace {

const QString SaveFailed = QStringLiteral("NetworkManager could not save the tunnel profile");
const QString ActivateFailed = QStringLiteral("NetworkManager could not activate the tunnel");
const QString DeactivateFailed = QStringLiteral("NetworkManager could not disconnect the tunnel");

// Get on org.freedesktop.DBus.Properties answers a variant; an object path list
// inside it arrives still marshalled.
QList<QString> objectPaths(const QVariant &value)
{
    QList<QDBusObjectPath> paths;
    if (value.canConvert<QDBusArgument>())
        paths = qdbus_cast<QList<QDBusObjectPath>>(value.value<QDBusArgument>());
    else
        paths = value.value<QList<QDBusObjectPath>>();
    QList<QString> result;
    for (const QDBusObjectPath &path : paths)
        result.append(path.path());
    return result;
}

QVariant propertyValue(const QDBusMessage &reply)
{
    if (reply.arguments().isEmpty())
        return {};
    return reply.arguments().constFirst().value<QDBusVariant>().variant();
}

} // namespace

NetworkManagerBackend::NetworkManagerBackend(ToolRunner statusRunner, QString interfaceName,
                                             QDBusConnection bus, QObject *parent)
    : TunnelBackend(parent)
    , m_bus(std::move(bus))
    , m_status(std::move(statusRunner), interfaceName)
    , m_interface(std::move(interfaceName))
    , m_uuid(NetworkManagerProfile::uuidForInterface(m_interface))
    , m_agent(new NetworkManagerSecretAgent(
          m_bus, QString::fromLatin1(NetworkManagerSecretAgent::DefaultIdentifier), this))
{
    nm::registerTypes();
}

NetworkManagerBackend::~NetworkManagerBackend()
{
    // The calls under way die with this object: the caller must still hear the end.
    if (m_upRunning)
        finishUp(
            makeError(ErrorCode::Unavailable,
                      QStringLiteral("The tunnel backend was replaced while the tunnel was connecting.")));
    m_agent->withdraw();
}

QString NetworkManagerBackend::describe() const
{
    return QStringLiteral(
               "NetworkManager over the system D-Bus: profile \"%1\" (%2) on interface %3, the key "
               "given by the app's secret agent only while it connects; status read with wg, run %4")
        .arg(QString::fromLatin1(NetworkManagerProfile::ConnectionName),
             m_uuid.toString(QUuid::WithoutBraces), m_interface, m_status.runner().describe());
}

QDBusMessage NetworkManagerBackend::methodCall(const QString &path, const char *interface,
                                               const QString &method) const
{
    return QDBusMessage::createMethodCall(QString::fromLatin1(nm::Service), path,
                                          QString::fromLatin1(interface), method);
}

void NetworkManagerBackend::call(const QDBusMessage &message, std::function<void(const QDBusMessage &)> then)
{
    auto *watcher = new QDBusPendingCallWatcher(m_bus.asyncCall(message), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [then](QDBusPendingCallWatcher *finished) {
        finished->deleteLater();
        then(finished->reply());
    });
}

void NetworkManagerBackend::up(const WgQuickConfig &config, QObject *context, Done done)
{
    auto failLater = [&](Error error) {
        QMetaObject::invokeMethod(
            context ? context : this, [done, error]() { done(error); }, Qt::QueuedConnection);
    };
    if (m_upRunning)
        return failLater(
            makeError(ErrorCode::Conflict, QStringLiteral("The tunnel is already being connected.")));
    if (config.privateKey.isNull())
        return failLater(
            makeError(ErrorCode::InvalidInput, QStringLiteral("The tunnel has no private key.")));
    const Result<nm::SettingsMap> settings = NetworkManagerProfile::build(config, m_interface, m_uuid);
    if (!settings)
        return failLater(settings.error());
    if (!m_bus.isConnected())
        return failLater(nm::dbusError(ActivateFailed, m_bus.lastError()));

    m_upRunning = true;
    m_upContext = context ? context : this;
    m_upDone = std::move(done);
    // From here on the agent holds the only copy the backend keeps; every way out
    // goes through finishUp(), which wipes it.
    m_agent->offer(m_uuid.toString(QUuid::WithoutBraces), config.privateKey.toBase64());

    saveProfile(*settings, [this](Result<QString> connectionPath) {
        if (!connectionPath)
            return finishUp(connectionPath.error());
        const QString path = *connectionPath;
        m_agent->registerAgent(this, [this, path](Result<void> registered) {
            if (!registered)
                return finishUp(registered.error());
            activate(path);
        });
    });
}

void NetworkManagerBackend::saveProfile(const nm::SettingsMap &settings,
                                        std::function<void(Result<QString>)> then)
{
    QDBusMessage find = methodCall(QString::fromLatin1(nm::SettingsPath), nm::SettingsInterface,
                                   QStringLiteral("GetConnectionByUuid"));
    find << m_uuid.toString(QUuid::WithoutBraces);
    call(find, [this, settings, then](const QDBusMessage &found) {
        const uint flags = nm::SaveToDisk | nm::BlockAutoconnect;
        if (found.type() == QDBusMessage::ReplyMessage && !found.arguments().isEmpty()) {
            // Ours exists: replace its settings in place, so there is never a second one.
            const QString path = found.arguments().constFirst().value<QDBusObjectPath>().path();
            QDBusMessage update = methodCall(path, nm::ConnectionInterface, QStringLiteral("Update2"));
            update << QVariant::fromValue(settings) << flags << QVariantMap();
            return call(update, [path, then](const QDBusMessage &updated) {
                if (updated.type() == QDBusMessage::ErrorMessage)
                    return then(nm::dbusError(SaveFailed, QDBusError(updated)));
                then(path);
            });
        }
        // Any error other than "no such connection" (NetworkManager not running,
        // say) ends here.
        if (found.errorName() != u"org.freedesktop.NetworkManager.Settings.InvalidConnection")
            return then(nm::dbusError(SaveFailed, QDBusError(found)));
        QDBusMessage add = methodCall(QString::fromLatin1(nm::SettingsPath), nm::SettingsInterface,
                                      QStringLiteral("AddConnection2"));
        add << QVariant::fromValue(settings) << flags << QVariantMap();
        call(add, [then](const QDBusMessage &added) {
            if (added.type() == QDBusMessage::ErrorMessage || added.arguments().isEmpty())
                return then(nm::dbusError(SaveFailed, QDBusError(added)));
            then(added.arguments().constFirst().value<QDBusObjectPath>().path());
        });
    });
}

void NetworkManagerBackend::activate(const QString &connectionPath)
{
    QDBusMessage activateCall = methodCall(QString::fromLatin1(nm::ManagerPath), nm::ManagerInterface,
                                           QStringLiteral("ActivateConnection"));
    // "/" for the device: a WireGuard connection creates its own.
    activateCall << QVariant::fromValue(QDBusObjectPath(connectionPath))
                 << QVariant::fromValue(QDBusObjectPath(QStringLiteral("/")))
                 << QVariant::fromValue(QDBusObjectPath(QStringLiteral("/")));
    call(activateCall, [this](const QDBusMessage &reply) {
        if (reply.type() == QDBusMessage::ErrorMessage || reply.arguments().isEmpty()) {
            Error error = nm::dbusError(ActivateFailed, QDBusError(reply));
            // What NetworkManager says when the kernel has no WireGuard: worth a hint.
            if (error.message.contains(QStringLiteral("Operation not supported")))
                error.message += QStringLiteral(" (this computer's kernel seems to have no WireGuard module; "
                                                "choose wg-quick in the settings)");
            return finishUp(error);
        }
        const QString activePath = reply.arguments().constFirst().value<QDBusObjectPath>().path();
        m_activation = new NetworkManagerActivation(m_bus, activePath, m_activationTimeout, this);
        connect(m_activation, &NetworkManagerActivation::finished, this,
                [this, activePath](Result<void> outcome) {
                    if (!outcome) {
                        // Do not leave a half-started connection behind (after a timeout, say).
                        QDBusMessage stop
                            = methodCall(QString::fromLatin1(nm::ManagerPath), nm::ManagerInterface,
                                         QStringLiteral("DeactivateConnection"));
                        stop << QVariant::fromValue(QDBusObjectPath(activePath));
                        call(stop, [](const QDBusMessage &) {});
                    }
                    finishUp(std::move(outcome));
                });
        m_activation->start();
    });
}

void NetworkManagerBackend::finishUp(Result<void> outcome)
{
    m_agent->withdraw();
    if (m_activation) {
        m_activation->deleteLater();
        m_activation = nullptr;
    }
    m_upRunning = false;
    const Done done = std::exchange(m_upDone, nullptr);
    const QPointer<QObject> context = std::exchange(m_upContext, nullptr);
    if (done && context)
        done(std::move(outcome));
}

void NetworkManagerBackend::down(const WgQuickConfig &config, QObject *context, Done done)
{
    Q_UNUSED(config)
    const QPointer<QObject> guard = context ? context : this;
    Done guarded = [guard, done](Result<void> outcome) {
        if (guard)
            done(std::move(outcome));
    };
    if (!m_bus.isConnected()) {
        const Error error = nm::dbusError(DeactivateFailed, m_bus.lastError());
        QMetaObject::invokeMethod(
            guard.data(), [guarded, error]() { guarded(error); }, Qt::QueuedConnection);
        return;
    }
    QDBusMessage get = QDBusMessage::createMethodCall(
        QString::fromLatin1(nm::Service), QString::fromLatin1(nm::ManagerPath),
        QString::fromLatin1(nm::PropertiesInterface), QStringLiteral("Get"));
    get << QString::fromLatin1(nm::ManagerInterface) << QStringLiteral("ActiveConnections");
    call(get, [this, guarded](const QDBusMessage &reply) {
        if (reply.type() == QDBusMessage::ErrorMessage)
            return guarded(nm::dbusError(DeactivateFailed, QDBusError(reply)));
        deactivateMatching(objectPaths(propertyValue(reply)), guarded);
    });
}

// Goes through the active connections one by one and deactivates ours; none
// active is success (nothing to do).
void NetworkManagerBackend::deactivateMatching(QList<QString> activePaths, Done done)
{
    if (activePaths.isEmpty())
        return done({});
    const QString path = activePaths.takeFirst();
    QDBusMessage get
        = QDBusMessage::createMethodCall(QString::fromLatin1(nm::Service), path,
                                         QString::fromLatin1(nm::PropertiesInterface), QStringLiteral("Get"));
    get << QString::fromLatin1(nm::ActiveInterface) << QStringLiteral("Uuid");
    call(get, [this, path, rest = std::move(activePaths), done](const QDBusMessage &reply) {
        // One that vanished meanwhile is simply not ours any more.
        if (reply.type() == QDBusMessage::ErrorMessage
            || propertyValue(reply).toString() != m_uuid.toString(QUuid::WithoutBraces))
            return deactivateMatching(rest, done);
        QDBusMessage stop = methodCall(QString::fromLatin1(nm::ManagerPath), nm::ManagerInterface,
                                       QStringLiteral("DeactivateConnection"));
        stop << QVariant::fromValue(QDBusObjectPath(path));
        call(stop, [this, rest, done](const QDBusMessage &stopped) {
            // Already gone by the time we asked: that is what we wanted.
            if (stopped.type() == QDBusMessage::ErrorMessage
                && !stopped.errorName().endsWith(QStringLiteral(".ConnectionNotActive")))
                return done(nm::dbusError(DeactivateFailed, QDBusError(stopped)));
            deactivateMatching(rest, done);
        });
    });
}

void NetworkManagerBackend::readStatus(QObject *context,
                                       std::function<void(Result<std::optional<WgDump>>)> done)
{
    m_status.read(context ? context : this, std::move(done));
}

} // namespace fvpn
