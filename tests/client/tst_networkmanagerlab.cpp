// The NetworkManager backend against a real NetworkManager on a private system
// bus, started by nm-lab.sh (run it through ctest -L lab, as root).
#include "AsyncWait.h"
#include "NetworkManagerBackend.h"
#include "NetworkManagerDBus.h"
#include "NetworkManagerProfile.h"
#include "NetworkManagerSecretAgent.h"
#include "TestKeys.h"
#include "WgQuickConfig.h"

#include <QDBusArgument>
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QDBusObjectPath>
#include <QDBusPendingCallWatcher>
#include <QDBusVariant>
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QtTest>

#include <sys/stat.h>

using namespace fvpn;
using namespace fvpn::test;
using namespace Qt::StringLiterals;

namespace {

QString env(const char *name)
{
    return qEnvironmentVariable(name);
}

// Calls over D-Bus while this thread's event loop keeps running: the agent that
// answers may live in this very process, on another connection.
QDBusMessage callAndWait(const QDBusConnection &bus, const QDBusMessage &message)
{
    QDBusPendingCallWatcher watcher(bus.asyncCall(message, 20000));
    if (!watcher.isFinished()) {
        QEventLoop loop;
        QObject::connect(&watcher, &QDBusPendingCallWatcher::finished, &loop, &QEventLoop::quit);
        loop.exec();
    }
    return watcher.reply();
}

QDBusMessage nmCall(const QDBusConnection &bus, const QString &path, const char *interface,
                    const QString &method, const QVariantList &arguments = {})
{
    QDBusMessage message = QDBusMessage::createMethodCall(QString::fromLatin1(nm::Service), path,
                                                          QString::fromLatin1(interface), method);
    message.setArguments(arguments);
    return callAndWait(bus, message);
}

nm::SettingsMap settingsFromReply(const QDBusMessage &reply)
{
    return qdbus_cast<nm::SettingsMap>(reply.arguments().constFirst());
}

nm::DictList dictList(const QVariant &value)
{
    return qdbus_cast<nm::DictList>(value.value<QDBusArgument>());
}

} // namespace

class TestNetworkManagerLab : public QObject
{
    Q_OBJECT

private:
    QString m_keyfileDir;
    bool m_kernelWireGuard = false;
    QDBusConnection m_observer { QString() }; // plays NetworkManager's part towards the agent
    PrivateKey m_key;
    QString m_keyBase64;
    PublicKey m_hubKey;

    WgQuickConfig config(const QString &endpoint) const
    {
        WgQuickConfig config;
        config.privateKey = PrivateKey::fromBase64(m_keyBase64.toLatin1()).value();
        config.addresses.append(InterfaceAddress::parse(u"10.42.42.10/24").value());
        WgQuickPeer hub;
        hub.publicKey = m_hubKey;
        hub.allowedIps.append(IpNetwork::parse(u"10.42.42.0/24").value());
        hub.endpoint = Endpoint::parse(endpoint).value();
        hub.persistentKeepalive = 25;
        config.peers.append(hub);
        return config;
    }

    QString profilePath(const QUuid &uuid) const
    {
        const QDBusMessage found
            = nmCall(m_observer, QString::fromLatin1(nm::SettingsPath), nm::SettingsInterface,
                     QStringLiteral("GetConnectionByUuid"), { uuid.toString(QUuid::WithoutBraces) });
        if (found.type() != QDBusMessage::ReplyMessage)
            return {};
        return found.arguments().constFirst().value<QDBusObjectPath>().path();
    }

    nm::SettingsMap profileSettings(const QUuid &uuid) const
    {
        const QString path = profilePath(uuid);
        if (path.isEmpty())
            return {};
        return settingsFromReply(
            nmCall(m_observer, path, nm::ConnectionInterface, QStringLiteral("GetSettings")));
    }

    // Profiles called "Factory VPN" or carrying our uuid, over the whole of NetworkManager.
    int countOurProfiles(const QUuid &uuid) const
    {
        const QDBusMessage list = nmCall(m_observer, QString::fromLatin1(nm::SettingsPath),
                                         nm::SettingsInterface, QStringLiteral("ListConnections"));
        int count = 0;
        for (const QDBusObjectPath &path :
             qdbus_cast<QList<QDBusObjectPath>>(list.arguments().constFirst().value<QDBusArgument>())) {
            const nm::SettingsMap settings = settingsFromReply(
                nmCall(m_observer, path.path(), nm::ConnectionInterface, QStringLiteral("GetSettings")));
            const QVariantMap connection = settings.value(QStringLiteral("connection"));
            if (connection.value(QStringLiteral("uuid")).toString() == uuid.toString(QUuid::WithoutBraces)
                || connection.value(QStringLiteral("id")).toString() == u"Factory VPN")
                ++count;
        }
        return count;
    }

