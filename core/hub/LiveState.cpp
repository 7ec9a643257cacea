#include "LiveState.h"

#include <QHash>
#include <QSet>
#include <QtEndian>

#include <algorithm>
#include <bit>
#include <limits>

namespace fvpn {

std::optional<Endpoint> LivePeer::endpoint() const
{
    if (endpointAddress.isNull())
        return std::nullopt;
    const Result<Endpoint> made = Endpoint::make(endpointAddress.toString(), endpointPort);
    return made ? std::optional<Endpoint>(*made) : std::nullopt;
}

WgDumpPeer LivePeer::toDumpPeer() const
{
    WgDumpPeer peer;
    peer.publicKey = key;
    peer.endpoint = endpoint();
    if (allowedCount > 0)
        peer.allowedIps.append(allowed);
    peer.latestHandshake = lastHandshake;
    peer.rxBytes = rxBytes;
    peer.txBytes = txBytes;
    peer.persistentKeepalive = persistentKeepalive;
    return peer;
}

LiveState LiveState::fromDump(const WgDump &dump)
{
    LiveState state;
    if (!dump.publicKey.isNull())
        state.publicKey = dump.publicKey;
    state.listenPort = dump.listenPort;
    state.peers.reserve(size_t(dump.peers.size()));
    for (const WgDumpPeer &in : dump.peers) {
        LivePeer peer;
        peer.key = in.publicKey;
        peer.allowedCount = int(in.allowedIps.size());
        if (!in.allowedIps.isEmpty())
            peer.allowed = in.allowedIps.first();
        if (in.endpoint) {
            if (const Result<IpAddress> address = IpAddress::parse(in.endpoint->host()); address) {
                peer.endpointAddress = *address;
                peer.endpointPort = in.endpoint->port();
            }
        }
        peer.lastHandshake = in.latestHandshake;
        peer.rxBytes = in.rxBytes;
        peer.txBytes = in.txBytes;
        peer.persistentKeepalive = in.persistentKeepalive;
        state.peers.push_back(peer);
    }
    return state;
}

namespace {

// Sorts peers by key. wireguard-go lists them in a new order on every read, so a
// periodic read of 10,000 peers is sorted each time. Keys are uniformly spread, so
// a counting pass on their top bits (about two buckets per peer) leaves little for
// a sort inside each bucket; what moves are small (prefix, index) pairs, and each
// peer is moved once at the end, in place (a second array of peers would be fresh
// memory to fault in on every read).
void sortByKey(std::vector<LivePeer> &peers)
{
    struct Entry
    {
        quint64 prefix; // the key's first 8 bytes, big-endian: orders as the key does
        quint32 index; // where the peer for this position is now
    };
    constexpr quint32 Placed = std::numeric_limits<quint32>::max();
    const size_t count = peers.size();
    if (count < 2)
        return;
    const int bits = std::clamp(int(std::bit_width(count)) + 1, 4, 20);
    std::vector<quint32> bucketStart((size_t(1) << bits) + 1, 0);
    const auto bucketOf = [bits](quint64 prefix) {
        return size_t(prefix >> (64 - bits));
    };
    std::vector<Entry> byInput(count);
    for (size_t i = 0; i < count; ++i) {
        byInput[i] = { qFromBigEndian<quint64>(peers[i].key.rawData()), quint32(i) };
        ++bucketStart[bucketOf(byInput[i].prefix) + 1];
    }
    for (size_t b = 1; b < bucketStart.size(); ++b)
        bucketStart[b] += bucketStart[b - 1];
    std::vector<Entry> order(count);
    {
        std::vector<quint32> next(bucketStart.begin(), bucketStart.end() - 1);
        for (const Entry &entry : byInput)
            order[next[bucketOf(entry.prefix)]++] = entry;
    }
    const auto less = [&peers](const Entry &a, const Entry &b) {
        if (a.prefix != b.prefix)
            return a.prefix < b.prefix;
        return peers[a.index].key < peers[b.index].key;
    };
    for (size_t b = 0; b + 1 < bucketStart.size(); ++b) {
        if (bucketStart[b + 1] - bucketStart[b] > 1)
            std::sort(order.begin() + bucketStart[b], order.begin() + bucketStart[b + 1], less);
    }
    // Follows each cycle of the permutation: position `at` takes the peer at `from`.
    for (size_t start = 0; start < order.size(); ++start) {
        if (order[start].index == Placed)
            continue;
        LivePeer carried = std::move(peers[start]);
        size_t at = start;
        while (true) {
            const size_t from = order[at].index;
            order[at].index = Placed;
            if (from == start) {
                peers[at] = std::move(carried);
                break;
            }
            peers[at] = std::move(peers[from]);
            at = from;
        }
    }
}

} // namespace

void LiveState::sortByKey()
{
    if (!sortedByKey)
        fvpn::sortByKey(peers);
    sortedByKey = true;
}

LiveSample LiveSample::fromState(LiveState state, QDateTime at)
{
    LiveSample sample;
    state.sortByKey();
    sample.peers = std::move(state.peers);
    sample.sampledAt = std::move(at);
    return sample;
}

LiveSample LiveSample::withChanges(const QList<PublicKey> &removed, const PeerSpecList &set) const
{
    LiveSample next;
    next.sampledAt = sampledAt;
    next.error = error;
    next.peers.reserve(peers.size() + size_t(set.size()));
    const QSet<PublicKey> gone(removed.cbegin(), removed.cend());
    QHash<PublicKey, IpAddress> changed;
    for (const PeerSpec &peer : set)
        changed.insert(peer.key, peer.address);
    for (const LivePeer &peer : peers) {
        if (gone.contains(peer.key))
            continue;
        LivePeer copy = peer;
        if (const auto it = changed.constFind(peer.key); it != changed.cend()) {
            copy.allowed = IpNetwork::hostRoute(it.value());
            copy.allowedCount = 1;
            changed.erase(it);
        }
        next.peers.push_back(copy);
    }
    for (auto it = changed.cbegin(); it != changed.cend(); ++it) {
        LivePeer added;
        added.key = it.key();
        added.allowed = IpNetwork::hostRoute(it.value());
        added.allowedCount = 1;
        next.peers.push_back(added);
    }
    sortByKey(next.peers);
    return next;
}

const LivePeer *LiveSample::find(const PublicKey &key) const
{
    const auto it = std::lower_bound(peers.begin(), peers.end(), key,
                                     [](const LivePeer &peer, const PublicKey &k) { return peer.key < k; });
    return it != peers.end() && it->key == key ? &*it : nullptr;
}

} // namespace fvpn
