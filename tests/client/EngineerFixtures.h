#pragma once

#include "SystemIdentity.h"
#include "TestKeys.h"

#include <QJsonArray>
#include <QJsonObject>

// What the engineer-side tests share: the person and machine their app
// registers as, and the tunnel an approval carries (docs/api.md) for stand-in hubs.
namespace fvpn::test {

inline SystemIdentity testIdentity()
{
    return SystemIdentity { QStringLiteral("Alice Example"), QStringLiteral("alice-laptop"),
                            QStringLiteral("Debian GNU/Linux 12 (bookworm)") };
}

inline QJsonObject approvedTunnelJson(const QString &address = QStringLiteral("10.42.42.7"),
                                      const PublicKey &hubKey = freshPublicKey())
{
    return QJsonObject {
        { QStringLiteral("address"), address },
        { QStringLiteral("address_cidr"), QString(address + QStringLiteral("/32")) },
        { QStringLiteral("hub_address"), QStringLiteral("10.42.42.1") },
        { QStringLiteral("hub_public_key"), hubKey.toBase64() },
        { QStringLiteral("endpoint"), QStringLiteral("192.0.2.1:5555") },
        { QStringLiteral("allowed_ips"), QJsonArray { QStringLiteral("10.42.42.0/24") } },
        { QStringLiteral("persistent_keepalive"), 25 },
    };
}

} // namespace fvpn::test
