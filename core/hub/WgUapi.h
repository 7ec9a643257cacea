#pragma once

#include "LiveState.h"
#include "PeerDiff.h"
#include "PrivateKey.h"
#include "Result.h"
#include "SecureBuffer.h"
#include "WgUapiGetParser.h"

#include <QByteArray>
#include <QString>

namespace fvpn {

// WireGuard's userspace API: the text protocol wireguard-go serves on
// /run/wireguard/<interface>.sock, which `wg` itself speaks. Talking to it
// directly saves a process start per read or change and lets one request carry
// any number of peers. Kernel WireGuard has no such socket; WireGuardInterface
// then falls back to `wg`.
namespace WgUapi {

constexpr int DefaultTimeoutMs = 20000;

// Where the socket of `interfaceName` is: $FVPN_WG_RUN_DIR (tests) or /run/wireguard.
QString socketPath(const QString &interfaceName);
bool hasSocket(const QString &interfaceName);

// "set=1\n" with every removal (remove=true) first, then every change and addition
// (replace_allowed_ips=true and exactly the peer's /32), and the empty line that
// ends the request: one transaction for any number of peers.
QByteArray setRequest(const PeerDiff &diff);

// "set=1\n" with the interface's private key (unless null) and listen port, built
// in locked memory as the key itself is: what `wg set` sends, without a process
// and without the key passing through a pipe.
SecureBuffer setInterfaceRequest(const PrivateKey *key, quint16 listenPort);

Result<LiveState> get(const QString &socketPath, qsizetype expectedPeers = 0,
                      int timeoutMs = DefaultTimeoutMs);
// Sends a request from setRequest(); fails with wireguard-go's errno. A failed
// request may have been applied in part (wireguard-go applies line by line).
Result<void> set(const QString &socketPath, QByteArrayView request, int timeoutMs = DefaultTimeoutMs);

} // namespace WgUapi

} // namespace fvpn
