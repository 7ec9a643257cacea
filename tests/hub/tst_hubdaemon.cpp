#include "AtomicFile.h"
#include "FakeTools.h"
#include "HubDaemon.h"
#include "HubViewHolder.h"
#include "SecureBuffer.h"
#include "TestKeys.h"

#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
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

class TestHubDaemon : public QObject
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
            options.privateKeyFile = dir.filePath(u"hub.key"_s);
            options.inventoryFile = dir.filePath(u"inventory.json"_s);
            options.clientsFile = dir.filePath(u"etc/clients.conf"_s);
            options.stateDir = dir.filePath(u"state"_s);
            options.hostsFile = dir.filePath(u"etc/hosts"_s);
            options.vpnAddress = InterfaceAddress::parse(u"10.42.42.1/24").value();
            options.noSysctl = true;
            options.intervalSecs = 3600;
            QDir(dir.path()).mkpath(u"etc"_s);
        }
        void writeToolFile(const QString &name, const QByteArray &content)
        {
            tools.writeFile(name, content + '\n');
        }
        QStringList livePeers() const { return tools.livePeers(); }
        QJsonObject status() const
        {
            const auto raw = AtomicFile::read(QDir(options.stateDir).filePath(u"status.json"_s));
            return raw ? QJsonDocument::fromJson(*raw).object() : QJsonObject {};
        }
        int applyCount() const { return status().value(u"lastApply")[u"count"].toInt(); }
        // The `nft -f` runs (a full replace also lists the rules it wrote).
        QStringList nftWrites() const
        {
            QStringList writes;
            for (const QString &call : tools.calls(u"nft"_s)) {
                if (call.startsWith(u"ARGS: -f -"_s))
                    writes.append(call);
            }
            return writes;
        }
        void write(const QString &path, const QString &text)
        {
            QVERIFY(AtomicFile::write(path, text.toUtf8()).ok());
        }
    };

    static QString device(const QString &name, const QString &key, const QString &ip)
    {
        return u"{\"name\":\"%1\",\"pubkey\":\"%2\",\"ip\":\"%3\",\"enabled\":true}"_s.arg(name, key, ip);
    }
    static QStringList sorted(QStringList list)
    {
        list.sort();
        return list;
    }
    static PrivateKey hubKey() { return PrivateKey::fromBase64(hubPrivate()).value(); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(initSodium());
        if (!QFile::exists(u"/usr/bin/wg"_s))
            QSKIP("the stateful fake wg derives public keys with the real `wg pubkey`");
    }

    void keepsTheInterfaceInStep()
    {
        Lab lab;
        lab.write(lab.options.inventoryFile,
                  u"[%1,%2,%3]"_s.arg(device(u"dev-01"_s, testkeys::A, u"10.42.42.2"_s),
                                      device(u"dev-02"_s, testkeys::B, u"10.42.42.3"_s),
                                      device(u"dev-clash"_s, testkeys::C, u"10.42.42.10"_s)));
        lab.write(lab.options.clientsFile,
                  u"%1 10.42.42.10 eve laptop\n%2 10.42.42.11\n"_s.arg(testkeys::D, testkeys::E));

        auto daemon = std::make_unique<HubDaemon>(lab.options, hubKey());
        QSignalSpy failed(daemon.get(), &HubDaemon::failed);
        daemon->start();
        QTRY_VERIFY_WITH_TIMEOUT(lab.applyCount() >= 1, WaitBoundMs);
        QVERIFY(failed.isEmpty());
        QCOMPARE(lab.livePeers(),
                 sorted({ testkeys::B + u" 10.42.42.3/32"_s, testkeys::D + u" 10.42.42.10/32"_s,
                          testkeys::A + u" 10.42.42.2/32"_s, testkeys::E + u" 10.42.42.11/32"_s }));

        QJsonObject status = lab.status();
        QCOMPARE(status.value(u"phase").toString(), u"running"_s);
        QCOMPARE(status.value(u"interface")[u"origin"].toString(), u"existing"_s);
        QCOMPARE(status.value(u"peers")[u"devices"].toInt(), 2);
        QCOMPARE(status.value(u"peers")[u"clients"].toInt(), 2);
        QCOMPARE(status.value(u"skipped")[0][u"name"].toString(), u"dev-clash"_s);
        QVERIFY(status.value(u"skipped")[0][u"reason"].toString().contains(u"client peer eve"_s));

        // Key and port were set once, the key over stdin.
        const QStringList wgCalls = lab.tools.calls(u"wg"_s);
        QVERIFY(wgCalls.contains(u"ARGS: set fiolab listen-port 5555 private-key /dev/stdin"_s));
        // The firewall got the full table with both sets.
        const QString firstNft = lab.nftWrites().constFirst();
        QVERIFY(firstNft.contains(u"add table ip fvpn_fiolab"_s));
        QVERIFY(firstNft.contains(u"elements = { 10.42.42.10, 10.42.42.11 }"_s));
        QVERIFY(firstNft.contains(u"elements = { 10.42.42.2, 10.42.42.3 }"_s));
        // Names in the hosts block.
        const QString hosts = QString::fromUtf8(AtomicFile::read(lab.options.hostsFile).value());
        QVERIFY2(hosts.contains(u"10.42.42.2\tdev-01\n10.42.42.3\tdev-02\n10.42.42.10\teve\n"_s),
                 qPrintable(hosts));
        QVERIFY2(!hosts.contains(u"10.42.42.11"_s), qPrintable(hosts)); // no comment, no made-up name

        // A device leaves the inventory: only its peer goes.
        int count = lab.applyCount();
        lab.write(lab.options.inventoryFile,
                  u"[%1]"_s.arg(device(u"dev-01"_s, testkeys::A, u"10.42.42.2"_s)));
        QTRY_VERIFY_WITH_TIMEOUT(lab.applyCount() > count, WaitBoundMs);
        QCOMPARE(lab.livePeers(),
                 sorted({ testkeys::D + u" 10.42.42.10/32"_s, testkeys::A + u" 10.42.42.2/32"_s,
                          testkeys::E + u" 10.42.42.11/32"_s }));
        QVERIFY2(lab.nftWrites().constLast().contains(
                     u"delete element ip fvpn_fiolab device_peers { 10.42.42.3 }"_s),
                 qPrintable(lab.nftWrites().constLast()));

        // A broken clients file changes nothing and is reported with its line.
        lab.write(lab.options.clientsFile,
                  u"%1 10.42.42.10 eve\nbogus 10.42.42.12 mallory\n"_s.arg(testkeys::D));
        QTRY_VERIFY_WITH_TIMEOUT(lab.status().value(u"clientsFile")[u"error"].isObject(), WaitBoundMs);
        QCOMPARE(lab.status().value(u"clientsFile")[u"error"][u"lines"][0][u"line"].toInt(), 2);
        QCOMPARE(lab.livePeers().size(), 3);

        // Device-to-device mode, live, through settings.json: only its chain changes.
        lab.tools.clearCalls(u"nft"_s);
        lab.write(QDir(lab.options.stateDir).filePath(u"settings.json"_s), u"{\"deviceToDevice\": true}"_s);
        QTRY_VERIFY_WITH_TIMEOUT(lab.status().value(u"deviceToDevice").toBool(), WaitBoundMs);
        QTRY_VERIFY_WITH_TIMEOUT(!lab.nftWrites().isEmpty(), WaitBoundMs);
        const QString toggle = lab.nftWrites().constLast();
        QVERIFY2(toggle.contains(u"add rule ip fvpn_fiolab device_to_device"_s), qPrintable(toggle));
        QVERIFY(!toggle.contains(u"element"_s));

        // Stop: the interface and its peers stay.
        daemon->stop();
        QCOMPARE(lab.status().value(u"phase").toString(), u"stopped"_s);
        daemon.reset();
        QCOMPARE(lab.livePeers().size(), 3);

        // Restart: nothing to change, so no peer is touched and the key is not reset.
        lab.tools.clearCalls(u"wg"_s);
        lab.tools.clearCalls(u"ip"_s);
        lab.write(lab.options.clientsFile,
                  u"%1 10.42.42.10 eve\n%2 10.42.42.11\n"_s.arg(testkeys::D, testkeys::E));
        HubDaemon again(lab.options, hubKey());
        again.start();
        QTRY_VERIFY_WITH_TIMEOUT(lab.applyCount() >= 1 && lab.status().value(u"phase") == u"running"_s,
                                 WaitBoundMs);
        for (const QString &call : lab.tools.calls(u"wg"_s))
            QVERIFY2(!call.startsWith(u"ARGS: set"_s), qPrintable(call));
        for (const QString &call : lab.tools.calls(u"ip"_s))
            QVERIFY2(!call.contains(u"link add"_s) && !call.contains(u" down"_s), qPrintable(call));
        QCOMPARE(lab.livePeers().size(), 3);
        QVERIFY(lab.status().value(u"deviceToDevice").toBool()); // settings.json outlives restarts
    }

    void periodicPassWithNothingToDoWritesNothing()
    {
        Lab lab;
        lab.write(lab.options.inventoryFile,
                  u"[%1]"_s.arg(device(u"dev-01"_s, testkeys::A, u"10.42.42.2"_s)));
        lab.write(lab.options.clientsFile, u"%1 10.42.42.10 eve laptop\n"_s.arg(testkeys::D));
        HubDaemon daemon(lab.options, hubKey());
        daemon.start();
        QTRY_VERIFY_WITH_TIMEOUT(lab.applyCount() >= 1, WaitBoundMs);
        const QString statusPath = QDir(lab.options.stateDir).filePath(u"status.json"_s);
        const QDateTime statusWritten = QFileInfo(statusPath).lastModified();
        const QDateTime hostsWritten = QFileInfo(lab.options.hostsFile).lastModified();
        const quint64 verified = daemon.views()->current()->verifyCount;
        lab.tools.clearCalls(u"wg"_s);
        lab.tools.clearCalls(u"nft"_s);

        // What the timer does every --interval.
        daemon.reloadAll();
        QTRY_VERIFY_WITH_TIMEOUT(daemon.views()->current()->verifyCount > verified, WaitBoundMs);
        QCOMPARE(lab.tools.calls(u"wg"_s), QStringList { u"ARGS: show fiolab dump"_s });
        QVERIFY2(lab.tools.calls(u"nft"_s).isEmpty(), qPrintable(lab.tools.calls(u"nft"_s).join(u'|')));
        QCOMPARE(QFileInfo(statusPath).lastModified(), statusWritten);
        QCOMPARE(QFileInfo(lab.options.hostsFile).lastModified(), hostsWritten);
        // The snapshot, not the file, says when the hub last looked.
        QVERIFY(daemon.views()->current()->verifiedAt.isValid());
    }

    void restartWithBrokenClientsFileKeepsEngineers()
    {
        Lab lab;
        lab.write(lab.options.inventoryFile,
                  u"[%1]"_s.arg(device(u"dev-01"_s, testkeys::A, u"10.42.42.2"_s)));
        lab.write(lab.options.clientsFile,
                  u"%1 10.42.42.10 eve laptop\n%2 10.42.42.11 bob\n"_s.arg(testkeys::D, testkeys::E));
        {
            HubDaemon daemon(lab.options, hubKey());
            daemon.start();
            QTRY_VERIFY_WITH_TIMEOUT(lab.applyCount() >= 1, WaitBoundMs);
            daemon.stop();
        }
        QCOMPARE(lab.livePeers().size(), 3);
        // A bad edit, then a restart (a package upgrade, a reboot, a crash).
        lab.write(lab.options.clientsFile,
                  u"%1 10.42.42.10 eve laptop\nnot-a-key 10.42.42.12 x\n"_s.arg(testkeys::D));
        HubDaemon again(lab.options, hubKey());
        again.start();
        QTRY_VERIFY_WITH_TIMEOUT(lab.status().value(u"phase") == u"running"_s && lab.applyCount() >= 1,
                                 WaitBoundMs);
        QCOMPARE(lab.livePeers(),
                 sorted({ testkeys::A + u" 10.42.42.2/32"_s, testkeys::D + u" 10.42.42.10/32"_s,
                          testkeys::E + u" 10.42.42.11/32"_s }));
        const QJsonObject clients = lab.status().value(u"clientsFile").toObject();
        QCOMPARE(clients.value(u"error")[u"lines"][0][u"line"].toInt(), 2);
        QVERIFY(!clients.value(u"ignoredSince").isNull());
        QCOMPARE(clients.value(u"lastGood").toString(), u"saved"_s);
        QCOMPARE(clients.value(u"clients").toInt(), 2);
        const std::shared_ptr<const HubView> view = again.views()->current();
        QVERIFY(view->clients->error.has_value());
        QVERIFY(view->clients->errorSince.isValid());
        QVERIFY(view->clients->fromSavedCopy);
        QCOMPARE(view->clients->peers.size(), 2);
    }

    void unknownInventoryRemovesNothing()
    {
        // Inventory file missing and no cache: the peers already on the interface stay.
        Lab lab;
        lab.writeToolFile(u"wg.state"_s, (testkeys::E + u" 10.42.42.50/32"_s).toUtf8());
        HubDaemon daemon(lab.options, hubKey());
        daemon.start();
        QTRY_VERIFY_WITH_TIMEOUT(lab.applyCount() >= 1, WaitBoundMs);
        QCOMPARE(lab.livePeers(), QStringList { testkeys::E + u" 10.42.42.50/32"_s });
        const QJsonObject status = lab.status();
        QCOMPARE(status.value(u"inventory")[u"known"].toBool(), false);
        QVERIFY(status.value(u"inventory")[u"error"].toString().contains(u"inventory.json"_s));
        // Engineers can still reach the device that is kept.
        QVERIFY(lab.nftWrites().constFirst().contains(u"elements = { 10.42.42.50 }"_s));
    }

    void interfaceSetupFailureIsFatal()
    {
        Lab lab;
        lab.tools.answer(u"ip"_s, u"link show"_s, "", 1);
        lab.tools.answer(u"ip"_s, u"link add"_s, "Operation not permitted", 2);
        lab.tools.answer(u"wireguard-go"_s, u"fiolab"_s, "Operation not permitted", 1);
        HubDaemon daemon(lab.options, hubKey());
        QSignalSpy failed(&daemon, &HubDaemon::failed);
        daemon.start();
        QCOMPARE(failed.size(), 1);
        QVERIFY2(failed.first().first().toString().contains(u"cannot set up WireGuard interface fiolab"_s),
                 qPrintable(failed.first().first().toString()));
        QCOMPARE(lab.status().value(u"phase").toString(), u"failed"_s);
    }
};

QTEST_GUILESS_MAIN(TestHubDaemon)
#include "tst_hubdaemon.moc"
