#include "NetworkManagerProfile.h"

#include <QtEndian>

namespace fvpn {

namespace {

// A fixed namespace for the name-based (v5) uuids of Factory VPN profiles.
constexpr QUuid ProfileNamespace(0x6f1c2b8e, 0x4d0a, 0x5b7e, 0x9c, 0x3f, 0x2a, 0x8d, 0x1e, 0x6b, 0x4f, 0x70);

// Linux interface names: 1..15 bytes, no '/', no whitespace, not "." or "..".
bool isValidInterfaceName(const QString &name)
{
    if (name.isEmpty() || name.toUtf8().size() > 15 || name == u"." || name == u"..")
        return false;
    for (const QChar c : name) {
        if (c == u'/' || c == u':' || c.isSpace() || c.unicode() < 0x20)
            return false;
    }
    return true;
}

QVariantMap addressData(const InterfaceAddress &address)
{
    return { { QStringLiteral("address"), address.address().toString() },
             { QStringLiteral("prefix"), uint(address.network().prefixLength()) } };
}

} // namespace

QUuid NetworkManagerProfile::uuidForInterface(const QString &interfaceName)
{
    return QUuid::createUuidV5(ProfileNamespace, QStringLiteral("factory-vpn/") + interfaceName);
}

Result<nm::SettingsMap> NetworkManagerProfile::build(const WgQuickConfig &config,
                                                     const QString &interfaceName, const QUuid &uuid)
{
    if (!isValidInterfaceName(interfaceName))
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("'%1' is not a valid network interface name (1 to 15 characters, "
                                        "no '/', ':' or spaces).")
                             .arg(interfaceName));
    if (uuid.isNull())
        return makeError(ErrorCode::InvalidInput, QStringLiteral("The tunnel profile has no uuid."));
    if (config.peers.size() != 1)
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("The tunnel must have exactly one peer (the hub), not %1.")
                             .arg(config.peers.size()));
    if (config.addresses.isEmpty())
        return makeError(ErrorCode::InvalidInput, QStringLiteral("The tunnel has no address."));
    const WgQuickPeer &hub = config.peers.first();
    if (hub.publicKey.isNull())
        return makeError(ErrorCode::InvalidInput, QStringLiteral("The hub's public key is missing."));
    if (hub.hasPresharedKey)
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("A preshared key is not supported by the NetworkManager backend."));
    if (hub.allowedIps.isEmpty())
        return makeError(
            ErrorCode::InvalidInput,
            QStringLiteral("The hub has no allowed IPs, so nothing would go through the tunnel."));

    nm::SettingsMap settings;
    settings.insert(QStringLiteral("connection"),
                    { { QStringLiteral("id"), QString::fromLatin1(ConnectionName) },
                      { QStringLiteral("uuid"), uuid.toString(QUuid::WithoutBraces) },
                      { QStringLiteral("type"), QStringLiteral("wireguard") },
                      { QStringLiteral("interface-name"), interfaceName },
                      { QStringLiteral("autoconnect"), false } });

    QVariantMap peer { { QStringLiteral("public-key"), hub.publicKey.toBase64() } };
    if (hub.endpoint)
        peer.insert(QStringLiteral("endpoint"), hub.endpoint->toString());
    QStringList allowed;
    for (const IpNetwork &network : hub.allowedIps)
        allowed.append(network.toString());
    peer.insert(QStringLiteral("allowed-ips"), allowed);
    if (hub.persistentKeepalive > 0)
        peer.insert(QStringLiteral("persistent-keepalive"), uint(hub.persistentKeepalive));
    // No "private-key" and no "listen-port": the key comes from the agent, the
    // port is chosen by the kernel as wg-quick does without ListenPort.
    QVariantMap wireguard { { QStringLiteral("private-key-flags"), nm::SecretAgentOwned },
                            { QStringLiteral("peers"), QVariant::fromValue(nm::DictList { peer }) } };
    if (config.mtu)
        wireguard.insert(QStringLiteral("mtu"), uint(*config.mtu));
    settings.insert(QStringLiteral("wireguard"), wireguard);

    nm::DictList ipv4Addresses, ipv6Addresses;
    for (const InterfaceAddress &address : config.addresses)
        (address.address().isIPv4() ? ipv4Addresses : ipv6Addresses).append(addressData(address));
    QList<uint> ipv4Dns;
    for (const IpAddress &server : config.dns) {
        // NetworkManager wants IPv4 servers as integers in network byte order.
        if (server.isIPv4())
            ipv4Dns.append(qToBigEndian(server.toIPv4()));
    }

    QVariantMap ipv4 { { QStringLiteral("method"),
                         ipv4Addresses.isEmpty() ? QStringLiteral("disabled") : QStringLiteral("manual") },
                       { QStringLiteral("never-default"), true } };
    if (!ipv4Addresses.isEmpty())
        ipv4.insert(QStringLiteral("address-data"), QVariant::fromValue(ipv4Addresses));
    if (!ipv4Dns.isEmpty()) {
        ipv4.insert(QStringLiteral("dns"), QVariant::fromValue(ipv4Dns));
        if (!config.dnsSearch.isEmpty())
            ipv4.insert(QStringLiteral("dns-search"), config.dnsSearch);
    }
    settings.insert(QStringLiteral("ipv4"), ipv4);

    QVariantMap ipv6 { { QStringLiteral("method"),
                         ipv6Addresses.isEmpty() ? QStringLiteral("disabled") : QStringLiteral("manual") } };
    if (!ipv6Addresses.isEmpty()) {
        ipv6.insert(QStringLiteral("address-data"), QVariant::fromValue(ipv6Addresses));
        ipv6.insert(QStringLiteral("never-default"), true);
    }
    settings.insert(QStringLiteral("ipv6"), ipv6);
    return settings;
}

} // namespace fvpn
