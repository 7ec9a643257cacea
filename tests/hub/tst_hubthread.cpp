#include "AtomicFile.h"
#include "FakeTools.h"
#include "HubThread.h"
#include "SecureBuffer.h"
#include "TestKeys.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace fvpn;
using namespace Qt::StringLiterals;

namespace {

QByteArray hubPrivate()
{
    return QByteArrayLiteral("IK36XS4nGer+25UwkK0aE5mhIeHR0RritEK79/NSKE8=");
}
constexpr int WaitBoundMs = 15000; // a bound against hangs, not a speed requirement

} // namespace

// The daemon on its own thread, driven the way the hub API drives it. Run under
// ThreadSanitizer too (see docs/hub-internals.md).
class TestHubThread : public QObject
{
    Q_OBJECT

private:
    struct Lab
    {
        FakeTools tools;
        QTemporaryDir dir;
        HubOptions options;

        Lab()
        {
            tools.useStatefulWg();
            options.factory = u"lab"_s;
            options.interfaceName = u"fiolab"_s;
            options.inventoryFile = dir.filePath(u"inventory.json"_s);
            options.clientsFile = dir.filePath(u"clients.conf"_s);
            options.stateDir = dir.filePath(u"state"_s);
            options.hostsFile = dir.filePath(u"hosts"_s);
            options.vpnAddress = InterfaceAddress::parse(u"10.42.42.1/24").value();
            options.noSysctl = true;
            options.intervalSecs = 3600;
            (void)AtomicFile::write(
                options.inventoryFile,
                u"[{\"name\":\"dev-01\",\"pubkey\":\"%1\",\"ip\":\"10.42.42.2\",\"enabled\":true}]"_s
                    .arg(testkeys::A)
                    .toUtf8());
        }
    };

    static PrivateKey hubKey() { return PrivateKey::fromBase64(hubPrivate()).value(); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(initSodium());
        if (!QFile::exists(u"/usr/bin/wg"_s))
            QSKIP("the stateful fake wg derives public keys with the real `wg pubkey`");
    }

    void commandsRunOnTheHubThreadAndAnswerOnTheCallers()
    {
        Lab lab;
        HubThread hub(lab.options, hubKey());
        QSignalSpy ready(&hub, &HubThread::firstReconcileDone);
        hub.start();
        QVERIFY(ready.wait(WaitBoundMs));
        const std::shared_ptr<const HubView> view = hub.views().current();
        QVERIFY(view->running);
        QCOMPARE(view->devices->size(), 1);
        QCOMPARE(view->address.toString(), u"10.42.42.1/24"_s);
        QCOMPARE(lab.tools.livePeers(), QStringList { testkeys::A + u" 10.42.42.2/32"_s });

        // Waiting form: returns once the peer is on the interface.
        const QByteArray clients = u"%1 10.42.42.10 eve laptop\n"_s.arg(testkeys::D).toUtf8();
        QVERIFY(hub.replaceClientsFileAndWait(clients).ok());
        QVERIFY(lab.tools.livePeers().contains(testkeys::D + u" 10.42.42.10/32"_s));
        QCOMPARE(AtomicFile::read(lab.options.clientsFile).value(), clients);
        // The snapshot already says so: it is published before the answer.
        const std::shared_ptr<const HubView> after = hub.views().current();
        QCOMPARE(after->clients->peers.size(), 1);
        QCOMPARE(after->clients->peers.first().line, 1);
        QVERIFY(after->live->find(testkeys::key(testkeys::D)) != nullptr);

        // Callback form: the answer comes on this thread.
        QObject context;
        bool answered = false;
        QThread *answeredOn = nullptr;
        hub.setDeviceToDevice(true, &context, [&](const Result<void> &result) {
            answered = result.ok();
            answeredOn = QThread::currentThread();
        });
        QTRY_VERIFY_WITH_TIMEOUT(answeredOn != nullptr, WaitBoundMs);
        QVERIFY(answered);
        QCOMPARE(answeredOn, QThread::currentThread());
        QVERIFY(hub.views().current()->deviceToDevice);

        // A failed apply is undone, on disk and on the interface.
        lab.tools.answer(u"wg"_s, u"set fiolab"_s, "Unable to modify interface", 1);
        const Result<void> refused
            = hub.replaceClientsFileAndWait(u"%1 10.42.42.11 mallory\n"_s.arg(testkeys::E).toUtf8());
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().message.contains(u"Unable to modify interface"_s),
                 qPrintable(refused.error().message));
        QCOMPARE(AtomicFile::read(lab.options.clientsFile).value(), clients);
        lab.tools.clearAnswers(u"wg"_s);

        // A reload (SIGHUP) answers once its verify pass is done.
        bool reloaded = false;
        hub.reload(&context, [&](const Result<void> &result) { reloaded = result.ok(); });
        QTRY_VERIFY_WITH_TIMEOUT(reloaded, WaitBoundMs);
        QVERIFY(hub.views().current()->verifyCount >= 2);

        hub.stop();
        QCOMPARE(hub.views().current()->status.phase, u"stopped"_s);
        QVERIFY(!hub.views().current()->running);
        // Nothing waits forever on a stopped hub.
        QCOMPARE(hub.setDeviceToDeviceAndWait(false).error().code, ErrorCode::Unavailable);
        bool told = false;
        hub.replaceClientsFile("", &context, [&](const Result<void> &result) { told = !result.ok(); });
        QTRY_VERIFY_WITH_TIMEOUT(told, WaitBoundMs);
    }

    void watchedHubSamplesEverySecond()
    {
        Lab lab;
        HubThread hub(lab.options, hubKey());
        QSignalSpy ready(&hub, &HubThread::firstReconcileDone);
        hub.start();
        QVERIFY(ready.wait(WaitBoundMs));
        const quint64 before = hub.views().current()->verifyCount;
        // Nobody watches: with a one-hour interval nothing is read.
        QTest::qWait(1500);
        QCOMPARE(hub.views().current()->verifyCount, before);
        // Watched: samples arrive (each a verify pass reading the interface).
        hub.views().markWatched();
        QTRY_VERIFY_WITH_TIMEOUT(hub.views().current()->verifyCount >= before + 2, WaitBoundMs);
        QVERIFY(hub.views().current()->live->sampledAt.isValid());
    }
};

QTEST_GUILESS_MAIN(TestHubThread)
#include "tst_hubthread.moc"
