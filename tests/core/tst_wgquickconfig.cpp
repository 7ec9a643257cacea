#include "TextRules.h"
#include "WgQuickConfig.h"
#include "WgTestTools.h"

#include <QtTest>

using namespace fvpn;

namespace {

QString describe(const Error &error)
{
    return error.toString();
}

} // namespace

class TestWgQuickConfig : public QObject
{
    Q_OBJECT

private:
    test::WgKeyPair m_self; // the interface's own key pair
    QStringList m_peers; // peers' public keys
    QByteArray m_psk;

    // "%PRIV", "%PUB", "%PSK" and "%K0".."%K5" stand for generated keys.
    QString expand(QString text) const
    {
        text.replace(QStringLiteral("%PRIV"), QString::fromLatin1(m_self.privateKey));
        text.replace(QStringLiteral("%PUB"), m_self.publicKey);
        text.replace(QStringLiteral("%PSK"), QString::fromLatin1(m_psk));
        for (int i = int(m_peers.size()) - 1; i >= 0; --i)
            text.replace(QStringLiteral("%K%1").arg(i), m_peers.at(i));
        return text;
    }

    PublicKey peerKey(int index) const { return PublicKey::fromBase64(m_peers.at(index)).value(); }

    QString fullConfig() const
    {
        return expand(QStringLiteral("# exported by hand\n"
                                     "[Interface]\n"
                                     "PrivateKey = %PRIV\n"
                                     "Address = 10.42.42.10/24, fd00:42::10/64\n"
                                     "address = 10.50.0.1\n" // keys are case-insensitive, repeatable
                                     "ListenPort = 51820\n"
                                     "DNS = 10.42.42.1, fd00:42::1, factory.example.com\n"
                                     "MTU = 1380\n"
                                     "Table = off\n"
                                     "PostUp = nft add table inet fvpn   # our own rules\n"
                                     "PostUp = sysctl -q -w net.ipv4.ip_forward=1\n"
                                     "PreDown = nft delete table inet fvpn\n"
                                     "SaveConfig = false\n"
                                     "FwMark = 0x1234\n"
                                     "\n"
                                     "# hub\n"
                                     "# (the only one)\n"
                                     "[Peer]\n"
                                     "PublicKey = %K0\n"
                                     "PresharedKey = %PSK\n"
                                     "AllowedIPs = 10.42.42.0/24,fd00:42::/64\n"
                                     "AllowedIPs = 192.168.100.0/24\n"
                                     "Endpoint = [2001:db8::7]:5555\n"
                                     "PersistentKeepalive = 25\n"
                                     "\n"
                                     "[PEER]\r\n"
                                     "publickey=%K1\r\n"
                                     "allowedips = 10.99.0.5\r\n"
                                     "endpoint = Hub.Example.COM:51820\r\n"
                                     "persistentkeepalive = off\r\n"));
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (!test::hasWgTool())
            QSKIP("the wg tool (wireguard-tools) is needed to make real keys");
        m_self = test::generateKeyPair();
        QCOMPARE(m_self.privateKey.size(), 44);
        m_peers = test::generatePublicKeys(6);
        m_psk = test::runWg({ QStringLiteral("genpsk") });
        QCOMPARE(m_psk.size(), 44);
    }

