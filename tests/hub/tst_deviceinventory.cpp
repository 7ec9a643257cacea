#include "DeviceInventory.h"
#include "InventoryParser.h"
#include "TestKeys.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace fvpn;
using namespace Qt::StringLiterals;

class TestDeviceInventory : public QObject
{
    Q_OBJECT

private:
    static DeviceInventory::Rules rules()
    {
        return { IpNetwork::parse(u"10.42.42.0/24").value(), IpAddress::parse(u"10.42.42.1").value() };
    }

    static QByteArray entry(const QString &name, const QString &key, const QString &ip, bool enabled = true)
    {
        return u"{\"name\":\"%1\",\"pubkey\":\"%2\",\"ip\":\"%3\",\"enabled\":%4}"_s
            .arg(name, key, ip, enabled ? u"true"_s : u"false"_s)
            .toUtf8();
    }

    // moc mis-parses raw string literals that end in a quote, so odd entries are
    // built as JSON objects instead.
    static QByteArray object(const QJsonObject &object)
    {
        return QJsonDocument(object).toJson(QJsonDocument::Compact);
    }

    static QByteArray array(const QList<QByteArray> &entries) { return '[' + entries.join(',') + ']'; }

    // The incremental parser gives what the plain parse gives, the first time and
    // again when the same entries come back.
    static void checkIncremental(InventoryParser &parser, const QByteArray &json)
    {
        const Result<DeviceInventory> plain = DeviceInventory::parse(json, rules());
        const Result<DeviceInventory> incremental = parser.parse(json);
        QCOMPARE(incremental.ok(), plain.ok());
        if (!plain.ok()) {
            QCOMPARE(incremental.error().message, plain.error().message);
            return;
        }
        QCOMPARE(incremental->devices(), plain->devices());
        QCOMPARE(incremental->skipped(), plain->skipped());
        QCOMPARE(incremental->disabledCount(), plain->disabledCount());
    }

private Q_SLOTS:
    void keepsEnabledDevices()
    {
        const QByteArray json = array({ entry(u"dev-01"_s, testkeys::A, u"10.42.42.2"_s),
                                        entry(u"dev-02"_s, testkeys::B, u"10.42.42.3"_s, false),
                                        entry(u"dev-03"_s, testkeys::C, u"10.42.42.4"_s) });
        const auto inventory = DeviceInventory::parse(json, rules());
        QVERIFY(inventory.ok());
        QCOMPARE(inventory->devices().size(), 2);
        QCOMPARE(inventory->devices().at(0).name, u"dev-01"_s);
        QCOMPARE(inventory->devices().at(0).publicKey, testkeys::key(testkeys::A));
        QCOMPARE(inventory->devices().at(0).address.toString(), u"10.42.42.2"_s);
        QCOMPARE(inventory->devices().at(1).name, u"dev-03"_s);
        QCOMPARE(inventory->disabledCount(), 1);
        QVERIFY(inventory->skipped().isEmpty());
    }

    void emptyArrayIsNoDevices()
    {
        const auto inventory = DeviceInventory::parse("[]", rules());
        QVERIFY(inventory.ok());
        QVERIFY(inventory->devices().isEmpty());
    }

    void disabledEntriesAreNotChecked()
    {
        // A disabled device with garbage and a clashing address neither counts as
        // skipped nor blocks the address for an enabled one.
        const QByteArray json = array({ entry(u"old"_s, u"junk"_s, u"10.42.42.2"_s, false),
                                        entry(u"new"_s, testkeys::A, u"10.42.42.2"_s),
                                        R"({"name":"nokey","ip":"10.42.42.9"})" });
        const auto inventory = DeviceInventory::parse(json, rules());
        QVERIFY(inventory.ok());
        QCOMPARE(inventory->devices().size(), 1);
        QCOMPARE(inventory->devices().first().name, u"new"_s);
        QCOMPARE(inventory->disabledCount(), 2);
        QVERIFY(inventory->skipped().isEmpty());
    }

