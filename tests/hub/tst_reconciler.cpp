#include "AtomicFile.h"
#include "FakeTools.h"
#include "Reconciler.h"
#include "SecureBuffer.h"
#include "TestKeys.h"

#include <QFileInfo>
#include <QTemporaryDir>
#include <QtTest>

using namespace fvpn;
using namespace Qt::StringLiterals;

// The incremental reconciler against stand-ins for wg and nft (the kernel path:
// no UAPI socket). What matters is what it runs: a change costs only its own
// difference, a verify that finds everything in place writes nothing.
class TestReconciler : public QObject
{
    Q_OBJECT

private:
    struct Setup
    {
        FakeTools tools;
        QTemporaryDir dir;
        WireGuardInterface interface {
            u"fiolab"_s
        };
        Firewall firewall { NftRuleset(u"fiolab"_s, IpAddress::parse(u"10.42.0.1").value()) };
        Reconciler reconciler { &interface, &firewall, dir.filePath(u"hosts"_s), u"lab"_s };

        Setup() { tools.useStatefulWg(); }

        QStringList calls(const QString &tool) const { return tools.calls(tool); }
        void clearCalls()
        {
            tools.clearCalls(u"wg"_s);
            tools.clearCalls(u"nft"_s);
        }
        int count(const QString &tool, const QString &prefix) const
        {
            int n = 0;
            for (const QString &call : tools.calls(tool))
                n += call.startsWith(prefix) ? 1 : 0;
            return n;
        }
    };

    static InventoryDevice device(const QString &name, const QString &key, const QString &address)
    {
        return { name, testkeys::key(key), IpAddress::parse(address).value() };
    }
    static ClientPeer client(const QString &key, const QString &address, const QString &comment)
    {
        return { testkeys::key(key), IpAddress::parse(address).value(), comment };
    }
    static DesiredState desired(const QList<InventoryDevice> &devices, const QList<ClientPeer> &clients)
    {
        return DesiredState::build(devices, clients, false);
    }
    static QList<InventoryDevice> twoDevices()
    {
        return { device(u"dev-1"_s, testkeys::A, u"10.42.0.2"_s),
                 device(u"dev-2"_s, testkeys::B, u"10.42.0.3"_s) };
    }
    static QDateTime modified(const QString &path) { return QFileInfo(path).lastModified(); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(initSodium());
        if (!QFile::exists(u"/usr/bin/wg"_s))
            QSKIP("the stateful fake wg derives public keys with the real `wg pubkey`");
    }

    void changeCostsOnlyItsDifference()
    {
        Setup s;
        const QList<ClientPeer> clients { client(testkeys::D, u"10.42.250.1"_s, u"eve laptop"_s) };
        Reconciler::Report first = s.reconciler.run(desired(twoDevices(), clients), Reconciler::Mode::Verify);
        QVERIFY(first.ok());
        QCOMPARE(first.diff.additions.size(), 3);
        QVERIFY(first.live.has_value()); // the verify read the interface
        QCOMPARE(s.tools.livePeers().size(), 3);
        QVERIFY(s.calls(u"nft"_s).constFirst().contains(u"add table ip fvpn_fiolab"_s));

        // One more device: no read of the interface, one `wg set` with that peer only,
        // one element added to the firewall set.
        s.clearCalls();
        QList<InventoryDevice> three = twoDevices();
        three.append(device(u"dev-3"_s, testkeys::C, u"10.42.0.4"_s));
        const Reconciler::Report change = s.reconciler.run(desired(three, clients), Reconciler::Mode::Change);
        QVERIFY(change.ok());
        QVERIFY(!change.live.has_value());
        QCOMPARE(change.diff.summary(), u"1 added, 0 changed, 0 removed"_s);
        QCOMPARE(s.calls(u"wg"_s),
                 QStringList { u"ARGS: set fiolab peer %1 allowed-ips 10.42.0.4/32"_s.arg(testkeys::C) });
        QCOMPARE(s.calls(u"nft"_s).size(), 1);
        QVERIFY2(s.calls(u"nft"_s).constFirst().contains(
                     u"STDIN: add element ip fvpn_fiolab device_peers { 10.42.0.4 }"_s),
                 qPrintable(s.calls(u"nft"_s).constFirst()));
        QCOMPARE(change.livePeers, 4);

        // A device leaves: a removal and one element deleted.
        s.clearCalls();
        const Reconciler::Report gone
            = s.reconciler.run(desired(twoDevices(), clients), Reconciler::Mode::Change);
        QCOMPARE(gone.diff.removals, QList<PublicKey> { testkeys::key(testkeys::C) });
        QCOMPARE(s.calls(u"wg"_s), QStringList { u"ARGS: set fiolab peer %1 remove"_s.arg(testkeys::C) });
        QVERIFY(s.calls(u"nft"_s).constFirst().contains(
            u"delete element ip fvpn_fiolab device_peers { 10.42.0.4 }"_s));
        QVERIFY(!s.calls(u"nft"_s).constFirst().contains(u"add table"_s));
    }

