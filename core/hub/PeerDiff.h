#pragma once

#include "PeerSpec.h"
#include "WgDump.h"

#include <QList>

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

PeerDiff computePeerDiff(const PeerSpecList &desired, const WgDump &live,
                         const PeerDiffOptions &options = {});

} // namespace fvpn