    void rejectsDocumentsThatAreNotAList_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("messagePart");
        QTest::newRow("empty") << QByteArray() << u"not valid JSON"_s;
        QTest::newRow("garbage") << QByteArray("<html>502 Bad Gateway</html>") << u"not valid JSON"_s;
        QTest::newRow("truncated") << QByteArray(R"([{"name":"dev-01",)") << u"not valid JSON"_s;
        QTest::newRow("object") << QByteArray(R"({"msg":"Unauthorized"})") << u"not a JSON array"_s;
        QTest::newRow("paginated shape")
            << QByteArray(R"({"devices":[],"total":0})") << u"not a JSON array"_s;
        // Issue 15: which of two keys is the device's? Neither: the whole answer is
        // refused (the last known list stays), naming the key and the entry.
        QTest::newRow("a key twice") << QByteArray(
            R"([{"name":"dev-01","pubkey":"xN+d5uIiVCB6KCu5rUco5RyeXmvRoPTMqqW6IN/GVlg=",)"
            R"("ip":"10.42.42.2","enabled":true,"pubkey":"nNwxDUYGZ9sJg0RPpj4oGunjIvIiNl6y5N+vlyFE+QY="}])")
                                     << u"the key 'pubkey' appears twice in '[0]'"_s;
        QTest::newRow("enabled twice")
            << QByteArray(R"([{"name":"a","enabled":false,"enabled":true}])") << u"'enabled' appears twice"_s;
    }
    void rejectsDocumentsThatAreNotAList()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, messagePart);
        const auto inventory = DeviceInventory::parse(json, rules());
        QVERIFY(!inventory.ok());
        QCOMPARE(inventory.error().code, ErrorCode::InvalidInput);
        QVERIFY2(inventory.error().message.contains(messagePart), qPrintable(inventory.error().message));
    }

    void skipsBadEntries_data()
    {
        QTest::addColumn<QByteArray>("bad");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("reasonPart");
        QTest::newRow("not an object") << QByteArray("42") << u"entry 2"_s << u"not a JSON object"_s;
        QTest::newRow("bad key") << entry(u"dev-x"_s, u"not-a-key"_s, u"10.42.42.20"_s) << u"dev-x"_s
                                 << u"bad public key"_s;
        QTest::newRow("short key") << entry(u"dev-x"_s, testkeys::B.left(43), u"10.42.42.20"_s) << u"dev-x"_s
                                   << u"bad public key"_s;
        QTest::newRow("empty ip") << entry(u"dev-x"_s, testkeys::B, QString()) << u"dev-x"_s
                                  << u"no VPN address"_s;
        QTest::newRow("missing ip") << object(
            { { u"name"_s, u"dev-x"_s }, { u"pubkey"_s, testkeys::B }, { u"enabled"_s, true } })
                                    << u"dev-x"_s << u"no VPN address"_s;
        QTest::newRow("bad ip") << entry(u"dev-x"_s, testkeys::B, u"10.42.42.300"_s) << u"dev-x"_s
                                << u"bad VPN address"_s;
        QTest::newRow("ip with prefix")
            << entry(u"dev-x"_s, testkeys::B, u"10.42.42.20/32"_s) << u"dev-x"_s << u"bad VPN address"_s;
        QTest::newRow("outside subnet") << entry(u"dev-x"_s, testkeys::B, u"10.42.43.20"_s) << u"dev-x"_s
                                        << u"outside the VPN subnet 10.42.42.0/24"_s;
        QTest::newRow("ipv6") << entry(u"dev-x"_s, testkeys::B, u"fd00::20"_s) << u"dev-x"_s
                              << u"outside the VPN subnet"_s;
        QTest::newRow("network address")
            << entry(u"dev-x"_s, testkeys::B, u"10.42.42.0"_s) << u"dev-x"_s << u"network or broadcast"_s;
        QTest::newRow("broadcast address")
            << entry(u"dev-x"_s, testkeys::B, u"10.42.42.255"_s) << u"dev-x"_s << u"network or broadcast"_s;
        QTest::newRow("hub address") << entry(u"dev-x"_s, testkeys::B, u"10.42.42.1"_s) << u"dev-x"_s
                                     << u"hub's own address"_s;
        QTest::newRow("duplicate address") << entry(u"dev-x"_s, testkeys::B, u"10.42.42.2"_s) << u"dev-x"_s
                                           << u"10.42.42.2 is already used by device dev-01"_s;
        QTest::newRow("duplicate key") << entry(u"dev-x"_s, testkeys::A, u"10.42.42.20"_s) << u"dev-x"_s
                                       << u"already used by device dev-01"_s;
        QTest::newRow("no name") << entry(QString(), testkeys::B, u"10.42.42.20"_s) << u"entry 2"_s
                                 << u"has no name"_s;
        QTest::newRow("name with newline") << object({ { u"name"_s, u"evil\n10.0.0.1 bank"_s },
                                                       { u"pubkey"_s, testkeys::B },
                                                       { u"ip"_s, u"10.42.42.20"_s },
                                                       { u"enabled"_s, true } })
                                           << u"entry 2"_s << u"control characters"_s;
        QTest::newRow("name not a string") << object({ { u"name"_s, 7 },
                                                       { u"pubkey"_s, testkeys::B },
                                                       { u"ip"_s, u"10.42.42.20"_s },
                                                       { u"enabled"_s, true } })
                                           << u"entry 2"_s << u"has no name"_s;
    }
    void skipsBadEntries()
    {
        QFETCH(QByteArray, bad);
        QFETCH(QString, name);
        QFETCH(QString, reasonPart);
        // The good entries around the bad one are kept: one bad device never blocks others.
        const QByteArray json = array({ entry(u"dev-01"_s, testkeys::A, u"10.42.42.2"_s), bad,
                                        entry(u"dev-03"_s, testkeys::C, u"10.42.42.4"_s) });
        const auto inventory = DeviceInventory::parse(json, rules());
        QVERIFY(inventory.ok());
        QCOMPARE(inventory->devices().size(), 2);
        QCOMPARE(inventory->devices().at(0).name, u"dev-01"_s);
        QCOMPARE(inventory->devices().at(1).name, u"dev-03"_s);
        QCOMPARE(inventory->skipped().size(), 1);
        const SkippedPeer &skipped = inventory->skipped().first();
        QCOMPARE(skipped.name, name);
        QVERIFY2(skipped.reason.contains(reasonPart), qPrintable(skipped.reason));
        QVERIFY(!skipped.toString().contains(u'\n'));

        InventoryParser parser(rules());
        checkIncremental(parser, json);
        checkIncremental(parser, json);
        // The bad entry moved to the front: its label is its new number.
        checkIncremental(parser, array({ bad, entry(u"dev-01"_s, testkeys::A, u"10.42.42.2"_s) }));
    }

    void incrementalParserReusesUnchangedEntries()
    {
        InventoryParser parser(rules());
        QList<QByteArray> entries {
            entry(u"dev-01"_s, testkeys::A, u"10.42.42.2"_s),
            entry(u"dev-02"_s, testkeys::B, u"10.42.42.3"_s, false),
            // Braces, brackets, quotes and escapes inside strings.
            object({ { u"name"_s, u"we{ird]\"na}me\\"_s },
                     { u"pubkey"_s, testkeys::C },
                     { u"ip"_s, u"10.42.42.4"_s },
                     { u"enabled"_s, true },
                     { u"tags"_s, QJsonArray { u"}"_s, QJsonObject { { u"["_s, 1 } } } } })
        };
        checkIncremental(parser, array(entries));
        QCOMPARE(parser.lastReused(), 0);
        entries.append(entry(u"dev-04"_s, testkeys::D, u"10.42.42.5"_s));
        const QByteArray grown = "  [\n" + entries.join(",\n  ") + "\n]\n";
        checkIncremental(parser, grown);
        QCOMPARE(parser.lastReused(), 3);
        QCOMPARE(parser.parse(grown)->devices().size(), 3);
        QCOMPARE(parser.lastReused(), 4);

        // A duplicate that now comes first takes the address; the old owner is skipped.
        entries.prepend(entry(u"dev-00"_s, testkeys::E, u"10.42.42.5"_s));
        checkIncremental(parser, array(entries));

        // Documents the scanner does not take go through the plain parse, errors included.
        for (const QByteArray &odd :
             { QByteArray("[1, 2]"), QByteArray("{}"), QByteArray("[{\"a\": 1},]"), QByteArray("[{\"a\": 1}"),
               QByteArray("[{\"a\": tru}]"), QByteArray("[{\"a\": 1}] x"), QByteArray(""), QByteArray("[]"),
               QByteArray(" [ ] ") }) {
            checkIncremental(parser, odd);
            checkIncremental(parser, array(entries));
        }
    }

    // Entries in the plain form are read without StrictJson; the result must be
    // exactly the strict parse's, and anything outside that form must still go
    // through StrictJson (errors and all).
    void plainEntriesReadAsStrictJsonReadsThem_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<bool>("plain");
        const QByteArray key = testkeys::B.toLatin1();
        const auto with = [](const QByteArray &fields) -> QByteArray {
            return '{' + fields + '}';
        };
        const QByteArray rest = QByteArray("\"pubkey\":\"" + key + "\",\"ip\":\"10.42.42.20\"");
        QTest::newRow("usual") << with("\"name\":\"dev-x\"," + rest + ",\"enabled\":true") << true;
        QTest::newRow("spaces") << QByteArray(" { \"name\" :\t\"dev-x\" ,\n" + rest
                                              + " , \"enabled\" : true\r\n}")
                                << true;
        QTest::newRow("other order, extra keys")
            << with("\"enabled\":true,\"tag\":null,\"ip\":\"10.42.42.20\",\"x\":false,\"pubkey\":\"" + key
                    + "\",\"name\":\"dev-x\"")
            << true;
        QTest::newRow("disabled") << with("\"name\":\"dev-x\"," + rest + ",\"enabled\":false") << true;
        QTest::newRow("enabled null") << with("\"name\":\"dev-x\"," + rest + ",\"enabled\":null") << true;
        QTest::newRow("enabled as text")
            << with("\"name\":\"dev-x\"," + rest + ",\"enabled\":\"true\"") << true;
        QTest::newRow("no enabled") << with("\"name\":\"dev-x\"," + rest) << true;
        QTest::newRow("name null") << with("\"name\":null," + rest + ",\"enabled\":true") << true;
        QTest::newRow("name true") << with("\"name\":true," + rest + ",\"enabled\":true") << true;
        QTest::newRow("pubkey false")
            << with("\"name\":\"d\",\"pubkey\":false,\"ip\":\"10.42.42.20\",\"enabled\":true") << true;
        QTest::newRow("empty object") << QByteArray("{}") << true;
        QTest::newRow("empty object, spaces") << QByteArray("{ \n }") << true;
        // Outside the plain form: StrictJson reads these.
        QTest::newRow("name repeated")
            << with("\"name\":\"dev-x\"," + rest + ",\"enabled\":true,\"name\":\"dev-y\"") << false;
        QTest::newRow("name repeated, escaped")
            << with("\"name\":\"dev-x\"," + rest + ",\"enabled\":true,\"n\\u0061me\":\"dev-y\"") << false;
        QTest::newRow("enabled repeated")
            << with("\"name\":\"dev-x\"," + rest + ",\"enabled\":false,\"enabled\":true") << false;
        QTest::newRow("escaped name")
            << with("\"name\":\"dev\\u002dx\"," + rest + ",\"enabled\":true") << false;
        QTest::newRow("escaped newline in name")
            << with("\"name\":\"dev\\nx\"," + rest + ",\"enabled\":true") << false;
        QTest::newRow("UTF-8 name") << with("\"name\":\"d\xc3\xa9v\"," + rest + ",\"enabled\":true") << false;
        QTest::newRow("DEL in name") << with("\"name\":\"dev\x7f\"," + rest + ",\"enabled\":true") << false;
        QTest::newRow("raw tab in name")
            << with("\"name\":\"dev\tx\"," + rest + ",\"enabled\":true") << false;
        QTest::newRow("bad UTF-8 in name")
            << with("\"name\":\"d\xc3v\"," + rest + ",\"enabled\":true") << false;
        QTest::newRow("number") << with("\"name\":\"dev-x\"," + rest + ",\"enabled\":1") << false;
        QTest::newRow("nested") << with("\"name\":\"dev-x\"," + rest + ",\"enabled\":true,\"t\":[1]")
                                << false;
        QTest::newRow("nine keys") << with(
            "\"name\":\"dev-x\"," + rest
            + ",\"enabled\":true,\"a\":null,\"b\":null,\"c\":null,\"d\":null,\"e\":null")
                                   << false;
        QTest::newRow("trailing comma") << with("\"name\":\"dev-x\"," + rest + ",\"enabled\":true,") << false;
        QTest::newRow("missing comma") << with("\"name\":\"dev-x\" " + rest + ",\"enabled\":true") << false;
        QTest::newRow("missing colon") << with("\"name\" \"dev-x\"," + rest + ",\"enabled\":true") << false;
        QTest::newRow("truex") << with("\"name\":\"dev-x\"," + rest + ",\"enabled\":truex") << false;
        QTest::newRow("True") << with("\"name\":\"dev-x\"," + rest + ",\"enabled\":True") << false;
        QTest::newRow("unquoted key") << with("name:\"dev-x\"," + rest + ",\"enabled\":true") << false;
        QTest::newRow("unterminated string") << QByteArray("{\"name\":\"dev-x}") << false;
    }
    void plainEntriesReadAsStrictJsonReadsThem()
    {
        QFETCH(QByteArray, text);
        QFETCH(bool, plain);
        const QByteArray json = array({ entry(u"dev-01"_s, testkeys::A, u"10.42.42.2"_s), text });
        InventoryParser parser(rules());
        checkIncremental(parser, json);
        // The good entry is always plain; the one under test only when expected.
        const Result<DeviceInventory> plainParse = DeviceInventory::parse(json, rules());
        if (plainParse.ok())
            QCOMPARE(parser.lastReadPlainly(), plain ? 2 : 1);
        else
            QVERIFY(!plain);
        // Read again: taken from the previous answer, same result.
        checkIncremental(parser, json);
    }

    void duplicateAddressKeepsTheFirst()
    {
        const QByteArray json = array({ entry(u"b-second"_s, testkeys::B, u"10.42.42.7"_s),
                                        entry(u"a-first"_s, testkeys::A, u"10.42.42.7"_s),
                                        entry(u"c-third"_s, testkeys::C, u"10.42.42.7"_s) });
        const auto inventory = DeviceInventory::parse(json, rules());
        QVERIFY(inventory.ok());
        QCOMPARE(inventory->devices().size(), 1);
        QCOMPARE(inventory->devices().first().name, u"b-second"_s);
        QCOMPARE(inventory->skipped().size(), 2);
        QCOMPARE(inventory->skipped().at(0).name, u"a-first"_s);
        QVERIFY(inventory->skipped().at(0).reason.contains(u"device b-second"_s));
        QCOMPARE(inventory->skipped().at(1).name, u"c-third"_s);
    }

    void widerSubnet()
    {
        const DeviceInventory::Rules wide { IpNetwork::parse(u"10.42.0.0/16").value(),
                                            IpAddress::parse(u"10.42.0.1").value() };
        const auto inventory
            = DeviceInventory::parse(array({ entry(u"far"_s, testkeys::A, u"10.42.200.9"_s) }), wide);
        QVERIFY(inventory.ok());
        QCOMPARE(inventory->devices().size(), 1);
    }

    void truthyEnabledOnlyWhenTrue()
    {
        const QByteArray json = array({ object({ { u"name"_s, u"s"_s },
                                                 { u"pubkey"_s, testkeys::A },
                                                 { u"ip"_s, u"10.42.42.2"_s },
                                                 { u"enabled"_s, u"yes"_s } }) });
        const auto inventory = DeviceInventory::parse(json, rules());
        QVERIFY(inventory.ok());
        QVERIFY(inventory->devices().isEmpty());
        QCOMPARE(inventory->disabledCount(), 1);
    }
};

QTEST_GUILESS_MAIN(TestDeviceInventory)
#include "tst_deviceinventory.moc"
