// The engineer side of the planned device directory (docs/api.md, `GET
// /api/v1/directory`): the answer read strictly, the registration's own
// credentials and nothing else sent, fetched only while the tunnel is up, no
// redirect followed, refusals said in words.
#include "DeviceDirectory.h"
#include "FakeDirectory.h"
#include "StrictJson.h"

#include <QSignalSpy>
#include <QtTest>

using namespace fvpn;
using namespace fvpn::test;
using namespace std::chrono_literals;

namespace {

QByteArray good()
{
    return QByteArray(R"({"devices":[
    {"name":"press-01","address":"10.42.42.11","state":"online","last_handshake":"2026-05-01T10:00:00Z"},
    {"name":"welder-02","address":"10.42.42.12","state":"stale","last_handshake":"2026-05-01T09:10:00.250Z"},
    {"name":"paint-03","address":"10.42.42.13","state":"offline","last_handshake":null}
  ],"ssh_user":"fio","generated_at":"2026-05-01T10:00:05Z"})");
}

QJsonObject threeDevices()
{
    return QJsonObject {
        { QStringLiteral("devices"),
          QJsonArray { FakeDirectory::device(QStringLiteral("press-01"), QStringLiteral("10.42.42.11"),
                                             QStringLiteral("online"),
                                             QStringLiteral("2026-05-01T10:00:00Z")),
                       FakeDirectory::device(QStringLiteral("welder-02"), QStringLiteral("10.42.42.12"),
                                             QStringLiteral("stale")),
                       FakeDirectory::device(QStringLiteral("paint-03"), QStringLiteral("10.42.42.13"),
                                             QStringLiteral("offline")) } },
        { QStringLiteral("ssh_user"), QStringLiteral("fio") },
    };
}

} // namespace

