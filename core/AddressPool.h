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
class AddressPool
{
public:
    AddressPool(const IpNetwork &subnet, const IpAddress &hubAddress);

    const IpNetwork &subnet() const { return m_subnet; }
    const IpAddress &hubAddress() const { return m_hub; }

    // Why `address` cannot be given to a new peer, or success. Owner names the
    // current holder in the message ("10.42.42.7 is used by device dev-07").
    Result<void> check(const IpAddress &address) const;
    // Marks an address as used by `owner`; fails like check().
    Result<void> reserve(const IpAddress &address, const QString &owner);
    void release(const IpAddress &address);
    bool isUsed(const IpAddress &address) const;
    QString ownerOf(const IpAddress &address) const;

    // The lowest free address; Exhausted when none is left.
    Result<IpAddress> allocate() const;

    quint64 capacity() const; // usable addresses, the hub's excluded
    quint64 usedCount() const { return quint64(m_used.size()); }

private:
    IpNetwork m_subnet;
    IpAddress m_hub;
    QHash<IpAddress, QString> m_used;
};

} // namespace fvpn
