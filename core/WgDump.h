#pragma once

#include "Endpoint.h"
#include "IpNetwork.h"
#include "PublicKey.h"
#include "Result.h"

#include <QByteArray>
#include <QList>

#include <optional>

namespace fvpn {

struct WgDumpPeer
{
    PublicKey publicKey;
    bool hasPresharedKey = false;
    std::optional<Endpoint> endpoint;
    QList<IpNetwork> allowedIps;
    qint64 latestHandshake = 0; // seconds since the epoch; 0 = never
    quint64 rxBytes = 0;
    quint64 txBytes = 0;
    int persistentKeepalive = 0; // 0 = off

    // Seconds since the last handshake at `now`, or -1 when there was none.
    qint64 handshakeAge(qint64 nowSecs) const;
};

// The output of `wg show <interface> dump`: a tab-separated interface line
// (private key, public key, listen port, fwmark) and one line a peer (public key,
// preshared key, endpoint, allowed IPs, latest handshake, rx, tx, keepalive), with
// "(none)" for empty values and "off" for a zero fwmark or keepalive. The interface
// line carries the private key: the parser never looks at it beyond finding its
// end, never keeps it, and wipes the input it was given.
struct WgDump
{
    PublicKey publicKey;
    quint16 listenPort = 0;
    quint32 fwmark = 0;
    QList<WgDumpPeer> peers;

    // `output` is wiped (zeroed) after parsing, on success and on error alike,
    // because it holds the private key.
    static Result<WgDump> parse(QByteArray &output);
    std::optional<WgDumpPeer> findPeer(const PublicKey &key) const;
};

} // namespace fvpn
