#include "AdminJson.h"

#include <QJsonDocument>
#include <QtTest>

using namespace fvpn;

namespace {

const QString KeyA = QStringLiteral("WlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlo=");

QJsonObject parse(const QByteArray &json)
{
    return QJsonDocument::fromJson(json).object();
}

QByteArray device(const QByteArray &fields)
{
    return "{\"devices\": [{\"name\": \"dev-1\", \"public_key\": \"" + KeyA.toLatin1()
        + "\", \"address\": \"10.42.42.2\"" + fields + "}]}";
}

} // namespace

class TestAdminJson : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsDevices()
    {
        auto list = AdminJson::devices(parse(device(
            ", \"state\": \"online\", \"last_handshake\": \"2024-05-01T10:00:00.000Z\", \"rx_bytes\": 1024,"
            " \"tx_bytes\": 2048, \"endpoint\": \"192.0.2.7:51820\", \"future_field\": [1, 2]")));
        QVERIFY2(list.ok(), qPrintable(list ? QString() : list.error().message));
        QCOMPARE(list->devices.size(), 1);
        const DeviceInfo &d = list->devices.constFirst();
        QCOMPARE(d.name, QStringLiteral("dev-1"));
        QCOMPARE(d.publicKey.toBase64(), KeyA);
        QCOMPARE(d.address.toString(), QStringLiteral("10.42.42.2"));
        QCOMPARE(d.live.lastHandshake, QDateTime(QDate(2024, 5, 1), QTime(10, 0), Qt::UTC));
        QCOMPARE(d.live.rxBytes, quint64(1024));
        QCOMPARE(d.live.txBytes, quint64(2048));
        QCOMPARE(d.live.endpoint, QStringLiteral("192.0.2.7:51820"));
        QVERIFY(d.live.onInterface);
    }

    void readsAbsentAndNeverPeers()
    {
        auto list
            = AdminJson::devices(parse(device(", \"state\": \"absent\", \"last_handshake\": null,"
                                              " \"rx_bytes\": 0, \"tx_bytes\": 0, \"endpoint\": null")));
        QVERIFY(list.ok());
        QVERIFY(!list->devices.constFirst().live.onInterface);
        QVERIFY(!list->devices.constFirst().live.lastHandshake.isValid());
        QVERIFY(list->devices.constFirst().live.endpoint.isEmpty());
    }

    void refusesBadDevices_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("message");
        QTest::newRow("no list") << QByteArray("{}") << QStringLiteral("devices is missing");
        QTest::newRow("list is object")
            << QByteArray("{\"devices\": {}}") << QStringLiteral("devices is not a list");
        QTest::newRow("item not object")
            << QByteArray("{\"devices\": [1]}") << QStringLiteral("devices[0] is not an object");
        QTest::newRow("bad key") << QByteArray("{\"devices\": [{\"name\": \"d\", \"public_key\": \"abc\", "
                                               "\"address\": \"10.0.0.1\"}]}")
                                 << QStringLiteral("devices[0].public_key");
        QTest::newRow("bad address") << device("").replace("10.42.42.2", "10.42.42.256")
                                     << QStringLiteral("devices[0].address");
        QTest::newRow("missing name") << device("").replace("\"name\": \"dev-1\", ", "")
                                      << QStringLiteral("devices[0].name is missing");
        QTest::newRow("name not string")
            << device("").replace("\"dev-1\"", "7") << QStringLiteral("devices[0].name is not a string");
        QTest::newRow("control char in name")
            << device("").replace("dev-1", "dev\\u202e1")
            << QStringLiteral("devices[0].name contains control characters");
        QTest::newRow("newline in name") << device("").replace("dev-1", "dev\\n1")
                                         << QStringLiteral("devices[0].name contains control characters");
        QTest::newRow("bad time") << device(", \"last_handshake\": \"yesterday\"")
                                  << QStringLiteral(
                                         "devices[0].last_handshake 'yesterday' is not an ISO 8601 time");
        QTest::newRow("negative bytes")
            << device(", \"rx_bytes\": -1") << QStringLiteral("devices[0].rx_bytes is not a whole number");
        QTest::newRow("fraction bytes")
            << device(", \"tx_bytes\": 1.5") << QStringLiteral("devices[0].tx_bytes is not a whole number");
        QTest::newRow("bytes as text") << device(", \"tx_bytes\": \"12\"")
                                       << QStringLiteral("devices[0].tx_bytes is not a whole number");
    }

    void refusesBadDevices()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, message);
        auto list = AdminJson::devices(parse(json));
        QVERIFY(!list.ok());
        QCOMPARE(list.error().code, ErrorCode::InvalidInput);
        QVERIFY2(list.error().message.startsWith(message), qPrintable(list.error().message));
    }

    void readsClientsWithFallbackName()
    {
        auto list = AdminJson::clients(
            parse("{\"clients\": [{\"name\": \"\", \"comment\": \"\", \"public_key\": \"" + KeyA.toLatin1()
                  + "\", \"address\": \"10.42.42.9\", \"line\": 3}], \"etag\": \"\\\"v2\\\"\"}"));
        QVERIFY(list.ok());
        QCOMPARE(list->etag, QStringLiteral("\"v2\""));
        QCOMPARE(list->clients.constFirst().line, 3);
        QCOMPARE(list->clients.constFirst().name, list->clients.constFirst().publicKey.fingerprint());
    }

    void readsRequests()
    {
        auto list = AdminJson::requests(parse(
            "{\"requests\": [{\"id\": \"r1\", \"status\": \"pending\", \"public_key\": \"" + KeyA.toLatin1()
            + "\", \"name\": \"Alice\", \"hostname\": \"alice-pc\", \"os\": \"Fedora 40\", "
              "\"source_address\":"
              " \"198.51.100.4\", \"created_at\": \"2024-05-01T10:00:00.123Z\", \"decided_at\": null,"
              " \"decided_by\": null, \"reason\": \"\", \"address\": null}], \"suggested_address\": "
              "\"10.42.42.5\"}"));
        QVERIFY2(list.ok(), qPrintable(list ? QString() : list.error().message));
        const RequestInfo &r = list->requests.constFirst();
        QCOMPARE(r.id, QStringLiteral("r1"));
        QCOMPARE(r.status, RequestState::Pending);
        QCOMPARE(r.hostname, QStringLiteral("alice-pc"));
        QCOMPARE(r.createdAt.time().msec(), 123);
        QVERIFY(r.address.isNull());
        QCOMPARE(list->suggestedAddress.toString(), QStringLiteral("10.42.42.5"));
    }

    void refusesBadRequests_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("message");
        const QByteArray ok
            = "{\"id\": \"r1\", \"status\": \"pending\", \"public_key\": \"" + KeyA.toLatin1() + "\"}";
        QTest::newRow("unknown status") << QByteArray(ok).replace("pending", "maybe")
                                        << QStringLiteral("status 'maybe' is not a request status");
        QTest::newRow("empty id") << QByteArray(ok).replace("\"r1\"", "\"\"")
                                  << QStringLiteral("id is empty");
        QTest::newRow("bad address") << QByteArray(ok).replace("}", ", \"address\": \"10.1\"}")
                                     << QStringLiteral("address");
    }

    void refusesBadRequests()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, message);
        auto r = AdminJson::request(parse(json));
        QVERIFY(!r.ok());
        QVERIFY2(r.error().message.startsWith(message), qPrintable(r.error().message));
    }

    void readsAuditPages()
    {
        auto page
            = AdminJson::auditPage(parse("{\"entries\": [{\"id\": 7, \"at\": \"2024-05-01T10:00:00.000Z\","
                                         " \"actor\": \"token:ops\", \"action\": \"settings.change\","
                                         " \"target\": \"device_to_device\", \"before\": false, \"after\":"
                                         " true}], \"next_before\": 7}"));
        QVERIFY(page.ok());
        QCOMPARE(page->entries.constFirst().id, 7);
        QCOMPARE(page->entries.constFirst().after, QJsonValue(true));
        QCOMPARE(page->nextBefore, std::optional<qint64>(7));
        auto last = AdminJson::auditPage(parse("{\"entries\": [], \"next_before\": null}"));
        QVERIFY(last.ok());
        QVERIFY(!last->nextBefore);
        auto noTime = AdminJson::auditPage(parse("{\"entries\": [{\"id\": 1, \"action\": \"x\"}]}"));
        QVERIFY(!noTime.ok());
        QVERIFY2(noTime.error().message.startsWith(QStringLiteral("entries[0].at is missing")),
                 qPrintable(noTime.error().message));
    }

    void readsSettingsAndPool()
    {
        auto s = AdminJson::settings(parse("{\"device_to_device\": true}"));
        QVERIFY(s.ok());
        QVERIFY(s->deviceToDevice);
        QVERIFY(!AdminJson::settings(parse("{\"device_to_device\": \"yes\"}")).ok());
        QVERIFY(!AdminJson::settings(parse("{}")).ok());

        auto p = AdminJson::pool(parse("{\"subnet\": \"10.42.42.0/24\", \"hub_address\": \"10.42.42.1\","
                                       " \"capacity\": 253, \"used\": 4, \"next_free\": null}"));
        QVERIFY2(p.ok(), qPrintable(p ? QString() : p.error().message));
        QCOMPARE(p->subnet.toString(), QStringLiteral("10.42.42.0/24"));
        QVERIFY(p->nextFree.isNull());
        auto badSubnet
            = AdminJson::pool(parse("{\"subnet\": \"10.42.42.1/24\", \"hub_address\": \"10.42.42.1\","
                                    " \"capacity\": 253, \"used\": 4}"));
        QVERIFY(!badSubnet.ok());
        QVERIFY(badSubnet.error().message.startsWith(QStringLiteral("subnet")));
    }

    void linkStateFollowsHandshakeAge_data()
    {
        QTest::addColumn<qint64>("age");
        QTest::addColumn<int>("state");
        QTest::newRow("now") << qint64(0) << int(LinkState::Online);
        QTest::newRow("clock skew") << qint64(-30) << int(LinkState::Online);
        QTest::newRow("3 min") << OnlineWithinSecs << int(LinkState::Online);
        QTest::newRow("3 min 1 s") << OnlineWithinSecs + 1 << int(LinkState::Stale);
        QTest::newRow("1 h") << StaleWithinSecs << int(LinkState::Stale);
        QTest::newRow("1 h 1 s") << StaleWithinSecs + 1 << int(LinkState::Offline);
    }

    void linkStateFollowsHandshakeAge()
    {
        QFETCH(qint64, age);
        QFETCH(int, state);
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QCOMPARE(int(linkStateFor(now.addSecs(-age), now)), state);
        QCOMPARE(linkStateFor(QDateTime(), now), LinkState::Offline);
    }
};

QTEST_GUILESS_MAIN(TestAdminJson)
#include "tst_adminjson.moc"
