#pragma once

#include "IpAddress.h"
#include "Result.h"

#include <QByteArray>
#include <QList>
#include <QSet>

#include <optional>

namespace fvpn {

// Clears connection-tracking entries that the hub's NAT cannot fix by itself.
//
// Linux decides NAT once, for a flow's first packet. A flow from an engineer to a
// stock device that began before the hub's snat rule existed (on a hub taken over
// from upstream, whose MASQUERADE rule names the interface "TODO") keeps its
// un-NATed entry for as long as packets keep coming: the device answers only the
// hub's address, so that flow never answers again. Deleting the entry makes the
// next packet a new flow, which the hub's rule NATs.
//
// Talks ctnetlink directly (AF_NETLINK, NETLINK_NETFILTER; CAP_NET_ADMIN like the
// rest of the hub): no conntrack tool needed, and the kernel's own IPS_SRC_NAT bit
// says which entries were NATed. Only IPv4 entries from a client peer to a device
// without source NAT are deleted; the hub's own flows, NATed flows and
// device-to-device flows stay.
class ConntrackCleaner
{
public:
    struct Flow
    {
        quint8 protocol = 0;
        quint32 source = 0; // original direction, host byte order
        quint32 destination = 0;
        bool sourceNat = false;
        quint32 id = 0;
        QByteArray originalTuple; // the CTA_TUPLE_ORIG attribute as the kernel sent it
        QByteArray zone; // the CTA_ZONE attribute, if any
    };

    // After each firewall apply; acts once, after the first one that succeeded
    // (the moment the hub's NAT is first in place in this run). A failure is
    // logged, never fatal: the tunnels do not depend on it.
    void firewallApplied(bool ok, const QList<IpAddress> &clients, const QList<IpAddress> &devices);
    bool done() const { return m_done; }

    // Whether `flow` is one to delete.
    static bool isStale(const Flow &flow, const QSet<quint32> &clients, const QSet<quint32> &devices);
    // Dumps the IPv4 conntrack table of this network namespace and deletes the
    // stale entries; the number deleted (an entry that vanished meanwhile counts not).
    static Result<int> clear(const QSet<quint32> &clients, const QSet<quint32> &devices);
    // One ctnetlink message (after the netlink header) as a Flow; nullopt when it
    // is not an IPv4 entry with both tuples. Exposed for tests.
    static std::optional<Flow> parseFlow(QByteArrayView payload);

private:
    bool m_done = false;
};

} // namespace fvpn
