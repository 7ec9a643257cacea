#pragma once

#include "IpNetwork.h"
#include "Result.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace fvpn {

// A route of this computer that sends part of the VPN's networks somewhere else
// than the tunnel: a home or office LAN on 10.42.42.0/24 makes the factory's
// devices unreachable however well the tunnel works.
struct RouteConflict
{
    IpNetwork route;
    QString device;
    IpNetwork vpnNetwork;
};

// Reads `ip -json route show` output. Default routes are not conflicts (the more
// specific tunnel route wins over them); neither are routes through the tunnel.
Result<QList<RouteConflict>> findRouteConflicts(const QByteArray &ipJsonRoutes,
                                                const QList<IpNetwork> &vpnNetworks,
                                                const QString &tunnelInterface);

} // namespace fvpn
