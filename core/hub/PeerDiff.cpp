#include "PeerDiff.h"

#include <QHash>
#include <QSet>

using namespace Qt::StringLiterals;

namespace fvpn {

QString PeerDiff::summary() const
{
    return u"%1 added, %2 changed, %3 removed"_s.arg(additions.size())
        .arg(changes.size())
        .arg(removals.size());
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