    // Every file NetworkManager wrote for its profiles, with its content.
    QMap<QString, QByteArray> keyfiles() const
    {
        QMap<QString, QByteArray> files;
        const QDir dir(m_keyfileDir);
        for (const QFileInfo &info : dir.entryInfoList(QDir::Files | QDir::Hidden)) {
            QFile file(info.absoluteFilePath());
            if (file.open(QIODevice::ReadOnly))
                files.insert(info.fileName(), file.readAll());
        }
        return files;
    }

    void verifyNoKeyOnDisk()
    {
        const QMap<QString, QByteArray> files = keyfiles();
        QVERIFY(!files.isEmpty());
        for (auto it = files.cbegin(); it != files.cend(); ++it) {
            QVERIFY2(!it.value().contains(m_keyBase64.toLatin1()), qPrintable(it.key()));
            QVERIFY2(!it.value().contains("private-key="), qPrintable(it.key()));
            struct stat info
            {
            };
            QCOMPARE(::stat(QFile::encodeName(m_keyfileDir + u'/' + it.key()).constData(), &info), 0);
            QCOMPARE(info.st_mode & 07777, 0600u);
        }
    }

    QDBusMessage askAgent(const QString &agentService, const QString &uuid, const QString &setting) const
    {
        QDBusMessage message = QDBusMessage::createMethodCall(
            agentService, QString::fromLatin1(nm::SecretAgentPath),
            QString::fromLatin1(nm::SecretAgentInterface), QStringLiteral("GetSecrets"));
        const nm::SettingsMap connection { { QStringLiteral("connection"),
                                             { { QStringLiteral("uuid"), uuid },
                                               { QStringLiteral("type"), QStringLiteral("wireguard") } } } };
        message << QVariant::fromValue(connection)
                << QVariant::fromValue(
                       QDBusObjectPath(QStringLiteral("/org/freedesktop/NetworkManager/Settings/1")))
                << setting << QStringList() << 0u;
        return callAndWait(m_observer, message);
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (env("FVPN_NMLAB_DIR").isEmpty())
            QSKIP("run through nm-lab.sh (ctest -L lab, as root)");
        nm::registerTypes();
        m_keyfileDir = env("FVPN_NMLAB_KEYFILE_DIR");
        m_kernelWireGuard = env("FVPN_NMLAB_KERNEL_WIREGUARD") == u"1";
        QVERIFY(QDBusConnection::systemBus().isConnected());
        QVERIFY(
            QDBusConnection::systemBus().interface()->isServiceRegistered(QString::fromLatin1(nm::Service)));
        m_observer = QDBusConnection::connectToBus(qEnvironmentVariable("DBUS_SYSTEM_BUS_ADDRESS"),
                                                   QStringLiteral("observer"));
        QVERIFY(m_observer.isConnected());
        m_key = PrivateKey::generate().value();
        m_keyBase64 = QString::fromLatin1(m_key.toBase64().view());
        m_hubKey = freshPublicKey();
    }

    void cleanupTestCase() { QDBusConnection::disconnectFromBus(QStringLiteral("observer")); }

    void networkManagerNotRunning()
    {
        const QString name = QStringLiteral("empty");
        QDBusConnection empty = QDBusConnection::connectToBus(env("FVPN_NMLAB_EMPTY_BUS"), name);
        QVERIFY(empty.isConnected());
        {
            NetworkManagerBackend backend(ToolRunner::direct(), QStringLiteral("fvnmtest"), empty);
            const Result<void> up = waitFor<void>([&](QObject *context, auto done) {
                backend.up(config(QStringLiteral("192.0.2.1:5555")), context, done);
            });
            QVERIFY(!up);
            QVERIFY2(up.error().message.contains(QStringLiteral("NetworkManager is not running")),
                     qPrintable(up.error().message));
            QVERIFY(!up.error().message.contains(m_keyBase64));
            QVERIFY(!backend.secretAgent()->holdsKey());
            const Result<void> down = waitFor<void>([&](QObject *context, auto done) {
                backend.down(config(QStringLiteral("192.0.2.1:5555")), context, done);
            });
            QVERIFY(!down);
            QVERIFY2(down.error().message.contains(QStringLiteral("NetworkManager is not running")),
                     qPrintable(down.error().message));
        }
        QDBusConnection::disconnectFromBus(name);
    }

