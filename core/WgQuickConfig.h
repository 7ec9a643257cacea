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

#include <optional>

namespace fvpn {

struct WgQuickPeer
{
    PublicKey publicKey;
    bool hasPresharedKey = false; // the preshared key itself is never kept in this struct
    QList<IpNetwork> allowedIps;
    std::optional<Endpoint> endpoint;
    int persistentKeepalive = 0; // seconds, 0 = off
    QString comment; // '#' lines directly above [Peer], written back as comments
};

// A wg-quick(8) configuration: [Interface] and [Peer] sections. Parsing reports
// every problem with its line number. Writing refuses anything that could inject
// a line or a section (control characters in comments, say). PreUp/PostUp and
// friends are parsed but kept only as text and never executed by us.
class WgQuickConfig
{
public:
    static Result<WgQuickConfig> parse(QStringView text);

    // Includes the private key only when includePrivateKey is true (export after
    // the user confirmed it).
    Result<QString> toText(bool includePrivateKey) const;

    PrivateKey privateKey; // may be null
    QList<InterfaceAddress> addresses;
    std::optional<quint16> listenPort;
    QList<IpAddress> dns;
    std::optional<int> mtu;
    QList<std::pair<QString, QString>> otherInterfaceKeys; // Table, PreUp, PostUp…, in order
    QList<WgQuickPeer> peers;
};

} // namespace fvpn
