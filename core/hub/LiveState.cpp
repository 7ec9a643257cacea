#include "LiveState.h"

#include <QHash>
#include <QSet>

#include <algorithm>

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

LiveSample LiveSample::fromState(LiveState state, QDateTime at)
{
    LiveSample sample;
    sample.peers = std::move(state.peers);
    std::sort(sample.peers.begin(), sample.peers.end(),
              [](const LivePeer &a, const LivePeer &b) { return a.key < b.key; });
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
    std::sort(next.peers.begin(), next.peers.end(),
              [](const LivePeer &a, const LivePeer &b) { return a.key < b.key; });
    return next;
}

const LivePeer *LiveSample::find(const PublicKey &key) const
{
    const auto it = std::lower_bound(peers.begin(), peers.end(), key,
                                     [](const LivePeer &peer, const PublicKey &k) { return peer.key < k; });
    return it != peers.end() && it->key == key ? &*it : nullptr;
}

} // namespace fvpn
