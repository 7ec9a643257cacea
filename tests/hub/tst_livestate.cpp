#include "LiveState.h"
#include "SecureBuffer.h"

#include <QtTest>

#include <sodium.h>

using namespace fvpn;
using namespace Qt::StringLiterals;

// The published sample is sorted by key (lookups bisect it). The sort buckets keys
// by their first bits and moves the peers in place: every peer must come out once,
// with its own data, in key order, whatever the keys share.
class TestLiveState : public QObject
{
    Q_OBJECT

private:
    static PublicKey key(const QByteArray &raw) { return PublicKey::fromRaw(raw).value(); }
    static PublicKey randomKey()
    {
        QByteArray raw(32, '\0');
        randombytes_buf(raw.data(), size_t(raw.size()));
        raw[31] = char(raw[31] | 1); // never all zero
        return key(raw);
    }
    static LivePeer peer(const PublicKey &key, quint64 tag)
    {
        LivePeer p;
        p.key = key;
        p.rxBytes = tag; // identifies the peer's own data after the moves
        p.allowed = IpNetwork::hostRoute(IpAddress::fromIPv4(0x0a2a0000u + quint32(tag)));
        p.allowedCount = 1;
        return p;
    }
    static void checkSorted(const LiveSample &sample, const std::vector<LivePeer> &input)
    {
        QCOMPARE(sample.peers.size(), input.size());
        for (size_t i = 1; i < sample.peers.size(); ++i)
            QVERIFY2(sample.peers[i - 1].key < sample.peers[i].key, qPrintable(u"at %1"_s.arg(i)));
        for (const LivePeer &in : input) {
            const LivePeer *found = sample.find(in.key);
            QVERIFY(found);
            QCOMPARE(found->rxBytes, in.rxBytes);
            QCOMPARE(found->allowed, in.allowed);
        }
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(initSodium()); }

    void sortsManyRandomKeys()
    {
        for (const int count : { 0, 1, 2, 3, 17, 1000, 20000 }) {
            LiveState state;
            for (int i = 0; i < count; ++i)
                state.peers.push_back(peer(randomKey(), quint64(i)));
            const std::vector<LivePeer> input = state.peers;
            checkSorted(LiveSample::fromState(std::move(state), QDateTime::currentDateTimeUtc()), input);
        }
    }

    void sortsKeysThatShareTheirFirstBytes()
    {
        // All in one bucket, equal 8-byte prefixes: the order comes from the rest.
        LiveState state;
        for (int i = 0; i < 300; ++i) {
            QByteArray raw(32, '\x7f');
            raw[20] = char((i * 37) % 256);
            raw[31] = char(i / 256 + 1);
            state.peers.push_back(peer(key(raw), quint64(i)));
        }
        for (int i = 0; i < 300; ++i)
            state.peers.push_back(peer(randomKey(), quint64(1000 + i)));
        const std::vector<LivePeer> input = state.peers;
        checkSorted(LiveSample::fromState(std::move(state), QDateTime::currentDateTimeUtc()), input);
    }

    void alreadySortedStaysSorted()
    {
        LiveState state;
        for (int i = 0; i < 500; ++i)
            state.peers.push_back(peer(randomKey(), quint64(i)));
        const std::vector<LivePeer> input = state.peers;
        state.sortByKey();
        QVERIFY(state.sortedByKey);
        checkSorted(LiveSample::fromState(state, QDateTime::currentDateTimeUtc()), input);
        // withChanges sorts what it adds in too.
        const LiveSample sample = LiveSample::fromState(std::move(state), QDateTime::currentDateTimeUtc());
        const PublicKey added = randomKey();
        const LiveSample changed = sample.withChanges(
            { input[3].key }, { PeerSpec { added, IpAddress::fromIPv4(0x0a2a1000u), u"new"_s } });
        QCOMPARE(changed.peers.size(), input.size());
        for (size_t i = 1; i < changed.peers.size(); ++i)
            QVERIFY(changed.peers[i - 1].key < changed.peers[i].key);
        QVERIFY(changed.find(added));
        QVERIFY(!changed.find(input[3].key));
    }
};

QTEST_GUILESS_MAIN(TestLiveState)
#include "tst_livestate.moc"