class TestDeviceDirectory : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsTheAnswer()
    {
        const Result<DirectoryListing> listing = DeviceDirectory::parse(good());
        QVERIFY2(listing, listing ? "" : qPrintable(listing.error().message));
        QCOMPARE(listing->devices.size(), 3);
        QCOMPARE(listing->sshUser, QStringLiteral("fio"));
        const DirectoryDevice &press = listing->devices.at(0);
        QCOMPARE(press.name, QStringLiteral("press-01"));
        QCOMPARE(press.address.toString(), QStringLiteral("10.42.42.11"));
        QCOMPARE(press.state, DirectoryDevice::State::Online);
        QCOMPARE(press.lastHandshake, QDateTime(QDate(2026, 5, 1), QTime(10, 0), Qt::UTC));
        QCOMPARE(listing->devices.at(1).state, DirectoryDevice::State::Stale);
        QCOMPARE(listing->devices.at(2).state, DirectoryDevice::State::Offline);
        QVERIFY(!listing->devices.at(2).lastHandshake.isValid());
        QCOMPARE(DeviceDirectory::sshCommand(*listing, press), QStringLiteral("ssh fio@10.42.42.11"));
        DirectoryListing noUser = *listing;
        noUser.sshUser.clear();
        QCOMPARE(DeviceDirectory::sshCommand(noUser, press), QStringLiteral("ssh 10.42.42.11"));

        // An empty factory, and no ssh user.
        const Result<DirectoryListing> empty = DeviceDirectory::parse(R"({"devices":[]})");
        QVERIFY(empty);
        QVERIFY(empty->devices.isEmpty());
        QVERIFY(empty->sshUser.isEmpty());
    }

    void refusesBadAnswers_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("messagePart");
        const QByteArray d = R"("name":"press-01","address":"10.42.42.11","state":"online")";
        QTest::newRow("not json") << QByteArray("<html>") << QStringLiteral("not usable JSON");
        QTest::newRow("a list") << QByteArray("[]") << QStringLiteral("not an object");
        QTest::newRow("no devices") << QByteArray("{}") << QStringLiteral("'devices'");
        QTest::newRow("devices not a list") << QByteArray(R"({"devices":{}})") << QStringLiteral("'devices'");
        QTest::newRow("device not an object")
            << QByteArray(R"({"devices":[1]})") << QStringLiteral("devices[0]");
        QTest::newRow("no name") << QByteArray(R"({"devices":[{"address":"10.42.42.11","state":"online"}]})")
                                 << QStringLiteral("'name'");
        QTest::newRow("empty name") << QByteArray(
            R"({"devices":[{"name":"","address":"10.42.42.11","state":"online"}]})")
                                    << QStringLiteral("'name'");
        QTest::newRow("control character in name")
            << QByteArray(R"({"devices":[{"name":"a\u0007b","address":"10.42.42.11","state":"online"}]})")
            << QStringLiteral("'name'");
        QTest::newRow("bad address") << QByteArray(
            R"({"devices":[{"name":"x","address":"10.42.42","state":"online"}]})")
                                     << QStringLiteral("'address'");
        QTest::newRow("address with prefix")
            << QByteArray(R"({"devices":[{"name":"x","address":"10.42.42.11/32","state":"online"}]})")
            << QStringLiteral("'address'");
        QTest::newRow("unknown state")
            << QByteArray(R"({"devices":[{"name":"x","address":"10.42.42.11","state":"up"}]})")
            << QStringLiteral("'state'");
        QTest::newRow("state not text")
            << QByteArray(R"({"devices":[{"name":"x","address":"10.42.42.11","state":1}]})")
            << QStringLiteral("'state'");
        QTest::newRow("handshake not a time")
            << QByteArray("{\"devices\":[{" + d + R"(,"last_handshake":"yesterday"}]})")
            << QStringLiteral("'last_handshake'");
        QTest::newRow("handshake not UTC")
            << QByteArray("{\"devices\":[{" + d + R"(,"last_handshake":"2026-05-01T10:00:00+02:00"}]})")
            << QStringLiteral("'last_handshake'");
        QTest::newRow("duplicate key in a device") << QByteArray(
            R"({"devices":[{"name":"x","address":"10.42.42.11","state":"offline","state":"online"}]})")
                                                   << QStringLiteral("twice");
        QTest::newRow("duplicate key at the top")
            << QByteArray(R"({"devices":[],"devices":[]})") << QStringLiteral("twice");
        QTest::newRow("duplicate key spelled with an escape")
            << QByteArray(R"({"devices":[],"d\u0065vices":[]})") << QStringLiteral("twice");
        QTest::newRow("ssh user with a space")
            << QByteArray(R"({"devices":[],"ssh_user":"fio; rm"})") << QStringLiteral("'ssh_user'");
        QTest::newRow("ssh user as an option")
            << QByteArray(R"({"devices":[],"ssh_user":"-oProxyCommand=x"})") << QStringLiteral("'ssh_user'");
        QTest::newRow("ssh user not text")
            << QByteArray(R"({"devices":[],"ssh_user":7})") << QStringLiteral("'ssh_user'");
    }

    void refusesBadAnswers()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, messagePart);
        const Result<DirectoryListing> listing = DeviceDirectory::parse(json);
        QVERIFY(!listing);
        QCOMPARE(listing.error().code, ErrorCode::InvalidInput);
        QVERIFY2(listing.error().message.contains(messagePart), qPrintable(listing.error().message));
    }

    // The same key in different objects is no duplicate; strings with braces,
    // colons and escaped quotes do not confuse the scan.
    void duplicateScanIsExact()
    {
        const Result<QJsonObject> fine = StrictJson::parseObject(
            R"({"a":{"x":1},"b":{"x":2},"c":"{\"a\":1,\"a\":2}","d":[{"x":1},{"x":1}],"e":"\\"})");
        QVERIFY2(fine, fine ? "" : qPrintable(fine.error().message));
        QVERIFY(!StrictJson::parseObject(R"({"a":{"x":1,"y":{"z":1,"z":2}}})"));
        QVERIFY(!StrictJson::parseObject(R"({"a":[{"x":1,"x":1}]})"));
    }

    // Asked with the registration's credentials (Basic id:secret) and only
    // while the tunnel is up; the answer is what the view gets.
    void fetchesAsTheRegistrationWhileConnected()
    {
        FakeDirectory hub;
        hub.requestId = QStringLiteral("req-7");
        hub.secret = QStringLiteral("poll-secret-7");
        hub.answer = threeDevices();
        DeviceDirectory directory;
        QSignalSpy changed(&directory, &DeviceDirectory::changed);
        QCOMPARE(directory.status(), DeviceDirectory::Status::NotOffered);
        directory.setSource(hub.url(), hub.requestId, hub.secret);
        QCOMPARE(directory.status(), DeviceDirectory::Status::Waiting);
        QTest::qWait(100);
        QCOMPARE(hub.requests, 0); // the tunnel is down: the hub's VPN address is not reachable

        directory.setActive(true);
        QCOMPARE(directory.status(), DeviceDirectory::Status::Loading);
        QTRY_COMPARE_WITH_TIMEOUT(directory.status(), DeviceDirectory::Status::Ready, 30000);
        QCOMPARE(hub.requests, 1);
        QCOMPARE(hub.lastAuthorization, QByteArray("Basic ") + QByteArray("req-7:poll-secret-7").toBase64());
        QCOMPARE(directory.listing().devices.size(), 3);
        QCOMPARE(directory.listing().sshUser, QStringLiteral("fio"));
        QVERIFY(directory.lastUpdate().isValid());
        QVERIFY(directory.problem().isEmpty());

        // On demand, and on its own every interval.
        directory.refresh();
        QTRY_COMPARE_WITH_TIMEOUT(hub.requests, 2, 30000);
        directory.setInterval(50ms);
        QTRY_VERIFY_WITH_TIMEOUT(hub.requests >= 4, 30000);

        // Disconnected: no more asking, and what was listed stays, marked as old.
        directory.setActive(false);
        QCOMPARE(directory.status(), DeviceDirectory::Status::Waiting);
        const int asked = hub.requests;
        QTest::qWait(300);
        QCOMPARE(hub.requests, asked);
        QCOMPARE(directory.listing().devices.size(), 3);
    }

    void refusalsAreSaidInWords()
    {
        FakeDirectory hub;
        hub.requestId = QStringLiteral("req-1");
        hub.secret = QStringLiteral("right");
        hub.answer = threeDevices();
        DeviceDirectory directory;
        directory.setSource(hub.url(), QStringLiteral("req-1"), QStringLiteral("right"));
        directory.setActive(true);
        QTRY_COMPARE_WITH_TIMEOUT(directory.status(), DeviceDirectory::Status::Ready, 30000);

        // Revoked on the hub: refused at once; the old list stays but says it is old.
        hub.revoked = true;
        directory.refresh();
        QTRY_COMPARE_WITH_TIMEOUT(directory.status(), DeviceDirectory::Status::Failed, 30000);
        QVERIFY2(directory.problem().contains(QStringLiteral("did not accept")),
                 qPrintable(directory.problem()));
        QVERIFY(directory.problem().contains(QStringLiteral("403")));

        // A wrong secret.
        hub.revoked = false;
        directory.setSource(hub.url(), QStringLiteral("req-1"), QStringLiteral("wrong"));
        QTRY_COMPARE_WITH_TIMEOUT(directory.status(), DeviceDirectory::Status::Failed, 30000);
        QVERIFY(directory.problem().contains(QStringLiteral("401")));

        // A hub answer that is not a directory.
        hub.rawAnswer = R"({"devices":[{"name":"x","address":"nope","state":"online"}]})";
        directory.setSource(hub.url(), QStringLiteral("req-1"), QStringLiteral("right"));
        QTRY_COMPARE_WITH_TIMEOUT(directory.status(), DeviceDirectory::Status::Failed, 30000);
        QVERIFY2(directory.problem().contains(QStringLiteral("'address'")), qPrintable(directory.problem()));

        // Nobody listening.
        const QUrl closed(QStringLiteral("http://127.0.0.1:1/api/v1/directory"));
        directory.setSource(closed, QStringLiteral("req-1"), QStringLiteral("right"));
        QTRY_COMPARE_WITH_TIMEOUT(directory.status(), DeviceDirectory::Status::Failed, 30000);
        QVERIFY2(directory.problem().contains(QStringLiteral("could not be fetched")),
                 qPrintable(directory.problem()));
    }

    // The credentials never follow a redirect.
    void redirectsAreNotFollowed()
    {
        FakeDirectory hub;
        hub.answer = threeDevices();
        DeviceDirectory directory;
        directory.setSource(hub.url(QStringLiteral("/moved")), QStringLiteral("req-1"), QStringLiteral("s"));
        directory.setActive(true);
        QTRY_COMPARE_WITH_TIMEOUT(directory.status(), DeviceDirectory::Status::Failed, 30000);
        QVERIFY2(directory.problem().contains(QStringLiteral("302")), qPrintable(directory.problem()));
        QCOMPARE(hub.elsewhere, 0);
    }

    void withoutAnAddressNothingIsAsked()
    {
        FakeDirectory hub;
        DeviceDirectory directory;
        directory.setSource(QUrl(), QStringLiteral("req-1"), QStringLiteral("s"));
        directory.setActive(true);
        directory.refresh();
        QTest::qWait(100);
        QCOMPARE(directory.status(), DeviceDirectory::Status::NotOffered);
        QCOMPARE(hub.requests, 0);
    }
};

QTEST_MAIN(TestDeviceDirectory)
#include "tst_devicedirectory.moc"