    void upCreatesProfileWithoutTheKey()
    {
        QVERIFY(keyfiles().isEmpty());
        NetworkManagerBackend backend(ToolRunner::direct(), QStringLiteral("fvnmtest"));
        const QUuid uuid = backend.profileUuid();
        QCOMPARE(uuid, NetworkManagerProfile::uuidForInterface(QStringLiteral("fvnmtest")));
        const Result<void> up = waitFor<void>([&](QObject *context, auto done) {
            backend.up(config(QStringLiteral("192.0.2.1:5555")), context, done);
        });
        if (m_kernelWireGuard) {
            // With kernel WireGuard, NetworkManager needs the key from our agent.
            QVERIFY2(up, qPrintable(failure(up)));
            QVERIFY(backend.secretAgent()->answeredRequests() >= 1);
        } else {
            // What this machine does: no WireGuard module, so NetworkManager fails
            // to create the interface before it asks for any secret.
            QVERIFY(!up);
            QVERIFY2(up.error().message.startsWith(
                         QStringLiteral("NetworkManager could not activate the tunnel: ")),
                     qPrintable(up.error().message));
            QVERIFY2(up.error().message.contains(QStringLiteral("no WireGuard module")),
                     qPrintable(up.error().message));
            QCOMPARE(backend.secretAgent()->answeredRequests(), 0);
        }
        QVERIFY(!up || up.error().message.indexOf(m_keyBase64) < 0);
        // Either way the agent's copy is gone once the activation is over.
        QVERIFY(!backend.secretAgent()->holdsKey());

        const nm::SettingsMap settings = profileSettings(uuid);
        QVERIFY(!settings.isEmpty());
        const QVariantMap connection = settings.value(QStringLiteral("connection"));
        QCOMPARE(connection.value(QStringLiteral("id")).toString(), QStringLiteral("Factory VPN"));
        QCOMPARE(connection.value(QStringLiteral("type")).toString(), QStringLiteral("wireguard"));
        QCOMPARE(connection.value(QStringLiteral("interface-name")).toString(), QStringLiteral("fvnmtest"));
        QCOMPARE(connection.value(QStringLiteral("autoconnect")), QVariant(false));

        const QVariantMap wireguard = settings.value(QStringLiteral("wireguard"));
        QCOMPARE(wireguard.value(QStringLiteral("private-key-flags")).toUInt(), nm::SecretAgentOwned);
        QVERIFY(!wireguard.contains(QStringLiteral("private-key")));
        QVERIFY(wireguard.value(QStringLiteral("listen-port")).toUInt() == 0);
        const nm::DictList peers = dictList(wireguard.value(QStringLiteral("peers")));
        QCOMPARE(peers.size(), 1);
        QCOMPARE(peers[0].value(QStringLiteral("public-key")).toString(), m_hubKey.toBase64());
        QCOMPARE(peers[0].value(QStringLiteral("endpoint")).toString(), QStringLiteral("192.0.2.1:5555"));
        QCOMPARE(peers[0].value(QStringLiteral("allowed-ips")).toStringList(),
                 QStringList { u"10.42.42.0/24"_s });
        QCOMPARE(peers[0].value(QStringLiteral("persistent-keepalive")).toUInt(), 25u);

        const QVariantMap ipv4 = settings.value(QStringLiteral("ipv4"));
        QCOMPARE(ipv4.value(QStringLiteral("method")).toString(), QStringLiteral("manual"));
        QCOMPARE(ipv4.value(QStringLiteral("never-default")), QVariant(true));
        const nm::DictList addresses = dictList(ipv4.value(QStringLiteral("address-data")));
        QCOMPARE(addresses.size(), 1);
        QCOMPARE(addresses[0].value(QStringLiteral("address")).toString(), QStringLiteral("10.42.42.10"));
        QCOMPARE(addresses[0].value(QStringLiteral("prefix")).toUInt(), 24u);
        QCOMPARE(settings.value(QStringLiteral("ipv6")).value(QStringLiteral("method")).toString(),
                 QStringLiteral("disabled"));

        // Persisted to disk as a keyfile, 0600, with no key in it.
        const QMap<QString, QByteArray> saved = keyfiles();
        QCOMPARE(saved.size(), 1);
        QVERIFY(saved.first().contains("private-key-flags=1"));
        verifyNoKeyOnDisk();

        if (m_kernelWireGuard) {
            const Result<void> down = waitFor<void>([&](QObject *context, auto done) {
                backend.down(config(QStringLiteral("192.0.2.1:5555")), context, done);
            });
            QVERIFY2(down, qPrintable(failure(down)));
        }
    }