    void verifyThatFindsNothingWritesNothing()
    {
        Setup s;
        const DesiredState state = desired(twoDevices(), {});
        QVERIFY(s.reconciler.run(state, Reconciler::Mode::Verify).ok());
        const QString hosts = s.dir.filePath(u"hosts"_s);
        const QDateTime hostsWritten = modified(hosts);
        QVERIFY(hostsWritten.isValid());
        s.clearCalls();

        const Reconciler::Report report = s.reconciler.run(state, Reconciler::Mode::Verify);
        QVERIFY(report.ok());
        QVERIFY(!report.wrote());
        QVERIFY(report.live.has_value());
        QCOMPARE(report.live->peers.size(), size_t(2));
        // One read of the interface, nothing set, not one nft run (the ruleset
        // generation is still the one our write left), the hosts file untouched.
        QCOMPARE(s.calls(u"wg"_s), QStringList { u"ARGS: show fiolab dump"_s });
        QVERIFY2(s.calls(u"nft"_s).isEmpty(), qPrintable(s.calls(u"nft"_s).join(u'|')));
        QCOMPARE(modified(hosts), hostsWritten);
    }

    void verifyRepairsPeerDrift()
    {
        Setup s;
        const DesiredState state = desired(twoDevices(), {});
        QVERIFY(s.reconciler.run(state, Reconciler::Mode::Verify).ok());
        // Someone removes a peer and adds a stranger behind the hub's back.
        s.tools.writeFile(
            u"wg.state"_s,
            (testkeys::A + u" 10.42.0.2/32\n"_s + testkeys::E + u" 10.42.0.99/32\n"_s).toUtf8());
        // A change pass trusts what it wrote...
        QVERIFY(s.reconciler.run(state, Reconciler::Mode::Change).diff.isEmpty());
        // ...the verify reads and repairs.
        s.clearCalls();
        const Reconciler::Report report = s.reconciler.run(state, Reconciler::Mode::Verify);
        QCOMPARE(report.diff.summary(), u"1 added, 0 changed, 1 removed"_s);
        QStringList expected { testkeys::A + u" 10.42.0.2/32"_s, testkeys::B + u" 10.42.0.3/32"_s };
        expected.sort();
        QCOMPARE(s.tools.livePeers(), expected);
    }

    void verifyAfterQuietVerifiesStillRepairsDrift()
    {
        // Once a verify found everything in place, the next one compares its read with
        // that read rather than with the belief: drift must still show up then.
        Setup s;
        const DesiredState state = desired(twoDevices(), {});
        QVERIFY(s.reconciler.run(state, Reconciler::Mode::Verify).ok());
        QVERIFY(s.reconciler.run(state, Reconciler::Mode::Verify).diff.isEmpty());
        QVERIFY(s.reconciler.run(state, Reconciler::Mode::Verify).diff.isEmpty());

        // Same keys, one allowed IP moved by hand.
        s.tools.writeFile(
            u"wg.state"_s,
            (testkeys::A + u" 10.42.0.77/32\n"_s + testkeys::B + u" 10.42.0.3/32\n"_s).toUtf8());
        s.clearCalls();
        Reconciler::Report report = s.reconciler.run(state, Reconciler::Mode::Verify);
        QCOMPARE(report.diff.summary(), u"0 added, 1 changed, 0 removed"_s);
        QStringList expected { testkeys::A + u" 10.42.0.2/32"_s, testkeys::B + u" 10.42.0.3/32"_s };
        expected.sort();
        QCOMPARE(s.tools.livePeers(), expected);

        // Quiet again, then one peer swapped for a stranger (same count).
        QVERIFY(s.reconciler.run(state, Reconciler::Mode::Verify).diff.isEmpty());
        QVERIFY(s.reconciler.run(state, Reconciler::Mode::Verify).diff.isEmpty());
        s.tools.writeFile(u"wg.state"_s,
                          (testkeys::A + u" 10.42.0.2/32\n"_s + testkeys::E + u" 10.42.0.3/32\n"_s).toUtf8());
        report = s.reconciler.run(state, Reconciler::Mode::Verify);
        QCOMPARE(report.diff.summary(), u"1 added, 0 changed, 1 removed"_s);
        QCOMPARE(s.tools.livePeers(), expected);
        QVERIFY(s.reconciler.run(state, Reconciler::Mode::Verify).diff.isEmpty());
    }

