#pragma once

#include "Endpoint.h"
#include "IpAddress.h"
#include "IpNetwork.h"
#include "PeerSpec.h"
#include "PublicKey.h"
#include "WgDump.h"

#include <QDateTime>
#include <QString>

#include <optional>
#include <vector>

namespace fvpn {

// One peer as the interface has it, in a compact form: a sample of 50,000 peers
// is read every second while an admin watches, so nothing here allocates.
struct LivePeer
{
    PublicKey key;
    IpNetwork allowed; // the first allowed IP; null when there is none
    int allowedCount = 0;
    IpAddress endpointAddress; // null: no endpoint (never heard from)
    quint16 endpointPort = 0;
    qint64 lastHandshake = 0; // seconds since the epoch; 0 = never
    quint64 rxBytes = 0;
    quint64 txBytes = 0;
    int persistentKeepalive = 0;

    // Exactly {address/32}: what the hub gives every peer.
    bool hasOnlyHostRoute(const IpAddress &address) const
    {
        return allowedCount == 1 && allowed == IpNetwork::hostRoute(address);
    }
    std::optional<Endpoint> endpoint() const;
    // For the parts of the hub API that still speak `wg show dump`.
    WgDumpPeer toDumpPeer() const;
};

// What the interface is: its key and port and every peer, in the interface's order.
struct LiveState
{
    std::optional<PublicKey> publicKey; // none when the interface has no private key
    quint16 listenPort = 0;
    std::vector<LivePeer> peers;
    bool sortedByKey = false; // set by sortByKey(); a read comes in the interface's order

    static LiveState fromDump(const WgDump &dump);
    // Puts the peers in key order, which the published sample and the hub's
    // comparison of two reads both need (wireguard-go changes its order every read).
    void sortByKey();
};

// The live data the hub publishes: peers sorted by key for lookups, when they
// were read, and why they could not be (then `peers` is from an earlier sample,
// or empty).
struct LiveSample
{
    std::vector<LivePeer> peers; // sorted by key
    QDateTime sampledAt;
    QString error;

    static LiveSample fromState(LiveState state, QDateTime at);
    // This sample after the hub applied a change: removed peers gone, added ones
    // present (never seen yet), changed ones with their new address. Keeps the
    // published data in step with the interface between two reads.
    LiveSample withChanges(const QList<PublicKey> &removed, const PeerSpecList &set) const;
    const LivePeer *find(const PublicKey &key) const;
};

} // namespace fvpn