    void parsesAFullConfig()
    {
        const Result<WgQuickConfig> parsed = WgQuickConfig::parse(fullConfig());
        QVERIFY2(parsed.ok(), parsed.ok() ? "" : qPrintable(describe(parsed.error())));
        const WgQuickConfig &config = *parsed;

        QVERIFY(!config.privateKey.isNull());
        // The key we hold derives the public key `wg pubkey` printed.
        QCOMPARE(config.privateKey.publicKey().toBase64(), m_self.publicKey);

        QCOMPARE(config.addresses.size(), 3);
        QCOMPARE(config.addresses[0].toString(), QStringLiteral("10.42.42.10/24"));
        QCOMPARE(config.addresses[1].toString(), QStringLiteral("fd00:42::10/64"));
        QCOMPARE(config.addresses[2].toString(), QStringLiteral("10.50.0.1/32"));
        QCOMPARE(config.listenPort, std::optional<quint16>(51820));
        QCOMPARE(config.dns.size(), 2);
        QCOMPARE(config.dns[1].toString(), QStringLiteral("fd00:42::1"));
        QCOMPARE(config.dnsSearch, QStringList { QStringLiteral("factory.example.com") });
        QCOMPARE(config.mtu, std::optional<int>(1380));

        const QList<std::pair<QString, QString>> other {
            { QStringLiteral("Table"), QStringLiteral("off") },
            { QStringLiteral("PostUp"), QStringLiteral("nft add table inet fvpn") },
            { QStringLiteral("PostUp"), QStringLiteral("sysctl -q -w net.ipv4.ip_forward=1") },
            { QStringLiteral("PreDown"), QStringLiteral("nft delete table inet fvpn") },
            { QStringLiteral("SaveConfig"), QStringLiteral("false") },
            { QStringLiteral("FwMark"), QStringLiteral("0x1234") },
        };
        QCOMPARE(config.otherInterfaceKeys, other);

        QCOMPARE(config.peers.size(), 2);
        const WgQuickPeer &hub = config.peers[0];
        QCOMPARE(hub.publicKey, peerKey(0));
        QVERIFY(hub.hasPresharedKey);
        QCOMPARE(hub.allowedIps.size(), 3);
        QCOMPARE(hub.allowedIps[1].toString(), QStringLiteral("fd00:42::/64"));
        QCOMPARE(hub.allowedIps[2].toString(), QStringLiteral("192.168.100.0/24"));
        QCOMPARE(hub.endpoint->host(), QStringLiteral("2001:db8::7"));
        QCOMPARE(hub.endpoint->port(), quint16(5555));
        QCOMPARE(hub.persistentKeepalive, 25);
        QCOMPARE(hub.comment, QStringLiteral("hub\n(the only one)"));

        const WgQuickPeer &second = config.peers[1];
        QCOMPARE(second.publicKey, peerKey(1));
        QVERIFY(!second.hasPresharedKey);
        QCOMPARE(second.allowedIps.size(), 1);
        QCOMPARE(second.allowedIps[0].toString(), QStringLiteral("10.99.0.5/32"));
        QCOMPARE(second.endpoint->toString(), QStringLiteral("hub.example.com:51820"));
        QCOMPARE(second.persistentKeepalive, 0);
        QCOMPARE(second.comment, QString());
    }

    void minimalConfigs()
    {
        const Result<WgQuickConfig> empty = WgQuickConfig::parse(QStringLiteral("[Interface]\n"));
        QVERIFY(empty.ok());
        QVERIFY(empty->privateKey.isNull());
        QVERIFY(empty->peers.isEmpty());

        // An empty AllowedIPs is allowed (wg accepts a peer with no routes).
        const Result<WgQuickConfig> noRoutes = WgQuickConfig::parse(
            expand(QStringLiteral("[Interface]\n[Peer]\nPublicKey=%K0\nAllowedIPs =\n")));
        QVERIFY(noRoutes.ok());
        QVERIFY(noRoutes->peers[0].allowedIps.isEmpty());

        const Result<WgQuickConfig> none = WgQuickConfig::parse(QStringLiteral("# nothing here\n\n"));
        QVERIFY(!none.ok());
        QVERIFY(none.error().message.contains(QStringLiteral("no [Interface] section")));
    }

    void badInput_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("line");
        QTest::addColumn<QString>("messagePart");

        const QString head = QStringLiteral("[Interface]\nPrivateKey = %PRIV\n"); // lines 1-2
        const QString peer = QStringLiteral("[Peer]\nPublicKey = %K0\n"); // +2 lines

