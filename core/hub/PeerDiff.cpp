#include "PeerDiff.h"

#include <QHash>
#include <QSet>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace fvpn {

QString PeerDiff::summary() const
{
    return u"%1 added, %2 changed, %3 removed"_s.arg(additions.size())
        .arg(changes.size())
        .arg(removals.size());
}

namespace {

IpNetwork routeOf(const LivePeer &peer)
{
    return peer.allowedCount == 1 ? peer.allowed : IpNetwork();
}

} // namespace

LiveRoutes liveRoutes(const LiveState &live)
{
    LiveRoutes routes;
    routes.reserve(qsizetype(live.peers.size()));
    for (const LivePeer &peer : live.peers)
        routes.insert(peer.key, routeOf(peer));
    return routes;
}

std::vector<LiveRoute> liveRouteList(const LiveState &live)
{
    std::vector<LiveRoute> routes;
    routes.reserve(live.peers.size());
    for (const LivePeer &peer : live.peers)
        routes.push_back({ peer.key, routeOf(peer) });
    return routes;
}

bool sameRoutes(const LiveState &live, const std::vector<LiveRoute> &routes)
{
    if (live.peers.size() != routes.size())
        return false;
    for (size_t i = 0; i < routes.size(); ++i) {
        if (live.peers[i].key != routes[i].key || routeOf(live.peers[i]) != routes[i].allowed)
            return false;
    }
    return true;
}

PeerDiff computePeerDiff(const PeerSpecList &desired, const LiveRoutes &live, const PeerDiffOptions &options)
{
    PeerDiff diff;
    // A sync to an empty interface adds everything: one allocation, not a doubling chain.
    if (live.isEmpty())
        diff.additions.reserve(desired.size());
    qsizetype wantedAndLive = 0;
    for (const PeerSpec &peer : desired) {
        const auto it = live.constFind(peer.key);
        if (it == live.cend()) {
            diff.additions.append(peer);
            continue;
        }
        ++wantedAndLive;
        if (it.value() != IpNetwork::hostRoute(peer.address))
            diff.changes.append(peer);
    }
    // Every live peer is wanted when the counts match (keys are unique on both sides).
    if (options.removeUnknown && wantedAndLive < live.size()) {
        QSet<PublicKey> wanted;
        wanted.reserve(desired.size());
        for (const PeerSpec &peer : desired)
            wanted.insert(peer.key);
        for (auto it = live.cbegin(); it != live.cend(); ++it) {
            if (!wanted.contains(it.key()))
                diff.removals.append(it.key());
        }
        std::sort(diff.removals.begin(), diff.removals.end());
    }
    return diff;
}

PeerDiff computePeerDiff(const PeerSpecList &desired, const WgDump &live, const PeerDiffOptions &options)
{
    PeerDiff diff;
    QSet<PublicKey> wanted;
    wanted.reserve(desired.size());
    for (const PeerSpec &peer : desired)
        wanted.insert(peer.key);

    QHash<PublicKey, const WgDumpPeer *> present;
    present.reserve(live.peers.size());
    for (const WgDumpPeer &peer : live.peers) {
        present.insert(peer.publicKey, &peer);
        if (options.removeUnknown && !wanted.contains(peer.publicKey))
            diff.removals.append(peer.publicKey);
    }

    for (const PeerSpec &peer : desired) {
        const auto it = present.constFind(peer.key);
        if (it == present.constEnd()) {
            diff.additions.append(peer);
            continue;
        }
        const QList<IpNetwork> expected { IpNetwork::hostRoute(peer.address) };
        if (it.value()->allowedIps != expected)
            diff.changes.append(peer);
    }
    return diff;
}

} // namespace fvpn
