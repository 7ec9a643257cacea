#pragma once

#include "LiveState.h"
#include "PeerDiff.h"
#include "PrivateKey.h"
#include "Result.h"
#include "SecureBuffer.h"

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

// Parses the answer to "get=1" as it arrives, line by line, without allocating per
// field. The private key on the first line is turned into the public key at once;
// its bytes (and any preshared key's) are wiped where they were read, in the
// caller's chunk and in the parser's own buffer.
class GetParser
{
public:
    // `expectedPeers`: room reserved up front (a periodic read passes the count of
    // the last one, so 10,000 peers are not copied through every doubling).
    explicit GetParser(qsizetype expectedPeers = 1024);
    ~GetParser();
    GetParser(const GetParser &) = delete;
    GetParser &operator=(const GetParser &) = delete;

    // Parses `chunk` and wipes the secrets in it.
    void feed(char *chunk, qsizetype size);
    // For tests: feeds a copy (which is wiped).
    void feed(QByteArrayView chunk);
    // The empty line that ends the answer has been seen (or an error).
    bool done() const { return m_done || !m_error.isEmpty(); }
    Result<LiveState> finish();

private:
    void parseLine(char *line, qsizetype size);
    void fail(const QString &message);

    QByteArray m_partial; // a line split between two chunks
    LiveState m_state;
    LivePeer *m_peer = nullptr;
    bool m_done = false;
    bool m_sawErrno = false;
    int m_errno = 0;
    int m_line = 0;
    QString m_error;
};

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