        QTest::newRow("key before any section") << QStringLiteral("Address = 10.0.0.1/24\n[Interface]\n") << 1
                                                << QStringLiteral("'Address' is outside a section");
        QTest::newRow("not key=value") << head + QStringLiteral("just words\n") << 3
                                       << QStringLiteral("neither 'Key = Value' nor a section header");
        QTest::newRow("unknown section")
            << head + QStringLiteral("[Peers]\n") << 3 << QStringLiteral("'[Peers]' is not a section");
        QTest::newRow("header with trailing text")
            << head + QStringLiteral("[Peer] x\n") << 3 << QStringLiteral("is not a section");
        QTest::newRow("second interface")
            << head + QStringLiteral("\n[interface]\n") << 4
            << QStringLiteral("a second [Interface] section; the first is on line 1");
        QTest::newRow("unknown interface key") << head + QStringLiteral("Foo = bar\n") << 3
                                               << QStringLiteral("'Foo' is not a valid key in [Interface]");
        QTest::newRow("peer key in interface")
            << head + QStringLiteral("AllowedIPs = 10.0.0.0/8\n") << 3
            << QStringLiteral("'AllowedIPs' is not a valid key in [Interface]");
        QTest::newRow("unknown peer key") << head + peer + QStringLiteral("Table = off\n") << 5
                                          << QStringLiteral("'Table' is not a valid key in [Peer]");
        QTest::newRow("PostUp in peer") << head + peer + QStringLiteral("PostUp = rm -rf /\n") << 5
                                        << QStringLiteral("not a valid key in [Peer]");
        QTest::newRow("duplicate private key") << head + QStringLiteral("privatekey = %PRIV\n") << 3
                                               << QStringLiteral("PrivateKey is already set on line 2");
        QTest::newRow("duplicate listen port") << head + QStringLiteral("ListenPort=1\nListenPort=2\n") << 4
                                               << QStringLiteral("ListenPort is already set on line 3");
        QTest::newRow("duplicate MTU")
            << head + QStringLiteral("MTU=1400\nMTU=1400\n") << 4 << QStringLiteral("MTU is already set");
        QTest::newRow("duplicate Table") << head + QStringLiteral("Table=off\nTable=auto\n") << 4
                                         << QStringLiteral("Table is already set");
        QTest::newRow("duplicate public key in peer")
            << head + peer + QStringLiteral("PublicKey = %K1\n") << 5
            << QStringLiteral("PublicKey is already set on line 4");
        QTest::newRow("duplicate endpoint")
            << head + peer + QStringLiteral("Endpoint=1.2.3.4:5\nEndpoint=1.2.3.4:6\n") << 6
            << QStringLiteral("Endpoint is already set on line 5");
        QTest::newRow("duplicate peer") << head + peer + QStringLiteral("\n[Peer]\nPublicKey = %K0\n") << 7
                                        << QStringLiteral("is already defined on line 3");
        QTest::newRow("peer without public key")
            << head + QStringLiteral("[Peer]\nAllowedIPs = 10.0.0.2/32\n") << 3
            << QStringLiteral("this [Peer] has no PublicKey");
        QTest::newRow("bad private key") << QStringLiteral("[Interface]\nPrivateKey = not-a-key\n") << 2
                                         << QStringLiteral("PrivateKey is not a valid WireGuard private key");
        QTest::newRow("private key non-ascii") << QStringLiteral("[Interface]\nPrivateKey = ключ\n") << 2
                                               << QStringLiteral("PrivateKey is not a valid");
        QTest::newRow("bad public key") << head + QStringLiteral("[Peer]\nPublicKey = abc\n") << 4
                                        << QStringLiteral("'abc' is not a valid WireGuard public key");
        QTest::newRow("bad preshared key") << head + peer + QStringLiteral("PresharedKey = short\n") << 5
                                           << QStringLiteral("PresharedKey is not a valid key");
        QTest::newRow("listen port too big") << head + QStringLiteral("ListenPort = 65536\n") << 3
                                             << QStringLiteral("'65536' is not a port number");
        QTest::newRow("listen port negative")
            << head + QStringLiteral("ListenPort = -1\n") << 3 << QStringLiteral("not a port number");
        QTest::newRow("listen port hex")
            << head + QStringLiteral("ListenPort = 0x50\n") << 3 << QStringLiteral("not a port number");
        QTest::newRow("mtu too small") << head + QStringLiteral("MTU = 100\n") << 3
                                       << QStringLiteral("MTU '100' is not a number from 576 to 65535");
        QTest::newRow("mtu words") << head + QStringLiteral("MTU = auto\n") << 3
                                   << QStringLiteral("MTU 'auto'");
        QTest::newRow("bad address") << head + QStringLiteral("Address = 10.42.42.300/24\n") << 3
                                     << QStringLiteral("Address: '10.42.42.300' is not a valid IPv4 address");
        QTest::newRow("bad address in list")
            << head + QStringLiteral("Address = 10.0.0.1/24, nope\n") << 3 << QStringLiteral("Address: ");
        QTest::newRow("bad dns") << head + QStringLiteral("DNS = 10.0.0.1, -bad-\n") << 3
                                 << QStringLiteral(
                                        "DNS: '-bad-' is neither an IP address nor a search domain");
        QTest::newRow("allowed ips host bits") << head + peer + QStringLiteral("AllowedIPs = 10.42.42.7/24\n")
                                               << 5 << QStringLiteral("AllowedIPs: ");
        QTest::newRow("allowed ips garbage")
            << head + peer + QStringLiteral("AllowedIPs = 10.0.0.0/8, everything\n") << 5
            << QStringLiteral("AllowedIPs: ");
        QTest::newRow("allowed ips shared between peers")
            << head + peer
                + QStringLiteral(
                    "AllowedIPs = 10.0.0.0/24\n[Peer]\nPublicKey = %K1\nAllowedIPs = 10.0.0.0/24\n")
            << 8 << QStringLiteral("AllowedIPs 10.0.0.0/24 is already routed to the peer on line 3");
        QTest::newRow("endpoint without port") << head + peer + QStringLiteral("Endpoint = 203.0.113.7\n")
                                               << 5 << QStringLiteral("Endpoint: '203.0.113.7' has no port");
        QTest::newRow("endpoint ipv6 unbracketed")
            << head + peer + QStringLiteral("Endpoint = 2001:db8::1:5555\n") << 5
            << QStringLiteral("Endpoint: ");
        QTest::newRow("keepalive negative")
            << head + peer + QStringLiteral("PersistentKeepalive = -5\n") << 5
            << QStringLiteral("PersistentKeepalive '-5' is not 'off' or a number");
        QTest::newRow("keepalive too big") << head + peer + QStringLiteral("PersistentKeepalive = 65536\n")
                                           << 5 << QStringLiteral("PersistentKeepalive");
        QTest::newRow("empty value") << head + QStringLiteral("DNS =\n") << 3
                                     << QStringLiteral("DNS has no value");
        QTest::newRow("value only comment")
            << head + QStringLiteral("MTU = # later\n") << 3 << QStringLiteral("MTU has no value");
        QTest::newRow("escape character") << head + QStringLiteral("PostUp = echo \x1b[2J\n") << 3
                                          << QStringLiteral("control character U+001B");
        QTest::newRow("lone CR") << head + QStringLiteral("PostUp = a\rPostUp = b\n") << 3
                                 << QStringLiteral("U+000D");
        QTest::newRow("bidi override")
            << head + QStringLiteral("# \u202Ecomment\n") << 3 << QStringLiteral("U+202E");
        QTest::newRow("line separator")
            << head + QStringLiteral("PostUp = a\u2028[Peer]\n") << 3 << QStringLiteral("U+2028");
    }

    void badInput()
    {
        QFETCH(QString, text);
        QFETCH(int, line);
        QFETCH(QString, messagePart);
        const Result<WgQuickConfig> parsed = WgQuickConfig::parse(expand(text));
        QVERIFY(!parsed.ok());
        QCOMPARE(parsed.error().code, ErrorCode::InvalidInput);
        QCOMPARE(parsed.error().message, QStringLiteral("the WireGuard configuration has 1 error"));
        QVERIFY2(parsed.error().lineErrors.size() == 1, qPrintable(describe(parsed.error())));
        QCOMPARE(parsed.error().lineErrors[0].line, line);
        const QString message = parsed.error().lineErrors[0].message;
        QVERIFY2(message.contains(messagePart), qPrintable(message));
        QVERIFY(!TextRules::containsControlCharacters(message));
        // Whatever else went wrong, the private key never appears in an error.
        QVERIFY(!describe(parsed.error()).contains(QString::fromLatin1(m_self.privateKey)));
        QVERIFY(!describe(parsed.error()).contains(QString::fromLatin1(m_psk)));
    }

    void collectsEveryError()
    {
        const QString text = expand(QStringLiteral("[Interface]\n" // 1
                                                   "PrivateKey = %PRIV\n" // 2
                                                   "ListenPort = huge\n" // 3
                                                   "Bogus = 1\n" // 4
                                                   "[Peer]\n" // 5
                                                   "PublicKey = %K0\n" // 6
                                                   "Endpoint = nowhere\n" // 7
                                                   "[Peer]\n" // 8
                                                   "AllowedIPs = 10.0.0.1\n")); // 9
        const Result<WgQuickConfig> parsed = WgQuickConfig::parse(text);
        QVERIFY(!parsed.ok());
        QCOMPARE(parsed.error().message, QStringLiteral("the WireGuard configuration has 4 errors"));
        QList<int> lines;
        for (const LineError &e : parsed.error().lineErrors)
            lines.append(e.line);
        QCOMPARE(lines, (QList<int> { 3, 4, 7, 8 }));
    }

    void privateKeyErrorDoesNotEchoTheKey()
    {
        // A real key with one character cut: close to a secret, so never quoted.
        const QString damaged = QString::fromLatin1(m_self.privateKey).left(43);
        const Result<WgQuickConfig> parsed
            = WgQuickConfig::parse(QString(QStringLiteral("[Interface]\nPrivateKey = ") + damaged + u'\n'));
        QVERIFY(!parsed.ok());
        QVERIFY(!describe(parsed.error()).contains(damaged));
        QVERIFY(!describe(parsed.error()).contains(damaged.left(12)));
    }

    void roundTrip()
    {
        const Result<WgQuickConfig> parsed = WgQuickConfig::parse(fullConfig());
        QVERIFY(parsed.ok());
        WgQuickConfig config = WgQuickConfig::parse(fullConfig()).value();
        config.peers[0].hasPresharedKey = false; // not kept, so it cannot be exported

        const Result<QString> text = config.toText(true);
        QVERIFY2(text.ok(), text.ok() ? "" : qPrintable(describe(text.error())));
        QVERIFY(
            text->contains(QStringLiteral("PrivateKey = ") + QString::fromLatin1(m_self.privateKey) + u'\n'));
        QVERIFY(text->startsWith(QStringLiteral("[Interface]\n")));
        QVERIFY(
            text->contains(QStringLiteral("\n# hub\n# (the only one)\n[Peer]\nPublicKey = ") + m_peers[0]));
        QVERIFY(
            text->contains(QStringLiteral("AllowedIPs = 10.42.42.0/24, fd00:42::/64, 192.168.100.0/24\n")));
        QVERIFY(text->contains(QStringLiteral("Endpoint = [2001:db8::7]:5555\n")));
        QVERIFY(text->contains(QStringLiteral("DNS = 10.42.42.1, fd00:42::1, factory.example.com\n")));
        QVERIFY(text->contains(QStringLiteral("PostUp = nft add table inet fvpn\nPostUp = sysctl")));

        const Result<WgQuickConfig> again = WgQuickConfig::parse(*text);
        QVERIFY2(again.ok(), again.ok() ? "" : qPrintable(describe(again.error())));
        QCOMPARE(again->privateKey.publicKey(), config.privateKey.publicKey());
        QCOMPARE(again->addresses, config.addresses);
        QCOMPARE(again->listenPort, config.listenPort);
        QCOMPARE(again->dns, config.dns);
        QCOMPARE(again->dnsSearch, config.dnsSearch);
        QCOMPARE(again->mtu, config.mtu);
        QCOMPARE(again->otherInterfaceKeys, config.otherInterfaceKeys);
        QCOMPARE(again->peers.size(), config.peers.size());
        for (qsizetype i = 0; i < config.peers.size(); ++i) {
            QCOMPARE(again->peers[i].publicKey, config.peers[i].publicKey);
            QCOMPARE(again->peers[i].allowedIps, config.peers[i].allowedIps);
            QCOMPARE(again->peers[i].endpoint, config.peers[i].endpoint);
            QCOMPARE(again->peers[i].persistentKeepalive, config.peers[i].persistentKeepalive);
            QCOMPARE(again->peers[i].comment, config.peers[i].comment);
        }
        // Canonical output is stable.
        QCOMPARE(again->toText(true).value(), *text);
    }

    void withoutPrivateKey()
    {
        const WgQuickConfig config = WgQuickConfig::parse(fullConfig()).value();
        const Result<QString> text = config.toText(false);
        QVERIFY(text.ok());
        QVERIFY(!text->contains(QString::fromLatin1(m_self.privateKey)));
        QVERIFY(!text->contains(QStringLiteral("PrivateKey")));
        QVERIFY(!text->contains(QStringLiteral("PresharedKey")));
        QVERIFY(!text->contains(QString::fromLatin1(m_psk)));
    }

    void presharedKeyIsNotSilentlyDropped()
    {
        const WgQuickConfig config = WgQuickConfig::parse(fullConfig()).value();
        const Result<QString> text = config.toText(true);
        QVERIFY(!text.ok());
        QVERIFY(text.error().message.contains(QStringLiteral("preshared key")));
        QVERIFY(text.error().message.contains(peerKey(0).fingerprint()));
    }

    void writingRefusesInjection_data()
    {
        QTest::addColumn<QString>("otherKey");
        QTest::addColumn<QString>("otherValue");
        QTest::addColumn<QString>("peerComment");
        QTest::addColumn<QString>("dnsSearch");
        QTest::addColumn<QString>("messagePart");

        const QString ok = QStringLiteral("PostUp");
        const QString fine = QStringLiteral("true");
        QTest::newRow("newline section")
            << ok << QStringLiteral("x\n[Peer]") << QString() << QString() << QStringLiteral("U+000A");
        QTest::newRow("newline key") << ok << QStringLiteral("x\nabc= 10.0.0.9") << QString() << QString()
                                     << QStringLiteral("U+000A");
        QTest::newRow("carriage return") << ok << QStringLiteral("x\rPrivateKey = y") << QString()
                                         << QString() << QStringLiteral("U+000D");
        QTest::newRow("NEL") << ok << QStringLiteral("x\u0085y") << QString() << QString()
                             << QStringLiteral("U+0085");
        QTest::newRow("line separator")
            << ok << QStringLiteral("x\u2028y") << QString() << QString() << QStringLiteral("U+2028");
        QTest::newRow("hash truncates") << ok << QStringLiteral("iptables -A x # -j DROP") << QString()
                                        << QString() << QStringLiteral("'#'");
        QTest::newRow("empty value") << ok << QString() << QString() << QString()
                                     << QStringLiteral("no value");
        QTest::newRow("padded value")
            << ok << QStringLiteral(" x") << QString() << QString() << QStringLiteral("space");
        QTest::newRow("unknown key") << QStringLiteral("Evil") << fine << QString() << QString()
                                     << QStringLiteral("'Evil' is not a key");
        QTest::newRow("key with newline") << QStringLiteral("PostUp\n[Peer]") << fine << QString()
                                          << QString() << QStringLiteral("is not a key");
        QTest::newRow("modelled key as text") << QStringLiteral("PrivateKey") << fine << QString()
                                              << QString() << QStringLiteral("is not a key");
        QTest::newRow("comment with CR")
            << ok << fine << QStringLiteral("a\r[Peer]") << QString() << QStringLiteral("U+000D");
        QTest::newRow("comment with bidi")
            << ok << fine << QStringLiteral("\u202Ealice") << QString() << QStringLiteral("U+202E");
        QTest::newRow("dns search with newline")
            << ok << fine << QString() << QStringLiteral("a\n[Peer]") << QStringLiteral("DNS");
        QTest::newRow("dns search with hash")
            << ok << fine << QString() << QStringLiteral("a#b") << QStringLiteral("DNS");
    }

    void writingRefusesInjection()
    {
        QFETCH(QString, otherKey);
        QFETCH(QString, otherValue);
        QFETCH(QString, peerComment);
        QFETCH(QString, dnsSearch);
        QFETCH(QString, messagePart);

        WgQuickConfig config = WgQuickConfig::parse(expand(QStringLiteral("[Interface]\nPrivateKey = %PRIV\n"
                                                                          "[Peer]\nPublicKey = %K0\n")))
                                   .value();
        config.otherInterfaceKeys.append({ otherKey, otherValue });
        config.peers[0].comment = peerComment;
        if (!dnsSearch.isEmpty())
            config.dnsSearch.append(dnsSearch);
        for (const bool withKey : { false, true }) {
            const Result<QString> text = config.toText(withKey);
            QVERIFY(!text.ok());
            QCOMPARE(text.error().code, ErrorCode::InvalidInput);
            QVERIFY2(text.error().message.contains(messagePart), qPrintable(text.error().message));
            QVERIFY(!TextRules::containsControlCharacters(text.error().message));
        }
    }

    void multiLineCommentStaysAComment()
    {
        // A '\n' in a peer comment separates comment lines, each written with its own
        // '#': the text cannot become a section or a key.
        WgQuickConfig config
            = WgQuickConfig::parse(expand(QStringLiteral("[Interface]\n[Peer]\nPublicKey = %K0\n"))).value();
        config.peers[0].comment
            = expand(QStringLiteral("alice\n[Peer]\nPublicKey = %K1\nAllowedIPs = 0.0.0.0/0"));
        const Result<QString> text = config.toText(false);
        QVERIFY(text.ok());
        QVERIFY(text->contains(QStringLiteral("# [Peer]\n# PublicKey = ") + m_peers[1]));
        const Result<WgQuickConfig> again = WgQuickConfig::parse(*text);
        QVERIFY(again.ok());
        QCOMPARE(again->peers.size(), 1);
        QCOMPARE(again->peers[0].publicKey, peerKey(0));
        QVERIFY(again->peers[0].allowedIps.isEmpty());
        QCOMPARE(again->peers[0].comment, config.peers[0].comment);
    }

    void wgQuickAcceptsOurOutput()
    {
        const QString wgQuick = QStandardPaths::findExecutable(QStringLiteral("wg-quick"));
        if (wgQuick.isEmpty())
            QSKIP("wg-quick is not installed");
        WgQuickConfig config = WgQuickConfig::parse(fullConfig()).value();
        config.peers[0].hasPresharedKey = false;
        const QString text = config.toText(true).value();

        // `wg-quick strip` parses the file as `wg-quick up` would and prints what it
        // hands to `wg setconf`; it changes nothing on the system.
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("fvpntst0.conf"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        file.write(text.toUtf8());
        file.close();

        QProcess process;
        process.start(wgQuick, { QStringLiteral("strip"), path });
        QVERIFY(process.waitForFinished());
        const QString stderrText = QString::fromUtf8(process.readAllStandardError());
        QVERIFY2(process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0,
                 qPrintable(stderrText));
        const QString stripped = QString::fromUtf8(process.readAllStandardOutput());
        QVERIFY(stripped.contains(QStringLiteral("PrivateKey = ") + QString::fromLatin1(m_self.privateKey)));
        QVERIFY(stripped.contains(QStringLiteral("PublicKey = ") + m_peers[1]));
        QVERIFY(!stripped.contains(QStringLiteral("Address")));
        QVERIFY(!stripped.contains(QStringLiteral("PostUp")));

        // What wg-quick passes on to wg is itself a config our parser reads (as an
        // [Interface] without wg-quick's own keys).
        const Result<WgQuickConfig> wgPart = WgQuickConfig::parse(stripped);
        QVERIFY2(wgPart.ok(), wgPart.ok() ? "" : qPrintable(describe(wgPart.error())));
        QCOMPARE(wgPart->peers.size(), 2);
        QCOMPARE(wgPart->peers[0].allowedIps, config.peers[0].allowedIps);
        QCOMPARE(
            wgPart->otherInterfaceKeys,
            (QList<std::pair<QString, QString>> { { QStringLiteral("FwMark"), QStringLiteral("0x1234") } }));
    }
};

QTEST_GUILESS_MAIN(TestWgQuickConfig)
#include "tst_wgquickconfig.moc"
