#pragma once

#include "ClientsFile.h"
#include "DeviceInventory.h"
#include "PeerSpec.h"

namespace fvpn {

// The peers the interface should have: the inventory's devices plus the approved
// client peers. A device whose key or address clashes with a client peer is
// skipped (the client wins: it was approved on this hub, the device list comes
// from elsewhere), with a reason naming both.
class DesiredPeers
{
public:
    DesiredPeers() = default;
    static DesiredPeers build(const QList<InventoryDevice> &devices, const QList<ClientPeer> &clients);

    const PeerSpecList &peers() const { return m_peers; }
    const QList<SkippedPeer> &skipped() const { return m_skipped; }
    int deviceCount() const;
    int clientCount() const;
    QList<IpAddress> addresses(PeerSpec::Kind kind) const;

private:
    PeerSpecList m_peers;
    QList<SkippedPeer> m_skipped;
};

} // namespace fvpn
