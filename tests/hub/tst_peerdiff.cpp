#include "DesiredPeers.h"
#include "PeerDiff.h"
#include "TestKeys.h"

#include <QtTest>

using namespace fvpn;
using namespace Qt::StringLiterals;

class TestPeerDiff : public QObject
{
    Q_OBJECT

private:
    static IpAddress ip(const QString &text) { return IpAddress::parse(text).value(); }

    static PeerSpec device(const QString &key, const QString &address, const QString &name = u"dev"_s)
    {
        return { testkeys::key(key), ip(address), name, PeerSpec::Kind::Device };
    }

    static WgDumpPeer livePeer(const QString &key, const QStringList &allowed)
    {
        WgDumpPeer peer;
        peer.publicKey = testkeys::key(key);
        for (const QString &network : allowed)
            peer.allowedIps.append(IpNetwork::parse(network).value());
        return peer;
    }

    static WgDump dump(const QList<WgDumpPeer> &peers)
    {
        WgDump d;
        d.listenPort = 5555;
        d.peers = peers;
        return d;
    }

private Q_SLOTS:
    void emptyInterfaceGetsEverything()
    {
        const PeerSpecList desired { device(testkeys::A, u"10.42.42.2"_s),
                                     device(testkeys::B, u"10.42.42.3"_s) };
        const PeerDiff diff = computePeerDiff(desired, dump({}));
        QCOMPARE(diff.additions, desired);
        QVERIFY(diff.changes.isEmpty());
        QVERIFY(diff.removals.isEmpty());
        QCOMPARE(diff.size(), 2);
        QCOMPARE(diff.summary(), u"2 added, 0 changed, 0 removed"_s);
    }

    void nothingToDo()
    {
        const PeerSpecList desired { device(testkeys::A, u"10.42.42.2"_s),
                                     device(testkeys::B, u"10.42.42.3"_s) };
        const WgDump live = dump(
            { livePeer(testkeys::B, { u"10.42.42.3/32"_s }), livePeer(testkeys::A, { u"10.42.42.2/32"_s }) });
        const PeerDiff diff = computePeerDiff(desired, live);
        QVERIFY(diff.isEmpty());
        QCOMPARE(diff.size(), 0);
    }

    void removesUnwantedPeers()
    {
        const PeerSpecList desired { device(testkeys::A, u"10.42.42.2"_s) };
        const WgDump live = dump(
            { livePeer(testkeys::A, { u"10.42.42.2/32"_s }), livePeer(testkeys::C, { u"10.42.42.9/32"_s }) });
        const PeerDiff diff = computePeerDiff(desired, live);
        QCOMPARE(diff.removals, QList<PublicKey> { testkeys::key(testkeys::C) });
        QVERIFY(diff.additions.isEmpty());
        QVERIFY(diff.changes.isEmpty());
    }

    void keepsUnknownPeersWhenAskedTo()
    {
        const WgDump live = dump({ livePeer(testkeys::C, { u"10.42.42.9/32"_s }) });
        const PeerDiff diff
            = computePeerDiff({ device(testkeys::A, u"10.42.42.2"_s) }, live, { .removeUnknown = false });
        QVERIFY(diff.removals.isEmpty());
        QCOMPARE(diff.additions.size(), 1);
    }

    void changedAllowedIps_data()
    {
        QTest::addColumn<QStringList>("liveAllowed");
        QTest::newRow("other address") << QStringList { u"10.42.42.7/32"_s };
        QTest::newRow("whole subnet (the broken d2d patch)") << QStringList { u"10.42.42.0/24"_s };
        QTest::newRow("extra range") << QStringList { u"10.42.42.2/32"_s, u"192.168.0.0/24"_s };
        QTest::newRow("none") << QStringList {};
        QTest::newRow("ipv6 extra") << QStringList { u"10.42.42.2/32"_s, u"fd00::2/128"_s };
    }
    void changedAllowedIps()
    {
        QFETCH(QStringList, liveAllowed);
        const PeerSpecList desired { device(testkeys::A, u"10.42.42.2"_s) };
        const PeerDiff diff = computePeerDiff(desired, dump({ livePeer(testkeys::A, liveAllowed) }));
        QCOMPARE(diff.changes, desired);
        QVERIFY(diff.additions.isEmpty());
        QVERIFY(diff.removals.isEmpty());
    }

    void addressMovesBetweenPeers()
    {
        // dev A gives up .5 (now .6) and B takes .5: both are changes, nobody is removed.
        const PeerSpecList desired { device(testkeys::A, u"10.42.42.6"_s),
                                     device(testkeys::B, u"10.42.42.5"_s) };
        const WgDump live = dump(
            { livePeer(testkeys::A, { u"10.42.42.5/32"_s }), livePeer(testkeys::B, { u"10.42.42.6/32"_s }) });
        const PeerDiff diff = computePeerDiff(desired, live);
        QCOMPARE(diff.changes, desired);
        QVERIFY(diff.additions.isEmpty());
        QVERIFY(diff.removals.isEmpty());
    }