    void agentRegistersWithNetworkManager()
    {
        NetworkManagerSecretAgent agent(QDBusConnection::systemBus());
        for (int i = 0; i < 2; ++i) { // again: after a restart of NetworkManager, say
            const Result<void> registered
                = waitFor<void>([&](QObject *context, auto done) { agent.registerAgent(context, done); });
            QVERIFY2(registered, qPrintable(failure(registered)));
        }
    }

    // NetworkManager's part played by a second connection: only our connection's
    // "wireguard" setting gets the key, and only while it is offered.
    void agentAnswersOnlyForOurConnection()
    {
        NetworkManagerBackend backend(ToolRunner::direct(), QStringLiteral("fvnmtest"));
        NetworkManagerSecretAgent *agent = backend.secretAgent();
        if (profilePath(backend.profileUuid()).isEmpty()) { // run on its own: make the profile
            const Result<void> created = waitFor<void>([&](QObject *context, auto done) {
                backend.up(config(QStringLiteral("192.0.2.1:5555")), context, done);
            });
            Q_UNUSED(created)
        }
        QVERIFY(waitFor<void>([&](QObject *context, auto done) { agent->registerAgent(context, done); }));
        const QString service = QDBusConnection::systemBus().baseService();
        const QString ours = backend.profileUuid().toString(QUuid::WithoutBraces);

        QDBusMessage reply = askAgent(service, ours, QStringLiteral("wireguard"));
        QCOMPARE(reply.type(), QDBusMessage::ErrorMessage);
        QCOMPARE(reply.errorName(), QString::fromLatin1(nm::NoSecretsError));

        agent->offer(ours, m_key.toBase64());
        reply = askAgent(service, ours, QStringLiteral("wireguard"));
        QCOMPARE(reply.type(), QDBusMessage::ReplyMessage);
        const nm::SettingsMap secrets = settingsFromReply(reply);
        QCOMPARE(secrets.keys(), QStringList { u"wireguard"_s });
        QCOMPARE(secrets.value(QStringLiteral("wireguard")).value(QStringLiteral("private-key")).toString(),
                 m_keyBase64);
        QCOMPARE(agent->answeredRequests(), 1);

        reply = askAgent(service, QUuid::createUuid().toString(QUuid::WithoutBraces),
                         QStringLiteral("wireguard"));
        QCOMPARE(reply.errorName(), QString::fromLatin1(nm::NoSecretsError));
        QVERIFY(!reply.errorMessage().contains(m_keyBase64));
        reply = askAgent(service, ours, QStringLiteral("802-1x"));
        QCOMPARE(reply.errorName(), QString::fromLatin1(nm::NoSecretsError));
        reply = askAgent(service, QString(), QStringLiteral("wireguard"));
        QCOMPARE(reply.errorName(), QString::fromLatin1(nm::NoSecretsError));
        QCOMPARE(agent->answeredRequests(), 1);

        // SaveSecrets with the key in it: accepted, and nothing is written.
        const QMap<QString, QByteArray> before = keyfiles();
        QDBusMessage save = QDBusMessage::createMethodCall(service, QString::fromLatin1(nm::SecretAgentPath),
                                                           QString::fromLatin1(nm::SecretAgentInterface),
                                                           QStringLiteral("SaveSecrets"));
        const nm::SettingsMap withKey {
            { QStringLiteral("connection"), { { QStringLiteral("uuid"), ours } } },
            { QStringLiteral("wireguard"), { { QStringLiteral("private-key"), m_keyBase64 } } },
        };
        save << QVariant::fromValue(withKey)
             << QVariant::fromValue(
                    QDBusObjectPath(QStringLiteral("/org/freedesktop/NetworkManager/Settings/1")));
        QCOMPARE(callAndWait(m_observer, save).type(), QDBusMessage::ReplyMessage);
        QDBusMessage remove = QDBusMessage::createMethodCall(
            service, QString::fromLatin1(nm::SecretAgentPath), QString::fromLatin1(nm::SecretAgentInterface),
            QStringLiteral("DeleteSecrets"));
        remove.setArguments(save.arguments());
        QCOMPARE(callAndWait(m_observer, remove).type(), QDBusMessage::ReplyMessage);
        QCOMPARE(keyfiles(), before);

        // The real NetworkManager asking: GetSecrets on the profile goes to the
        // registered agents for an agent-owned secret.
        const QString path = profilePath(backend.profileUuid());
        QVERIFY(!path.isEmpty());
        reply = nmCall(m_observer, path, nm::ConnectionInterface, QStringLiteral("GetSecrets"),
                       { QStringLiteral("wireguard") });
        // Observed with NetworkManager 1.42: it asks our agent (the secret is
        // agent-owned, it has none of its own) and passes the answer on.
        QCOMPARE(reply.type(), QDBusMessage::ReplyMessage);
        QCOMPARE(agent->answeredRequests(), 2);
        QCOMPARE(settingsFromReply(reply).value(u"wireguard"_s).value(u"private-key"_s).toString(),
                 m_keyBase64);

        agent->withdraw();
        QVERIFY(!agent->holdsKey());
        reply = askAgent(service, ours, QStringLiteral("wireguard"));
        QCOMPARE(reply.errorName(), QString::fromLatin1(nm::NoSecretsError));
        verifyNoKeyOnDisk();
    }