    void verifyChecksTheFirewallOnlyWhenTheRulesetChanged()
    {
        Setup s;
        const DesiredState state = desired(twoDevices(), {});
        QVERIFY(s.reconciler.run(state, Reconciler::Mode::Verify).ok());
        s.clearCalls();
        // Another program committed a transaction: the table is listed. The stand-in
        // lists nothing (as if the table were gone), so it is replaced.
        s.tools.setGeneration(s.tools.generation() + 3);
        const Reconciler::Report report = s.reconciler.run(state, Reconciler::Mode::Verify);
        QVERIFY(report.firewallWritten);
        const QStringList nft = s.calls(u"nft"_s);
        QVERIFY2(nft.size() >= 2, qPrintable(nft.join(u'|')));
        QVERIFY(nft.at(0).startsWith(u"ARGS: -j list table ip fvpn_fiolab"_s));
        QVERIFY(nft.at(1).contains(u"add table ip fvpn_fiolab"_s));
        // Written by us again: the next check is free.
        s.clearCalls();
        QVERIFY(!s.reconciler.run(state, Reconciler::Mode::Verify).firewallWritten);
        QVERIFY(s.calls(u"nft"_s).isEmpty());
    }

    void failedApplyReadsBeforeTheNextDiff()
    {
        Setup s;
        QVERIFY(s.reconciler.run(desired(twoDevices(), {}), Reconciler::Mode::Verify).ok());
        s.tools.answer(u"wg"_s, u"set fiolab"_s, "Unable to modify interface: Resource busy", 1);
        QList<InventoryDevice> three = twoDevices();
        three.append(device(u"dev-3"_s, testkeys::C, u"10.42.0.4"_s));
        const Reconciler::Report failed = s.reconciler.run(desired(three, {}), Reconciler::Mode::Change);
        QVERIFY2(failed.applyError.contains(u"Resource busy"_s), qPrintable(failed.applyError));
        s.tools.clearAnswers(u"wg"_s);
        s.clearCalls();
        const Reconciler::Report retried = s.reconciler.run(desired(three, {}), Reconciler::Mode::Change);
        QVERIFY(retried.ok());
        QCOMPARE(s.calls(u"wg"_s).constFirst(), u"ARGS: show fiolab dump"_s);
        QCOMPARE(s.tools.livePeers().size(), 3);
    }

    void hostsFileRepairedWhenEditedByHand()
    {
        Setup s;
        const DesiredState state = desired(twoDevices(), {});
        QVERIFY(s.reconciler.run(state, Reconciler::Mode::Verify).ok());
        const QString hosts = s.dir.filePath(u"hosts"_s);
        QVERIFY(AtomicFile::write(hosts, "127.0.0.1\tlocalhost\n").ok());
        // A change pass does not look (its entries did not change)...
        QVERIFY(!s.reconciler.run(state, Reconciler::Mode::Change).hostsWritten);
        // ...a verify notices the file's new stamp and puts the block back.
        QVERIFY(s.reconciler.run(state, Reconciler::Mode::Verify).hostsWritten);
        const QByteArray content = AtomicFile::read(hosts).value();
        QVERIFY(content.startsWith("127.0.0.1\tlocalhost\n"));
        QVERIFY(content.contains("10.42.0.2\tdev-1\n10.42.0.3\tdev-2\n"));
    }

    void unknownClientsKeepLivePeers()
    {
        Setup s;
        // An engineer's peer is live; the clients list is not known (a broken file
        // and nothing saved): it is kept, and kept able to reach the devices.
        s.tools.writeFile(u"wg.state"_s, (testkeys::D + u" 10.42.250.1/32\n"_s).toUtf8());
        const DesiredState state = DesiredState::build(twoDevices(), std::nullopt, false);
        const Reconciler::Report report = s.reconciler.run(state, Reconciler::Mode::Verify);
        QVERIFY(report.ok());
        QVERIFY(report.diff.removals.isEmpty());
        QCOMPARE(s.tools.livePeers().size(), 3);
        const QString table = s.calls(u"nft"_s).constFirst();
        QVERIFY2(table.contains(u"set client_peers {\n\t\ttype ipv4_addr\n\t\telements = { 10.42.250.1 }"_s),
                 qPrintable(table));
    }
};

QTEST_GUILESS_MAIN(TestReconciler)
#include "tst_reconciler.moc"