    void addressTakenOverByNewKey()
    {
        // A device re-provisioned with a new key keeps its address: old key out, new key in.
        const PeerSpecList desired { device(testkeys::B, u"10.42.42.5"_s) };
        const WgDump live = dump({ livePeer(testkeys::A, { u"10.42.42.5/32"_s }) });
        const PeerDiff diff = computePeerDiff(desired, live);
        QCOMPARE(diff.removals, QList<PublicKey> { testkeys::key(testkeys::A) });
        QCOMPARE(diff.additions, desired);
        QVERIFY(diff.changes.isEmpty());
    }

    void mixed()
    {
        const PeerSpecList desired { device(testkeys::A, u"10.42.42.2"_s),
                                     device(testkeys::B, u"10.42.42.3"_s),
                                     device(testkeys::C, u"10.42.42.4"_s) };
        const WgDump live = dump(
            { livePeer(testkeys::A, { u"10.42.42.2/32"_s }), livePeer(testkeys::B, { u"10.42.42.30/32"_s }),
              livePeer(testkeys::D, { u"10.42.42.5/32"_s }), livePeer(testkeys::E, { u"10.42.42.6/32"_s }) });
        const PeerDiff diff = computePeerDiff(desired, live);
        QCOMPARE(diff.additions, PeerSpecList { desired.at(2) });
        QCOMPARE(diff.changes, PeerSpecList { desired.at(1) });
        QCOMPARE(diff.removals,
                 (QList<PublicKey> { testkeys::key(testkeys::D), testkeys::key(testkeys::E) }));
        QCOMPARE(diff.summary(), u"1 added, 1 changed, 2 removed"_s);
    }

    void desiredPeersClientWins()
    {
        const QList<InventoryDevice> devices {
            { u"dev-01"_s, testkeys::key(testkeys::A), ip(u"10.42.42.2"_s) },
            { u"dev-clash-ip"_s, testkeys::key(testkeys::B), ip(u"10.42.42.10"_s) },
            { u"dev-clash-key"_s, testkeys::key(testkeys::C), ip(u"10.42.42.4"_s) },
        };
        const QList<ClientPeer> clients {
            { testkeys::key(testkeys::D), ip(u"10.42.42.10"_s), u"alice laptop"_s },
            { testkeys::key(testkeys::C), ip(u"10.42.42.11"_s), u"bob"_s },
        };
        const DesiredPeers desired = DesiredPeers::build(devices, clients);
        QCOMPARE(desired.peers().size(), 3);
        QCOMPARE(desired.clientCount(), 2);
        QCOMPARE(desired.deviceCount(), 1);
        QCOMPARE(desired.addresses(PeerSpec::Kind::Device), QList<IpAddress> { ip(u"10.42.42.2"_s) });
        QCOMPARE(desired.addresses(PeerSpec::Kind::Client),
                 (QList<IpAddress> { ip(u"10.42.42.10"_s), ip(u"10.42.42.11"_s) }));
        QCOMPARE(desired.skipped().size(), 2);
        QCOMPARE(desired.skipped().at(0).name, u"dev-clash-ip"_s);
        QVERIFY2(desired.skipped().at(0).reason.contains(u"10.42.42.10 is used by client peer alice"_s),
                 qPrintable(desired.skipped().at(0).reason));
        QCOMPARE(desired.skipped().at(1).name, u"dev-clash-key"_s);
        QVERIFY(desired.skipped().at(1).reason.contains(u"client peer bob"_s));
        for (const PeerSpec &peer : desired.peers()) {
            if (peer.kind == PeerSpec::Kind::Client)
                QVERIFY(peer.name == u"alice"_s || peer.name == u"bob"_s);
        }
    }

    void everyPeerGetsItsOwnHostRoute()
    {
        // Applying a diff to an empty interface and diffing again must leave nothing:
        // the diff's notion of "right" is exactly one /32 per peer.
        const PeerSpecList desired { device(testkeys::A, u"10.42.42.2"_s),
                                     device(testkeys::B, u"10.42.42.3"_s) };
        const PeerDiff first = computePeerDiff(desired, dump({}));
        QList<WgDumpPeer> applied;
        for (const PeerSpec &peer : first.additions)
            applied.append(livePeer(peer.key == testkeys::key(testkeys::A) ? testkeys::A : testkeys::B,
                                    { peer.address.toString() + u"/32"_s }));
        QVERIFY(computePeerDiff(desired, dump(applied)).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestPeerDiff)
#include "tst_peerdiff.moc"
