#pragma once

#include "InterfaceAddress.h"
#include "LiveState.h"
#include "PeerDiff.h"
#include "PrivateKey.h"
#include "Result.h"
#include "WgDump.h"

#include <QString>
#include <QStringList>

namespace fvpn {

// The hub's WireGuard interface. It is created and configured once (`ip`, `wg`);
// afterwards only peers change and the link is never taken down (that is what
// dropped every tunnel upstream). Never wg-quick. Peers are read and changed
// through wireguard-go's UAPI socket when the interface has one (one request for
// any number of peers, no process), else with `wg show dump` / `wg set` (kernel
// WireGuard).
class WireGuardInterface
{
public:
    enum class Origin
    {
        Existing, // found in place (a hub restart): nothing recreated
        Kernel, // created with `ip link add ... type wireguard`
        WireguardGo // created by the userspace implementation, which keeps running
    };

    explicit WireGuardInterface(QString name);

    const QString &name() const { return m_name; }

    bool exists() const;
    // Creates the interface if it is missing: kernel WireGuard first, then wireguard-go.
    Result<Origin> ensureExists() const;
    // Sets key and port only when the live ones differ, adds the address only when
    // missing, and sets the link up. The key goes over the UAPI socket or to `wg`
    // over stdin, never argv.
    Result<void> configure(const PrivateKey &key, quint16 listenPort, const InterfaceAddress &address) const;

    // True when wireguard-go serves the interface (its UAPI socket exists).
    bool usesUapi() const;
    // Key, port and peers as the interface has them now; `expectedPeers` (the count
    // of the last read) sizes the result up front.
    Result<LiveState> readLive(qsizetype expectedPeers = 0) const;
    Result<WgDump> dump() const; // always through `wg show dump`
    // Applies the whole diff, removals first: one UAPI request, or one `wg set`
    // per chunk of peers.
    Result<void> apply(const PeerDiff &diff) const;

    // The `wg set` argument lists for a diff; pure, for tests. Each list is one call.
    static QList<QStringList> setArguments(const QString &interfaceName, const PeerDiff &diff,
                                           int peersPerCall = MaxPeersPerCall);

    static constexpr int MaxPeersPerCall = 500; // keeps argv far from the kernel's limits

private:
    bool hasAddress(const InterfaceAddress &address) const;
    // Over the UAPI socket when there is one, else `wg set` with the key on stdin.
    // `key` null: the port only.
    Result<void> setKeyAndPort(const PrivateKey *key, quint16 listenPort) const;

    QString m_name;
};

QString originName(WireGuardInterface::Origin origin);

} // namespace fvpn