    void updateKeepsOneProfile()
    {
        NetworkManagerBackend backend(ToolRunner::direct(), QStringLiteral("fvnmtest"));
        QCOMPARE(countOurProfiles(backend.profileUuid()), 1);
        const QString pathBefore = profilePath(backend.profileUuid());
        const Result<void> up = waitFor<void>([&](QObject *context, auto done) {
            backend.up(config(QStringLiteral("192.0.2.77:51820")), context, done);
        });
        QCOMPARE(up.ok(), m_kernelWireGuard);
        if (!up)
            QVERIFY2(up.error().message.startsWith(
                         QStringLiteral("NetworkManager could not activate the tunnel: ")),
                     qPrintable(up.error().message));
        QCOMPARE(countOurProfiles(backend.profileUuid()), 1);
        QCOMPARE(profilePath(backend.profileUuid()), pathBefore);
        const nm::DictList peers = dictList(
            profileSettings(backend.profileUuid()).value(QStringLiteral("wireguard")).value(u"peers"_s));
        QCOMPARE(peers.size(), 1);
        QCOMPARE(peers[0].value(QStringLiteral("endpoint")).toString(), QStringLiteral("192.0.2.77:51820"));
        const QMap<QString, QByteArray> saved = keyfiles();
        QCOMPARE(saved.size(), 1);
        QVERIFY(saved.first().contains("endpoint=192.0.2.77:51820"));
        verifyNoKeyOnDisk();
        QVERIFY(!backend.secretAgent()->holdsKey());
    }

    void downWhenInactiveIsNoOp()
    {
        NetworkManagerBackend backend(ToolRunner::direct(), QStringLiteral("fvnmtest"));
        const Result<void> down = waitFor<void>([&](QObject *context, auto done) {
            backend.down(config(QStringLiteral("192.0.2.1:5555")), context, done);
        });
        QVERIFY2(down, qPrintable(failure(down)));
        // The profile stays for the next connect.
        QCOMPARE(countOurProfiles(backend.profileUuid()), 1);
    }

    void statusOfAnAbsentInterface()
    {
        NetworkManagerBackend backend(ToolRunner::direct(), QStringLiteral("fvnmtest"));
        const Result<std::optional<WgDump>> status = waitFor<std::optional<WgDump>>(
            [&](QObject *context, auto done) { backend.readStatus(context, done); });
        QVERIFY2(status, qPrintable(failure(status)));
        QVERIFY(!status->has_value());
    }
};

QTEST_GUILESS_MAIN(TestNetworkManagerLab)
#include "tst_networkmanagerlab.moc"
