#include "AdminJson.h"

#include <QJsonDocument>
#include <QtTest>

using namespace fvpn;
using namespace Qt::StringLiterals;

namespace {

QString keyA()
{
    return QStringLiteral("WlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlo=");
}

QJsonObject parse(const QByteArray &json)
{
    return QJsonDocument::fromJson(json).object();
}

QByteArray device(const QByteArray &fields)
{
    return "{\"devices\": [{\"name\": \"dev-1\", \"public_key\": \"" + keyA().toLatin1()
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
        QCOMPARE(d.publicKey.toBase64(), keyA());
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
            parse("{\"clients\": [{\"name\": \"\", \"comment\": \"\", \"public_key\": \"" + keyA().toLatin1()
                  + "\", \"address\": \"10.42.42.9\", \"line\": 3}], \"etag\": \"\\\"v2\\\"\"}"));
        QVERIFY(list.ok());
        QCOMPARE(list->etag, QStringLiteral("\"v2\""));
        QCOMPARE(list->clients.constFirst().line, 3);
        QCOMPARE(list->clients.constFirst().name, list->clients.constFirst().publicKey.fingerprint());
    }

    void readsRequests()
    {
        auto list = AdminJson::requests(parse(
            "{\"requests\": [{\"id\": \"r1\", \"status\": \"pending\", \"public_key\": \"" + keyA().toLatin1()
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
            = "{\"id\": \"r1\", \"status\": \"pending\", \"public_key\": \"" + keyA().toLatin1() + "\"}";
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

    void readsDeviceDeltas()
    {
        const QByteArray row = "{\"name\": \"dev-1\", \"public_key\": \"" + keyA().toLatin1()
            + "\", \"address\": \"10.42.42.2\", \"state\": \"never\"}";
        const QString keyB = QStringLiteral("AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE=");
        auto delta = AdminJson::deviceDelta(
            parse("{\"revision\": 1733480000000200, \"full\": false, \"devices\": [" + row
                  + "], \"removed\": [\"" + keyB.toLatin1() + "\"], \"live_error\": null}"));
        QVERIFY2(delta.ok(), qPrintable(delta ? QString() : delta.error().message));
        QCOMPARE(delta->revision, quint64(1733480000000200));
        QVERIFY(!delta->full);
        QCOMPARE(delta->devices.size(), 1);
        QCOMPARE(delta->removed.size(), 1);
        QCOMPARE(delta->removed.constFirst().toBase64(), keyB);

        // A hub from before deltas: its answer is the whole list.
        auto old = AdminJson::deviceDelta(parse(device({})));
        QVERIFY(old.ok());
        QVERIFY(old->full);
        QCOMPARE(old->revision, quint64(0));
        // The plain list reader takes either.
        auto list = AdminJson::devices(
            parse("{\"revision\": 7, \"full\": true, \"devices\": [" + row + "], \"removed\": []}"));
        QVERIFY(list.ok());
        QCOMPARE(list->revision, quint64(7));

        const QList<QByteArray> bad {
            "{\"full\": \"no\", \"devices\": []}",
            "{\"full\": false, \"devices\": [], \"removed\": [\"nope\"]}",
            "{\"full\": false, \"devices\": [], \"removed\": [3]}",
            "{\"full\": false, \"devices\": [], \"removed\": \"" + keyB.toLatin1() + "\"}",
            "{\"full\": true, \"devices\": [], \"removed\": [\"" + keyB.toLatin1() + "\"]}",
            "{\"revision\": -1, \"devices\": []}",
            "{\"revision\": 1.5, \"devices\": []}",
        };
        for (const QByteArray &json : bad)
            QVERIFY2(!AdminJson::deviceDelta(parse(json)).ok(), json.constData());
    }

    void readsEvents_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("id");
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<int>("kind");
        const QByteArray request = "{\"id\": \"9f1c\", \"status\": \"pending\", \"public_key\": \""
            + keyA().toLatin1() + "\", \"name\": \"Alice\", \"hostname\": \"alice-laptop\"}";
        const QByteArray peer = "{\"name\": \"alice\", \"public_key\": \"" + keyA().toLatin1()
            + "\", \"address\": \"10.42.42.9\", \"line\": 3}";
        const QByteArray dev = "{\"name\": \"dev-1\", \"public_key\": \"" + keyA().toLatin1()
            + "\", \"address\": \"10.42.42.2\"}";
        QTest::newRow("hello") << u"hello"_s << QString() << QByteArray("{\"revision\": 100}")
                               << int(AdminEventKind::Hello);
        QTest::newRow("request.created")
            << u"request.created"_s << u"101"_s << "{\"revision\": 101, \"request\": " + request + "}"
            << int(AdminEventKind::RequestCreated);
        QTest::newRow("request.approved")
            << u"request.approved"_s << u"102"_s
            << "{\"revision\": 102, \"request\": " + request + ", \"client\": " + peer + "}"
            << int(AdminEventKind::RequestApproved);
        QTest::newRow("client.added")
            << u"client.added"_s << u"103"_s << "{\"revision\": 103, \"client\": " + peer + "}"
            << int(AdminEventKind::ClientAdded);
        QTest::newRow("client.revoked")
            << u"client.revoked"_s << u"104"_s << "{\"revision\": 104, \"client\": " + peer + "}"
            << int(AdminEventKind::ClientRevoked);
        QTest::newRow("clients_file.changed")
            << u"clients_file.changed"_s << u"105"_s
            << QByteArray("{\"revision\": 105, \"etag\": \"\\\"v2\\\"\", \"peers\": 4, \"error\": null}")
            << int(AdminEventKind::ClientsFileChanged);
        QTest::newRow("settings.changed") << u"settings.changed"_s << u"106"_s
                                          << QByteArray("{\"revision\": 106, \"device_to_device\": true}")
                                          << int(AdminEventKind::SettingsChanged);
        QTest::newRow("device.online")
            << u"device.online"_s << u"107"_s << "{\"revision\": 107, \"device\": " + dev + "}"
            << int(AdminEventKind::DeviceOnline);
        QTest::newRow("device.offline")
            << u"device.offline"_s << u"108"_s << "{\"revision\": 108, \"device\": " + dev + "}"
            << int(AdminEventKind::DeviceOffline);
        QTest::newRow("inventory.changed")
            << u"inventory.changed"_s << u"109"_s
            << QByteArray("{\"revision\": 109, \"added\": 2, \"removed\": 0, \"changed\": 1}")
            << int(AdminEventKind::InventoryChanged);
        QTest::newRow("apply.failed") << u"apply.failed"_s << u"110"_s
                                      << QByteArray("{\"revision\": 110, \"error\": \"nft: syntax\\nerror\"}")
                                      << int(AdminEventKind::ApplyFailed);
        QTest::newRow("reset") << u"reset"_s << QString() << QByteArray("{\"revision\": 111}")
                               << int(AdminEventKind::Reset);
        QTest::newRow("newer type") << u"tunnel.rekeyed"_s << u"112"_s << QByteArray("{\"anything\": [1]}")
                                    << int(AdminEventKind::Other);
    }

    void readsEvents()
    {
        QFETCH(QString, type);
        QFETCH(QString, id);
        QFETCH(QByteArray, data);
        QFETCH(int, kind);
        auto event = AdminJson::event(type, id, QString::fromUtf8(data));
        QVERIFY2(event.ok(), qPrintable(event ? QString() : event.error().message));
        QCOMPARE(int(event->kind), kind);
        QCOMPARE(event->type, type);
        QCOMPARE(event->id.has_value(), !id.isEmpty());
        if (event->id)
            QCOMPARE(QString::number(*event->id), id);
        QCOMPARE(event->data, parse(data));
        switch (event->kind) {
        case AdminEventKind::RequestCreated:
        case AdminEventKind::RequestApproved:
            QCOMPARE(event->request->name, QStringLiteral("Alice"));
            QCOMPARE(event->request->publicKey.toBase64(), keyA());
            break;
        case AdminEventKind::ClientAdded:
        case AdminEventKind::ClientRevoked:
            QCOMPARE(event->client->address.toString(), QStringLiteral("10.42.42.9"));
            QCOMPARE(event->client->line, 3);
            break;
        case AdminEventKind::ClientsFileChanged:
            QCOMPARE(event->clientsFile->etag, QStringLiteral("\"v2\""));
            QCOMPARE(event->clientsFile->peers.value_or(0), quint64(4));
            QVERIFY(event->clientsFile->error.isEmpty());
            break;
        case AdminEventKind::SettingsChanged:
            QVERIFY(event->settings->deviceToDevice);
            break;
        case AdminEventKind::DeviceOnline:
        case AdminEventKind::DeviceOffline:
            QCOMPARE(event->device->name, QStringLiteral("dev-1"));
            break;
        case AdminEventKind::InventoryChanged:
            QCOMPARE(event->inventory->added, quint64(2));
            QCOMPARE(event->inventory->changed, quint64(1));
            break;
        case AdminEventKind::ApplyFailed:
            QCOMPARE(event->error, QStringLiteral("nft: syntax error")); // one line
            break;
        default:
            break;
        }
    }

    void refusesBadEvents_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("id");
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<QString>("messagePart");
        QTest::newRow("not JSON") << u"hello"_s << QString() << QByteArray("{")
                                  << u"cannot be read as JSON"_s;
        QTest::newRow("array") << u"hello"_s << QString() << QByteArray("[1]") << u"not a JSON object"_s;
        QTest::newRow("duplicate key")
            << u"request.approved"_s << u"2"_s
            << "{\"revision\": 2, \"request\": {\"id\": \"x\", \"status\": \"approved\", \"status\": "
               "\"rejected\", \"public_key\": \""
                + keyA().toLatin1() + "\"}}"
            << u"the key 'status' appears twice in 'request'"_s;
        QTest::newRow("no revision") << u"hello"_s << QString() << QByteArray("{}")
                                     << u"data.revision is not a whole number"_s;
        QTest::newRow("id not a number")
            << u"reset"_s << u"abc"_s << QByteArray("{\"revision\": 1}") << u"id 'abc'"_s;
        QTest::newRow("id negative") << u"reset"_s << u"-4"_s << QByteArray("{\"revision\": 1}")
                                     << u"id '-4'"_s;
        QTest::newRow("id beyond 2^53") << u"reset"_s << u"9007199254740993"_s
                                        << QByteArray("{\"revision\": 1}") << u"is not a revision"_s;
        QTest::newRow("request missing") << u"request.created"_s << u"2"_s << QByteArray("{\"revision\": 2}")
                                         << u"data.request is missing"_s;
        QTest::newRow("request bad key")
            << u"request.created"_s << u"2"_s
            << QByteArray(
                   "{\"revision\": 2, \"request\": {\"id\": \"x\", \"status\": \"pending\", \"public_key\": "
                   "\"nope\"}}")
            << u"data.request.public_key"_s;
        QTest::newRow("request bad status")
            << u"request.rejected"_s << u"2"_s
            << "{\"revision\": 2, \"request\": {\"id\": \"x\", \"status\": \"maybe\", \"public_key\": \""
                + keyA().toLatin1() + "\"}}"
            << u"data.request.status"_s;
        QTest::newRow("client not an object")
            << u"client.added"_s << u"2"_s << QByteArray("{\"revision\": 2, \"client\": \"alice\"}")
            << u"data.client is not an object"_s;
        QTest::newRow("settings without the flag")
            << u"settings.changed"_s << u"2"_s << QByteArray("{\"revision\": 2}")
            << u"data.device_to_device"_s;
        QTest::newRow("file without etag") << u"clients_file.changed"_s << u"2"_s
                                           << QByteArray("{\"revision\": 2, \"peers\": 1}") << u"data.etag"_s;
        QTest::newRow("file error of another shape")
            << u"clients_file.changed"_s << u"2"_s
            << QByteArray("{\"revision\": 2, \"etag\": \"x\", \"error\": [{\"line\": 0}]}")
            << u"data.error[0]"_s;
        QTest::newRow("inventory without counts")
            << u"inventory.changed"_s << u"2"_s << QByteArray("{\"revision\": 2, \"added\": 1}")
            << u"data.removed"_s;
        QTest::newRow("apply.failed without words")
            << u"apply.failed"_s << u"2"_s << QByteArray("{\"revision\": 2, \"error\": \" \"}")
            << u"data.error"_s;
        QTest::newRow("type with a newline") << u"a\nb"_s << QString() << QByteArray("{}") << u"not a name"_s;
    }

    void refusesBadEvents()
    {
        QFETCH(QString, type);
        QFETCH(QString, id);
        QFETCH(QByteArray, data);
        QFETCH(QString, messagePart);
        auto event = AdminJson::event(type, id, QString::fromUtf8(data));
        QVERIFY(!event.ok());
        QVERIFY2(event.error().message.contains(messagePart), qPrintable(event.error().message));
    }

    void readsFileErrorsInWords()
    {
        auto event = AdminJson::event(u"clients_file.changed"_s, u"3"_s,
                                      u"{\"revision\": 3, \"etag\": \"x\", \"peers\": null, \"error\": "
                                      u"[{\"line\": 4, \"message\": \"bad key\"},"
                                      " {\"line\": 9, \"message\": \"duplicate address\"}]}"_s);
        QVERIFY2(event.ok(), qPrintable(event ? QString() : event.error().message));
        QVERIFY(!event->clientsFile->peers);
        QCOMPARE(event->clientsFile->error, QStringLiteral("line 4: bad key; line 9: duplicate address"));
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
