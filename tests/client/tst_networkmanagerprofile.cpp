// The NetworkManager profile map and the secret agent's decisions, without a
// NetworkManager (the lab test, tst_networkmanagerlab, runs them against one).
#include "NetworkManagerDBus.h"
#include "NetworkManagerProfile.h"
#include "NetworkManagerSecretAgent.h"
#include "TestKeys.h"

#include <QDBusConnection>
#include <QtTest>

using namespace fvpn;
using namespace fvpn::test;
using namespace Qt::StringLiterals;

namespace {

WgQuickConfig validConfig()
{
    WgQuickConfig config;
    config.privateKey = PrivateKey::generate().value();
    config.addresses.append(InterfaceAddress::parse(u"10.42.42.10/24").value());
    WgQuickPeer hub;
    hub.publicKey = freshPublicKey();
    hub.allowedIps.append(IpNetwork::parse(u"10.42.42.0/24").value());
    hub.endpoint = Endpoint::parse(u"hub.example.com:5555").value();
    hub.persistentKeepalive = 25;
    config.peers.append(hub);
    return config;
}

nm::SettingsMap ourConnection(const QString &uuid)
{
    return { { u"connection"_s, { { u"uuid"_s, uuid } } } };
}

} // namespace

class TestNetworkManagerProfile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void uuidIsStablePerInterface()
    {
        const QUuid a = NetworkManagerProfile::uuidForInterface(u"factoryvpn"_s);
        QVERIFY(!a.isNull());
        QCOMPARE(NetworkManagerProfile::uuidForInterface(u"factoryvpn"_s), a);
        QVERIFY(NetworkManagerProfile::uuidForInterface(u"factoryvpn2"_s) != a);
        QCOMPARE(a.version(), QUuid::Sha1);
    }

    void buildsTheProfile()
    {
        const WgQuickConfig config = validConfig();
        const QUuid uuid = NetworkManagerProfile::uuidForInterface(u"factoryvpn"_s);
        const Result<nm::SettingsMap> built = NetworkManagerProfile::build(config, u"factoryvpn"_s, uuid);
        QVERIFY2(built, qPrintable(built ? QString() : built.error().message));
        QCOMPARE(built->keys(), (QStringList { u"connection"_s, u"ipv4"_s, u"ipv6"_s, u"wireguard"_s }));
        const QVariantMap connection = built->value(u"connection"_s);
        QCOMPARE(connection.value(u"id"_s).toString(), u"Factory VPN"_s);
        QCOMPARE(connection.value(u"uuid"_s).toString(), uuid.toString(QUuid::WithoutBraces));
        QCOMPARE(connection.value(u"type"_s).toString(), u"wireguard"_s);
        QCOMPARE(connection.value(u"interface-name"_s).toString(), u"factoryvpn"_s);
        QCOMPARE(connection.value(u"autoconnect"_s), QVariant(false));
        const QVariantMap wireguard = built->value(u"wireguard"_s);
        QCOMPARE(wireguard.value(u"private-key-flags"_s).toUInt(), 1u);
        QVERIFY(!wireguard.contains(u"private-key"_s));
        QVERIFY(!wireguard.contains(u"listen-port"_s));
        const nm::DictList peers = wireguard.value(u"peers"_s).value<nm::DictList>();
        QCOMPARE(peers.size(), 1);
        QCOMPARE(peers[0].value(u"public-key"_s).toString(), config.peers[0].publicKey.toBase64());
        QCOMPARE(peers[0].value(u"endpoint"_s).toString(), u"hub.example.com:5555"_s);
        QCOMPARE(peers[0].value(u"allowed-ips"_s).toStringList(), QStringList { u"10.42.42.0/24"_s });
        QCOMPARE(peers[0].value(u"persistent-keepalive"_s).toUInt(), 25u);
        const QVariantMap ipv4 = built->value(u"ipv4"_s);
        QCOMPARE(ipv4.value(u"method"_s).toString(), u"manual"_s);
        QCOMPARE(ipv4.value(u"never-default"_s), QVariant(true));
        const nm::DictList addresses = ipv4.value(u"address-data"_s).value<nm::DictList>();
        QCOMPARE(addresses.size(), 1);
        QCOMPARE(addresses[0].value(u"address"_s).toString(), u"10.42.42.10"_s);
        QCOMPARE(addresses[0].value(u"prefix"_s).toUInt(), 24u);
        QCOMPARE(built->value(u"ipv6"_s).value(u"method"_s).toString(), u"disabled"_s);
    }

    void ipv6AddressAndDns()
    {
        WgQuickConfig config = validConfig();
        config.addresses.append(InterfaceAddress::parse(u"fd00:42::10/64").value());
        config.dns.append(IpAddress::parse(u"10.42.42.1").value());
        config.mtu = 1380;
        const Result<nm::SettingsMap> built
            = NetworkManagerProfile::build(config, u"factoryvpn"_s, QUuid::createUuid());
        QVERIFY(built);
        const QVariantMap ipv6 = built->value(u"ipv6"_s);
        QCOMPARE(ipv6.value(u"method"_s).toString(), u"manual"_s);
        QCOMPARE(ipv6.value(u"never-default"_s), QVariant(true));
        QCOMPARE(ipv6.value(u"address-data"_s).value<nm::DictList>().at(0).value(u"address"_s).toString(),
                 u"fd00:42::10"_s);
        // 10.42.42.1 in network byte order, as NetworkManager's ipv4.dns wants it.
        const QList<uint> dns = built->value(u"ipv4"_s).value(u"dns"_s).value<QList<uint>>();
        QCOMPARE(dns.size(), 1);
        QCOMPARE(qFromBigEndian(dns[0]), 0x0a2a2a01u);
        QCOMPARE(built->value(u"wireguard"_s).value(u"mtu"_s).toUInt(), 1380u);
    }

    void refusesWhatItCannotExpress_data()
    {
        QTest::addColumn<int>("breakage");
        QTest::addColumn<QString>("interfaceName");
        QTest::addColumn<QString>("messagePart");
        QTest::newRow("no peer") << 0 << u"factoryvpn"_s << u"exactly one peer"_s;
        QTest::newRow("two peers") << 1 << u"factoryvpn"_s << u"exactly one peer"_s;
        QTest::newRow("no address") << 2 << u"factoryvpn"_s << u"no address"_s;
        QTest::newRow("preshared key") << 3 << u"factoryvpn"_s << u"preshared key"_s;
        QTest::newRow("no allowed IPs") << 4 << u"factoryvpn"_s << u"no allowed IPs"_s;
        QTest::newRow("no hub key") << 5 << u"factoryvpn"_s << u"public key"_s;
        QTest::newRow("empty interface") << -1 << QString() << u"not a valid network interface"_s;
        QTest::newRow("long interface") << -1 << u"sixteen-chars-xx"_s << u"not a valid network interface"_s;
        QTest::newRow("slash") << -1 << u"fv/pn"_s << u"not a valid network interface"_s;
        QTest::newRow("space") << -1 << u"fv pn"_s << u"not a valid network interface"_s;
        QTest::newRow("dot dot") << -1 << u".."_s << u"not a valid network interface"_s;
    }

    void refusesWhatItCannotExpress()
    {
        QFETCH(int, breakage);
        QFETCH(QString, interfaceName);
        QFETCH(QString, messagePart);
        WgQuickConfig config = validConfig();
        switch (breakage) {
        case 0:
            config.peers.clear();
            break;
        case 1:
            config.peers.append(config.peers.first());
            break;
        case 2:
            config.addresses.clear();
            break;
        case 3:
            config.peers.first().hasPresharedKey = true;
            break;
        case 4:
            config.peers.first().allowedIps.clear();
            break;
        case 5:
            config.peers.first().publicKey = PublicKey();
            break;
        default:
            break;
        }
        const Result<nm::SettingsMap> built
            = NetworkManagerProfile::build(config, interfaceName, QUuid::createUuid());
        QVERIFY(!built);
        QCOMPARE(built.error().code, ErrorCode::InvalidInput);
        QVERIFY2(built.error().message.contains(messagePart), qPrintable(built.error().message));
        QVERIFY(!built.error().message.contains(QString::fromLatin1(config.privateKey.toBase64().view())));
        QVERIFY(!NetworkManagerProfile::build(config, interfaceName, QUuid()));
    }

    // The agent's choices, called directly (the lab test calls it over D-Bus).
    void agentAnswersOnlyWhileOffered()
    {
        nm::registerTypes();
        NetworkManagerSecretAgent agent { QDBusConnection(QString()) };
        const QString ours = QUuid::createUuid().toString(QUuid::WithoutBraces);
        const PrivateKey key = PrivateKey::generate().value();
        const QString base64 = QString::fromLatin1(key.toBase64().view());
        const QDBusObjectPath path(u"/org/freedesktop/NetworkManager/Settings/7"_s);

        QVERIFY(agent.GetSecrets(ourConnection(ours), path, u"wireguard"_s, {}, 0).isEmpty());
        agent.offer(ours, key.toBase64());
        QVERIFY(agent.holdsKey());
        const nm::SettingsMap answer = agent.GetSecrets(ourConnection(ours), path, u"wireguard"_s, {}, 1);
        QCOMPARE(answer.value(u"wireguard"_s).value(u"private-key"_s).toString(), base64);
        QCOMPARE(answer.size(), 1);
        QCOMPARE(answer.value(u"wireguard"_s).size(), 1);
        QVERIFY(agent.GetSecrets(ourConnection(u"other"_s), path, u"wireguard"_s, {}, 0).isEmpty());
        QVERIFY(agent.GetSecrets(ourConnection(ours), path, u"vpn"_s, {}, 0).isEmpty());
        QVERIFY(agent.GetSecrets({}, path, u"wireguard"_s, {}, 0).isEmpty());
        QCOMPARE(agent.answeredRequests(), 1);
        agent.withdraw();
        QVERIFY(!agent.holdsKey());
        QVERIFY(agent.GetSecrets(ourConnection(ours), path, u"wireguard"_s, {}, 0).isEmpty());
        QCOMPARE(agent.answeredRequests(), 1);
    }

    void reasonsInWords()
    {
        QVERIFY(nm::activeStateReasonText(9).contains(u"private key"_s));
        QVERIFY(nm::activeStateReasonText(13).contains(u"WireGuard"_s));
        QVERIFY(nm::activeStateReasonText(99).contains(u"99"_s));
    }

    void notRunningIsSaidPlainly()
    {
        const Error error = nm::dbusError(u"NetworkManager could not save the tunnel profile"_s,
                                          QDBusError(QDBusError::ServiceUnknown, u"x"_s));
        QCOMPARE(error.code, ErrorCode::Unavailable);
        QVERIFY2(error.message.contains(u"NetworkManager is not running"_s), qPrintable(error.message));
    }
};

QTEST_GUILESS_MAIN(TestNetworkManagerProfile)
#include "tst_networkmanagerprofile.moc"
