#include "RouteConflicts.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace fvpn {

Result<QList<RouteConflict>> findRouteConflicts(const QByteArray &ipJsonRoutes,
                                                const QList<IpNetwork> &vpnNetworks,
                                                const QString &tunnelInterface)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(ipJsonRoutes, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isArray())
        return makeError(
            ErrorCode::InvalidInput,
            QStringLiteral("The routing table could not be read ('ip -json route' gave no list)."));
    QList<RouteConflict> conflicts;
    const QJsonArray routes = document.array();
    for (const QJsonValue &value : routes) {
        const QJsonObject route = value.toObject();
        const QString destination = route.value(QStringLiteral("dst")).toString();
        const QString device = route.value(QStringLiteral("dev")).toString();
        if (destination.isEmpty() || destination == QStringLiteral("default") || device == tunnelInterface)
            continue;
        const QString type = route.value(QStringLiteral("type")).toString();
        // Local, broadcast and unreachable entries describe addresses, not where
        // traffic goes.
        if (!type.isEmpty() && type != QStringLiteral("unicast"))
            continue;
        const Result<IpNetwork> network = IpNetwork::parse(destination, true);
        if (!network)
            continue;
        for (const IpNetwork &vpn : vpnNetworks) {
            if (network->overlaps(vpn) && network->prefixLength() > 0)
                conflicts.append(RouteConflict { *network, device, vpn });
        }
    }
    return conflicts;
}

} // namespace fvpn
