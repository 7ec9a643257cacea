#include "TextRules.h"
#include "WgTestTools.h"
#include "WireguardServerConfig.h"

#include <QtTest>

using namespace fvpn;

class TestWireguardServerConfig : public QObject
{
    Q_OBJECT

private:
    QString m_pub; // the hub's public key, from `wg`

    QString expand(QString text) const { return text.replace(QStringLiteral("%PUB"), m_pub); }

private Q_SLOTS:
    void initTestCase()
    {
        if (!test::hasWgTool())
            QSKIP("the wg tool (wireguard-tools) is needed to make real keys");
        m_pub = test::generateKeyPair().publicKey;
        QVERIFY(PublicKey::fromBase64(m_pub).ok());
    }

    void parsesUpstreamLayout()
    {
        // As the upstream daemon publishes it, indented lines included.
        const QString text = expand(QStringLiteral("\n    endpoint=203.0.113.7:5555\n"
                                                   "    server_address=10.42.42.1\n"
                                                   "    pubkey=%PUB\n    "));
        const Result<WireguardServerConfig> config = WireguardServerConfig::parse(text);
        QVERIFY2(config.ok(), config.ok() ? "" : qPrintable(config.error().toString()));
        QCOMPARE(config->endpoint->host(), QStringLiteral("203.0.113.7"));
        QCOMPARE(config->endpoint->port(), quint16(5555));
        QCOMPARE(config->serverAddress->toString(), QStringLiteral("10.42.42.1"));
        QCOMPARE(config->publicKey->toBase64(), m_pub);
        QVERIFY(config->enabled);
        QCOMPARE(config->toText(),
                 expand(QStringLiteral("endpoint=203.0.113.7:5555\nserver_address=10.42.42.1\npubkey=%PUB")));
    }

    void variants_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("canonical");
        QTest::addColumn<bool>("enabled");

