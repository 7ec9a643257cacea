#pragma once

#include "IpAddress.h"
#include "PublicKey.h"

#include <QList>
#include <QString>

namespace fvpn {

// One peer the hub's interface should have. Every peer gets exactly its own /32:
// WireGuard routes by AllowedIPs, so overlapping ranges would steal traffic.
struct PeerSpec
{
    enum class Kind
    {
        Device,
        Client
    };

    PublicKey key;
    IpAddress address;
    QString name;
    Kind kind = Kind::Device;

    friend bool operator==(const PeerSpec &, const PeerSpec &) = default;
};

using PeerSpecList = QList<PeerSpec>;

} // namespace fvpn
