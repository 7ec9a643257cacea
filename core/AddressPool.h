#pragma once

#include "IpAddress.h"
#include "IpNetwork.h"
#include "Result.h"

#include <QHash>
#include <QString>

namespace fvpn {

// The VPN subnet's addresses: which are taken (the hub, devices, client peers) and
// which is the next free one. Never hands out the network or broadcast address or
// the hub's own.
//
// Usable addresses: for IPv4 all but the network and broadcast address (a /31 or /32
// has neither, as in RFC 3021); for IPv6 all but the network address, the
// subnet-router anycast (a /127 or /128 has none, as in RFC 6164). The hub's address
// is never usable, and never counts as reserved.
class AddressPool
{
public:
    AddressPool(const IpNetwork &subnet, const IpAddress &hubAddress);

    const IpNetwork &subnet() const { return m_subnet; }
    const IpAddress &hubAddress() const { return m_hub; }

    // Why `address` cannot be given to a new peer, or success. Owner names the
    // current holder in the message ("10.42.42.7 is already used by device dev-07").
    // InvalidInput for an address that can never be used (outside the subnet, its
    // network or broadcast address), Conflict for one that is taken (hub, reserved).
    Result<void> check(const IpAddress &address) const;
    // Marks an address as used by `owner` (a phrase such as "device dev-07" that
    // reads well after "used by"); fails like check().
    Result<void> reserve(const IpAddress &address, const QString &owner);
    void release(const IpAddress &address);
    bool isUsed(const IpAddress &address) const; // reserved; false for the hub's
    QString ownerOf(const IpAddress &address) const; // empty when not reserved

    // The lowest free address; Exhausted when none is left.
    Result<IpAddress> allocate() const;

    quint64 capacity() const; // usable addresses, the hub's excluded
    quint64 usedCount() const { return quint64(m_used.size()); }

private:
    // The lowest usable, unreserved address at or after `from`; null when none.
    IpAddress firstFreeFrom(IpAddress from) const;

    IpNetwork m_subnet;
    IpAddress m_hub;
    IpAddress m_first; // lowest usable address (null for a null subnet)
    IpAddress m_last; // highest usable address
    // Every usable address below it is reserved, so allocate() is O(1) and filling
    // the pool one address at a time stays linear. Null when the pool is full.
    IpAddress m_nextFree;
    QHash<IpAddress, QString> m_used;
};

} // namespace fvpn
