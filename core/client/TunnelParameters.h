#pragma once

#include "Endpoint.h"
#include "InterfaceAddress.h"
#include "IpAddress.h"
#include "IpNetwork.h"
#include "PrivateKey.h"
#include "PublicKey.h"
#include "Result.h"
#include "WgQuickConfig.h"

#include <QJsonObject>
#include <QList>
#include <QUrl>

namespace fvpn {

// Everything the hub tells an approved engineer about their tunnel: nothing
// secret, so it can be kept in the app's settings and shown on screen. Together
// with the private key from the keychain it makes the wg-quick configuration.
struct TunnelParameters
{
    IpAddress address; // the engineer's VPN address
    int prefixLength = 32; // of the interface address (the hub answers a host route)
    IpAddress hubAddress; // the hub's VPN address, what "hub answers" pings; null if the hub did not say
    PublicKey hubPublicKey;
    Endpoint hubEndpoint;
    QList<IpNetwork> allowedIps; // normally the VPN subnet
    int persistentKeepalive = 25;
    // Where the device directory is served for engineers (docs/api.md, planned):
    // always on the hub's VPN address, so only through the tunnel. Empty when the
    // hub does not offer one.
    QUrl directoryUrl;

    bool isNull() const { return address.isNull(); }

    // The "config" object the hub sends with an approval (docs/api.md); the app
    // keeps the same JSON in its settings.
    static Result<TunnelParameters> fromJson(const QJsonObject &object);
    QJsonObject toJson() const;

    // The tunnel as wg-quick reads it. The key is moved in, so the configuration is
    // the only holder of it; a null key gives a configuration without one (for
    // `wg-quick down` and an export without the secret).
    WgQuickConfig toWgQuickConfig(PrivateKey privateKey) const;

    friend bool operator==(const TunnelParameters &, const TunnelParameters &) = default;
};

} // namespace fvpn
