#pragma once

#include "LiveState.h"
#include "PeerSpec.h"
#include "WgDump.h"

#include <QHash>
#include <QList>

#include <vector>

namespace fvpn {

// What has to change on the live interface to match the desired peers. Peers that
// already match are not in it, so their tunnels are never touched.
struct PeerDiff
{
    QList<PublicKey> removals; // live peers that are no longer wanted
    PeerSpecList changes; // wanted and present, but AllowedIPs differ from {address/32}
    PeerSpecList additions; // wanted and absent

    bool isEmpty() const { return removals.isEmpty() && changes.isEmpty() && additions.isEmpty(); }
    int size() const { return int(removals.size() + changes.size() + additions.size()); }
    QString summary() const; // "2 added, 1 changed, 0 removed"
};

struct PeerDiffOptions
{
    // False until the hub knows its device list (no cache, API down at start): then
    // peers it does not know are left alone instead of being removed.
    bool removeUnknown = true;
};

// The peers an interface has, by key: the allowed IPs when they are exactly one
// network, a null network when they are none or several. Enough to tell whether a
// peer has its own /32 and nothing else, which is all the diff needs.
using LiveRoutes = QHash<PublicKey, IpNetwork>;
LiveRoutes liveRoutes(const LiveState &live);

// One peer of a read with its route as LiveRoutes holds it.
struct LiveRoute
{
    PublicKey key;
    IpNetwork allowed;

    friend bool operator==(const LiveRoute &, const LiveRoute &) = default;
};
// The read's routes in the read's order (key order once sorted).
std::vector<LiveRoute> liveRouteList(const LiveState &live);
// The read has exactly these peers and routes, in this order.
bool sameRoutes(const LiveState &live, const std::vector<LiveRoute> &routes);

// Removals are sorted by key, changes and additions keep the order of `desired`.
PeerDiff computePeerDiff(const PeerSpecList &desired, const LiveRoutes &live,
                         const PeerDiffOptions &options = {});
PeerDiff computePeerDiff(const PeerSpecList &desired, const WgDump &live,
                         const PeerDiffOptions &options = {});

} // namespace fvpn
