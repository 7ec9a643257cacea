#pragma once

#include "Endpoint.h"
#include "InterfaceAddress.h"
#include "IpAddress.h"
#include "IpNetwork.h"
#include "PrivateKey.h"
#include "PublicKey.h"
#include "Result.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace fvpn {

struct WgQuickPeer
{
    PublicKey publicKey;
    bool hasPresharedKey = false; // the preshared key itself is never kept in this struct
    QList<IpNetwork> allowedIps;
    std::optional<Endpoint> endpoint;
    int persistentKeepalive = 0; // seconds, 0 = off
    QString comment; // '#' lines directly above [Peer], one per '\n', written back as comments
};

// A wg-quick(8) configuration: [Interface] and [Peer] sections. Parsing reports
// every problem with its line number. Writing refuses anything that could inject
// a line or a section (control characters in comments, say). PreUp/PostUp and
// friends are parsed but kept only as text and never executed by us.
//
// Read like wg-quick reads it: section names and keys are case-insensitive,
// everything after '#' is a comment, list values are comma separated and may
// repeat over several lines. Keys neither wg nor wg-quick know are an error (wg
// would refuse them too), and so is a second occurrence of a single-valued key.
class WgQuickConfig
{
public:
    static constexpr int MinMtu = 576;
    static constexpr int MaxMtu = 65535;

    static Result<WgQuickConfig> parse(QStringView text);

    // Canonical text wg-quick accepts. Includes the private key only when
    // includePrivateKey is true (export after the user confirmed it); the caller
    // then owns a secret in the returned text. Preshared keys are never kept, so
    // a full export of a config that had one fails instead of silently dropping it.
    Result<QString> toText(bool includePrivateKey) const;

    PrivateKey privateKey; // may be null
    QList<InterfaceAddress> addresses;
    std::optional<quint16> listenPort;
    QList<IpAddress> dns;
    QStringList dnsSearch; // DNS entries that are domains (wg-quick's search domains)
    std::optional<int> mtu;
    QList<std::pair<QString, QString>> otherInterfaceKeys; // Table, PreUp, PostUp…, in order
    QList<WgQuickPeer> peers;
};

} // namespace fvpn
