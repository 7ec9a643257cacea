#include "FactoryConfig.h"
#include "HubLog.h"
#include "HubStatus.h"
#include "TestKeys.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QtTest>

using namespace fvpn;
using namespace Qt::StringLiterals;

// The small pure helpers around the daemon: status.json, factory config JSON, log lines.
class TestHubStatus : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void statusShape()
    {
        HubStatus status;
        status.phase = u"running"_s;
        status.pid = 42;
        status.startedAt = QDateTime(QDate(2024, 5, 1), QTime(12, 0), Qt::UTC);
        status.factory = u"acme"_s;
        status.interfaceName = u"fioacme"_s;
        status.interfaceOrigin = u"wireguard-go"_s;
        status.address = u"10.42.42.1/24"_s;
        status.listenPort = 5555;
        status.inventorySource = u"api"_s;
        status.inventoryError = u"HTTP 500"_s;
        status.inventoryKnown = true;
        status.inventoryDevices = 3;
        Error clients = makeError(ErrorCode::InvalidInput, u"1 bad line"_s);
        clients.lineErrors = { { 4, u"bad key"_s } };
        status.clientsError = clients;
        status.peerDevices = 3;
        status.peerClients = 1;
        status.skipped = { { u"dev-9"_s, u"bad public key"_s } };
        status.deviceToDevice = true;
        status.lastAdded = 2;

        const QJsonObject json = status.toJson();
        QCOMPARE(json.value(u"version").toInt(), 1);
        QCOMPARE(json.value(u"phase").toString(), u"running"_s);
        QCOMPARE(json.value(u"startedAt").toString(), u"2024-05-01T12:00:00Z"_s);
        QVERIFY(json.value(u"updatedAt").isNull());
        QCOMPARE(json.value(u"interface")[u"name"].toString(), u"fioacme"_s);
        QCOMPARE(json.value(u"interface")[u"listenPort"].toInt(), 5555);
        QVERIFY(json.value(u"interface")[u"publicKey"].isNull());
        QCOMPARE(json.value(u"inventory")[u"error"].toString(), u"HTTP 500"_s);
        QCOMPARE(json.value(u"inventory")[u"known"].toBool(), true);
        QVERIFY(json.value(u"inventory")[u"lastSyncAt"].isNull());
        QCOMPARE(json.value(u"clientsFile")[u"error"][u"lines"][0][u"line"].toInt(), 4);
        QCOMPARE(json.value(u"clientsFile")[u"error"][u"message"].toString(),
                 u"1 bad line\nline 4: bad key"_s);
        QCOMPARE(json.value(u"peers")[u"devices"].toInt(), 3);
        QCOMPARE(json.value(u"peers")[u"clients"].toInt(), 1);
        QCOMPARE(json.value(u"peers")[u"skipped"].toInt(), 1);
        QCOMPARE(json.value(u"skipped")[0][u"name"].toString(), u"dev-9"_s);
        QCOMPARE(json.value(u"deviceToDevice").toBool(), true);
        QCOMPARE(json.value(u"lastApply")[u"added"].toInt(), 2);
        QCOMPARE(json.value(u"firewall")[u"ok"].toBool(), true);
        QVERIFY(json.value(u"firewall")[u"error"].isNull());
    }

    void statusFileIsWorldReadableJson()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"status.json"_s);
        HubStatus status;
        status.factory = u"acme"_s;
        QVERIFY(status.write(path).ok());
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(QJsonDocument::fromJson(file.readAll()).object().value(u"factory").toString(), u"acme"_s);
        QVERIFY(file.permissions() & QFileDevice::ReadOther);
        QVERIFY(!(file.permissions() & QFileDevice::WriteOther));
    }

    void serverConfigFromFactoryConfig_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<QString>("messagePart");
        // Built as JSON objects: moc mis-parses raw strings that end in a quote.
        const QString file
            = u"endpoint=203.0.113.7:5555\n  server_address=10.42.42.1\n  pubkey="_s + testkeys::A;
        const QJsonObject other { { u"name"_s, u"other"_s }, { u"value"_s, u"a"_s } };
        const QJsonObject server { { u"name"_s, u"wireguard-server"_s },
                                   { u"value"_s, file },
                                   { u"unencrypted"_s, true } };
        const QJsonObject entry { { u"created-at"_s, u"x"_s }, { u"files"_s, QJsonArray { other, server } } };
        const QJsonObject current { { u"config"_s, QJsonArray { entry } }, { u"total"_s, 1 } };
        QTest::newRow("current config") << QJsonDocument(current).toJson() << true << QString();
        QTest::newRow("empty history")
            << QByteArray(R"({"config":[],"total":0,"next":null})") << false << u"run 'enable' first"_s;
        QTest::newRow("no server file") << QByteArray(R"({"config":[{"files":[{"name":"x","value":"y"}]}]})")
                                        << false << u"no wireguard-server file"_s;
        QTest::newRow("garbage") << QByteArray("<html>") << false << u"not valid JSON"_s;
        QTest::newRow("not the shape") << QByteArray(R"({"configs":[]})") << false << u"not {\"config\""_s;
        // Issue 15: two values for the server file is no answer at all.
        QTest::newRow("value twice") << QByteArray(R"({"config":[{"files":[{"name":"wireguard-server",)"
                                                   R"("value":"endpoint=a:1","value":"endpoint=b:2"}]}]})")
                                     << false << u"the key 'value' appears twice in 'config[0].files[0]'"_s;
        QTest::newRow("bad file") << QByteArray(R"({"config":[{"files":[{"name":"wireguard-server",)"
                                                R"("value":"colour=blue"}]}]})")
                                  << false << u"malformed"_s;
    }
    void serverConfigFromFactoryConfig()
    {
        QFETCH(QByteArray, json);
        QFETCH(bool, ok);
        QFETCH(QString, messagePart);
        const auto config = FactoryConfig::serverConfigFromJson(json);
        QCOMPARE(config.ok(), ok);
        if (ok) {
            QCOMPARE(config->endpoint->port(), quint16(5555));
            QCOMPARE(config->serverAddress->toString(), u"10.42.42.1"_s);
            QCOMPARE(*config->publicKey, testkeys::key(testkeys::A));
        } else {
            QVERIFY2(config.error().message.contains(messagePart), qPrintable(config.error().message));
        }
    }

    void enableBodyMatchesUpstream()
    {
        WireguardServerConfig config;
        config.endpoint = Endpoint::parse(u"203.0.113.7:5555").value();
        config.serverAddress = IpAddress::parse(u"10.42.42.1").value();
        config.publicKey = testkeys::key(testkeys::A);
        const QJsonObject body = FactoryConfig::enableBody(config);
        QCOMPARE(body.value(u"reason").toString(), u"Enable Wireguard for factory"_s);
        const QJsonObject file = body.value(u"files")[0].toObject();
        QCOMPARE(file.value(u"name").toString(), u"wireguard-server"_s);
        QCOMPARE(file.value(u"unencrypted").toBool(), true);
        QCOMPARE(file.value(u"on-changed")[0].toString(),
                 u"/usr/share/fioconfig/handlers/factory-config-vpn"_s);
        const auto roundTrip = WireguardServerConfig::parse(file.value(u"value").toString());
        QVERIFY(roundTrip.ok());
        QCOMPARE(roundTrip->endpoint, config.endpoint);
        QCOMPARE(roundTrip->serverAddress, config.serverAddress);
        QCOMPARE(roundTrip->publicKey, config.publicKey);
    }

    void httpErrors_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("expected");
        QTest::newRow("msg") << 401 << QByteArray(R"({"msg":"Invalid token"})")
                             << u"HTTP 401: Invalid token"_s;
        QTest::newRow("message") << 403 << QByteArray(R"({"message":"No access"})")
                                 << u"HTTP 403: No access"_s;
        QTest::newRow("plain") << 502 << QByteArray("Bad Gateway\r\n") << u"HTTP 502: Bad Gateway"_s;
        QTest::newRow("empty") << 500 << QByteArray() << u"HTTP 500"_s;
        QTest::newRow("control chars") << 500 << QByteArray("a\x1b[31mb") << u"HTTP 500: a [31mb"_s;
        QTest::newRow("long") << 500 << QByteArray(300, 'x')
                              << u"HTTP 500: "_s + QString(200, u'x') + u"..."_s;
    }
    void httpErrors()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(QString, expected);
        QCOMPARE(FactoryConfig::describeHttpError(status, body), expected);
    }

    void logLines()
    {
        QCOMPARE(HubLog::format(QtWarningMsg, u"skipped"_s, true), u"<4>skipped"_s);
        QCOMPARE(HubLog::format(QtCriticalMsg, u"a\nb"_s, true), u"<3>a\n<3>    b"_s);
        QCOMPARE(HubLog::format(QtDebugMsg, u"x"_s, true), u"<7>x"_s);
        QCOMPARE(HubLog::format(QtInfoMsg, u"x"_s, true), u"<6>x"_s);
        const QString plain = HubLog::format(QtInfoMsg, u"a\nb"_s, false);
        QVERIFY2(plain.endsWith(u" info: a\n    b"_s), qPrintable(plain));
    }
};

QTEST_GUILESS_MAIN(TestHubStatus)
#include "tst_hubstatus.moc"