        QTest::newRow("disabled") << QStringLiteral("endpoint=203.0.113.7:5555\nenabled=0\n")
                                  << QStringLiteral("endpoint=203.0.113.7:5555\nenabled=0") << false;
        QTest::newRow("explicitly enabled") << QStringLiteral("enabled=1\nserver_address=10.42.42.1")
                                            << QStringLiteral("server_address=10.42.42.1") << true;
        QTest::newRow("ipv6 endpoint") << QStringLiteral("endpoint=[2001:db8::7]:5555")
                                       << QStringLiteral("endpoint=[2001:db8::7]:5555") << true;
        QTest::newRow("host name endpoint") << QStringLiteral("endpoint=Hub.Example.com:5555")
                                            << QStringLiteral("endpoint=hub.example.com:5555") << true;
        QTest::newRow("spaces around =") << QStringLiteral("  server_address = 10.42.42.1  ")
                                         << QStringLiteral("server_address=10.42.42.1") << true;
        QTest::newRow("crlf and blank lines") << QStringLiteral("\r\nenabled=0\r\n\r\npubkey=%PUB\r\n")
                                              << QStringLiteral("pubkey=%PUB\nenabled=0") << false;
        QTest::newRow("order does not matter")
            << QStringLiteral("pubkey=%PUB\nserver_address=10.42.42.1\nendpoint=198.51.100.1:51820")
            << QStringLiteral("endpoint=198.51.100.1:51820\nserver_address=10.42.42.1\npubkey=%PUB") << true;
        QTest::newRow("empty") << QString() << QString() << true;
    }

    void variants()
    {
        QFETCH(QString, text);
        QFETCH(QString, canonical);
        QFETCH(bool, enabled);
        const Result<WireguardServerConfig> config = WireguardServerConfig::parse(expand(text));
        QVERIFY2(config.ok(), config.ok() ? "" : qPrintable(config.error().toString()));
        QCOMPARE(config->enabled, enabled);
        QCOMPARE(config->toText(), expand(canonical));
        // Our own output reads back as the same settings.
        const Result<WireguardServerConfig> again = WireguardServerConfig::parse(config->toText());
        QVERIFY(again.ok());
        QVERIFY(*again == *config);
    }

    void badInput_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("line");
        QTest::addColumn<QString>("messagePart");

        QTest::newRow("unknown key") << QStringLiteral("endpoint=203.0.113.7:5555\nport=5555") << 2
                                     << QStringLiteral("'port' is not a key of the wireguard-server file");
        QTest::newRow("key case") << QStringLiteral("Endpoint=203.0.113.7:5555") << 1
                                  << QStringLiteral("'Endpoint' is not a key");
        QTest::newRow("duplicate") << QStringLiteral("enabled=0\n\nenabled=0") << 3
                                   << QStringLiteral("enabled is already set on line 1");
        QTest::newRow("duplicate endpoint") << QStringLiteral("endpoint=1.2.3.4:5\n  endpoint=1.2.3.4:5") << 2
                                            << QStringLiteral("endpoint is already set on line 1");
        QTest::newRow("unbracketed ipv6")
            << QStringLiteral("endpoint=2001:db8::7:5555") << 1 << QStringLiteral("must be in brackets");
        QTest::newRow("no port") << QStringLiteral("endpoint=203.0.113.7") << 1
                                 << QStringLiteral("has no port");
        QTest::newRow("port zero") << QStringLiteral("endpoint=203.0.113.7:0") << 1
                                   << QStringLiteral("endpoint: ");
        QTest::newRow("bad server address")
            << QStringLiteral("server_address=10.42.42.1/24") << 1 << QStringLiteral("server_address: ");
        QTest::newRow("endpoint as server address")
            << QStringLiteral("server_address=203.0.113.7:5555") << 1 << QStringLiteral("server_address: ");
        QTest::newRow("bad pubkey") << QStringLiteral("pubkey=abc") << 1
                                    << QStringLiteral("pubkey 'abc' is not a valid WireGuard public key");
        QTest::newRow("enabled yes") << QStringLiteral("enabled=yes") << 1
                                     << QStringLiteral("enabled must be 0 or 1, not 'yes'");
        QTest::newRow("enabled empty")
            << QStringLiteral("enabled=") << 1 << QStringLiteral("enabled must be 0 or 1");
        QTest::newRow("comment line")
            << QStringLiteral("# hub\nenabled=0") << 1 << QStringLiteral("'# hub' is not a key=value line");
        QTest::newRow("no equals") << QStringLiteral("endpoint 1.2.3.4:5") << 1
                                   << QStringLiteral("is not a key=value line");
        QTest::newRow("escape") << QStringLiteral("pubkey=\x1b[2J") << 1
                                << QStringLiteral("control character U+001B");
        QTest::newRow("bidi") << QStringLiteral("endpoint=\u202E1.2.3.4:5") << 1 << QStringLiteral("U+202E");
    }

    void badInput()
    {
        QFETCH(QString, text);
        QFETCH(int, line);
        QFETCH(QString, messagePart);
        const Result<WireguardServerConfig> config = WireguardServerConfig::parse(text);
        QVERIFY(!config.ok());
        QCOMPARE(config.error().code, ErrorCode::InvalidInput);
        QCOMPARE(config.error().message, QStringLiteral("the wireguard-server file has 1 error"));
        QVERIFY2(config.error().lineErrors.size() == 1, qPrintable(config.error().toString()));
        QCOMPARE(config.error().lineErrors[0].line, line);
        QVERIFY2(config.error().lineErrors[0].message.contains(messagePart),
                 qPrintable(config.error().lineErrors[0].message));
        QVERIFY(!TextRules::containsControlCharacters(config.error().toString().remove(u'\n')));
    }

    void collectsEveryError()
    {
        const Result<WireguardServerConfig> config = WireguardServerConfig::parse(expand(
            QStringLiteral("endpoint=nowhere\nserver_address=10.42.42.1\npubkey=%PUB\nfoo=1\nenabled=2\n")));
        QVERIFY(!config.ok());
        QCOMPARE(config.error().message, QStringLiteral("the wireguard-server file has 3 errors"));
        QCOMPARE(config.error().lineErrors.size(), 3);
        QCOMPARE(config.error().lineErrors[0].line, 1);
        QCOMPARE(config.error().lineErrors[1].line, 4);
        QCOMPARE(config.error().lineErrors[2].line, 5);
    }

    void textFromValues()
    {
        WireguardServerConfig config;
        config.endpoint = Endpoint::parse(QStringLiteral("[2001:db8::1]:5555")).value();
        config.serverAddress = IpAddress::parse(QStringLiteral("10.42.42.1")).value();
        config.publicKey = PublicKey::fromBase64(m_pub).value();
        config.enabled = false;
        QCOMPARE(config.toText(),
                 QStringLiteral("endpoint=[2001:db8::1]:5555\nserver_address=10.42.42.1\npubkey=") + m_pub
                     + QStringLiteral("\nenabled=0"));
        QCOMPARE(WireguardServerConfig().toText(), QString());
    }
};

QTEST_GUILESS_MAIN(TestWireguardServerConfig)
#include "tst_wireguardserverconfig.moc"
