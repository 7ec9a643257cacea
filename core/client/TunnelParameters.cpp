#include "TunnelParameters.h"

#include "JsonFields.h"

#include <QJsonArray>

#include <utility>

namespace fvpn {

namespace {

constexpr int MaxKeepalive = 65535;
constexpr int MaxAllowedIps = 64;

} // namespace

Result<TunnelParameters> TunnelParameters::fromJson(const QJsonObject &object)
{
    const JsonFields fields(object, QStringLiteral("config"));
    TunnelParameters tunnel;

    const Result<QString> address = fields.string(QStringLiteral("address"));
    if (!address)
        return address.error();
    const Result<InterfaceAddress> interfaceAddress = InterfaceAddress::parse(*address, -1);
    const Result<IpAddress> bareAddress = IpAddress::parse(*address);
    if (interfaceAddress) {
        tunnel.address = interfaceAddress->address();
        tunnel.prefixLength = interfaceAddress->network().prefixLength();
    } else if (bareAddress) {
        tunnel.address = *bareAddress;
        tunnel.prefixLength = bareAddress->bitLength();
    } else {
        return fields.error(QStringLiteral("address"), interfaceAddress.error().message);
    }

    // Optional: hubs that do not send it leave the "hub answers" check undone.
    const Result<QString> hubAddress = fields.string(QStringLiteral("hub_address"), false);
    if (!hubAddress)
        return hubAddress.error();
    if (!hubAddress->isEmpty()) {
        const Result<IpAddress> hub = IpAddress::parse(*hubAddress);
        if (!hub)
            return fields.error(QStringLiteral("hub_address"), hub.error().message);
        tunnel.hubAddress = *hub;
    }

    const Result<QString> hubKey = fields.string(QStringLiteral("hub_public_key"));
    if (!hubKey)
        return hubKey.error();
    const Result<PublicKey> key = PublicKey::fromBase64(*hubKey);
    if (!key)
        return fields.error(QStringLiteral("hub_public_key"), key.error().message);
    tunnel.hubPublicKey = *key;

    const Result<QString> endpointText = fields.string(QStringLiteral("endpoint"));
    if (!endpointText)
        return endpointText.error();
    const Result<Endpoint> endpoint = Endpoint::parse(*endpointText);
    if (!endpoint)
        return fields.error(QStringLiteral("endpoint"), endpoint.error().message);
    tunnel.hubEndpoint = *endpoint;

    const Result<QJsonArray> allowed = fields.array(QStringLiteral("allowed_ips"));
    if (!allowed)
        return allowed.error();
    if (allowed->isEmpty() || allowed->size() > MaxAllowedIps)
        return fields.error(QStringLiteral("allowed_ips"),
                            QStringLiteral("must list 1 to %1 networks").arg(MaxAllowedIps));
    for (const QJsonValue &value : *allowed) {
        if (!value.isString())
            return fields.error(QStringLiteral("allowed_ips"),
                                QStringLiteral("holds something that is not text"));
        const Result<IpNetwork> network = IpNetwork::parse(value.toString(), true);
        if (!network)
            return fields.error(QStringLiteral("allowed_ips"), network.error().message);
        tunnel.allowedIps.append(*network);
    }

    const Result<std::optional<qint64>> keepalive
        = fields.integer(QStringLiteral("persistent_keepalive"), 0, MaxKeepalive, false);
    if (!keepalive)
        return keepalive.error();
    tunnel.persistentKeepalive = int(keepalive->value_or(0));

    // Optional (hubs before the directory omit it): on the hub's VPN address only, since
    // the app sends its registration's credentials there.
    const Result<QString> directory = fields.string(QStringLiteral("directory_url"), false);
    if (!directory)
        return directory.error();
    if (!directory->isEmpty()) {
        const QUrl url(*directory, QUrl::StrictMode);
        const Result<IpAddress> host = IpAddress::parse(url.host());
        if (!url.isValid() || (url.scheme() != u"http" && url.scheme() != u"https")
            || !url.userInfo().isEmpty() || url.hasFragment() || url.hasQuery() || url.path().isEmpty())
            return fields.error(QStringLiteral("directory_url"),
                                QStringLiteral("is not an http(s) address with a path"));
        if (tunnel.hubAddress.isNull() || !host || *host != tunnel.hubAddress)
            return fields.error(QStringLiteral("directory_url"),
                                QStringLiteral("is not on the hub's VPN address"));
        tunnel.directoryUrl = url;
    }
    return tunnel;
}

QJsonObject TunnelParameters::toJson() const
{
    QJsonArray allowed;
    for (const IpNetwork &network : allowedIps)
        allowed.append(network.toString());
    QJsonObject object {
        { QStringLiteral("address"), QStringLiteral("%1/%2").arg(address.toString()).arg(prefixLength) },
        { QStringLiteral("hub_public_key"), hubPublicKey.toBase64() },
        { QStringLiteral("endpoint"), hubEndpoint.toString() },
        { QStringLiteral("allowed_ips"), allowed },
        { QStringLiteral("persistent_keepalive"), persistentKeepalive },
    };
    if (!hubAddress.isNull())
        object.insert(QStringLiteral("hub_address"), hubAddress.toString());
    if (!directoryUrl.isEmpty())
        object.insert(QStringLiteral("directory_url"), directoryUrl.toString(QUrl::FullyEncoded));
    return object;
}

WgQuickConfig TunnelParameters::toWgQuickConfig(PrivateKey privateKey) const
{
    WgQuickConfig config;
    config.privateKey = std::move(privateKey);
    if (const Result<InterfaceAddress> interfaceAddress = InterfaceAddress::make(address, prefixLength))
        config.addresses.append(*interfaceAddress);
    WgQuickPeer hub;
    hub.publicKey = hubPublicKey;
    hub.allowedIps = allowedIps;
    hub.endpoint = hubEndpoint;
    hub.persistentKeepalive = persistentKeepalive;
    hub.comment = QStringLiteral("Factory VPN hub");
    config.peers.append(hub);
    return config;
}

} // namespace fvpn
