#pragma once

#include "IpAddress.h"

#include <QList>
#include <QString>

namespace fvpn {

// What the hub's forwarding policy depends on.
struct FirewallState
{
    QList<IpAddress> clients; // approved engineers
    QList<IpAddress> devices;
    bool deviceToDevice = false;

    friend bool operator==(const FirewallState &, const FirewallState &) = default;
};

// The nftables text of the hub's own table `ip fvpn_<ifname>`. Pure: it only builds
// `nft -f -` scripts, each of which nft applies as one atomic transaction.
//
// Forward chain (policy accept, so the host's other forwarding is untouched), only
// for traffic that enters and leaves the VPN interface: engineers may reach devices,
// replies pass, device-to-device is decided in its own chain (so toggling the mode
// rewrites only that chain), everything else between peers is dropped. Engineers'
// traffic is SNATed to the hub address because a stock device only routes the hub's
// /32 back into its tunnel.
class NftRuleset
{
public:
    // Set names: "devices" is an nft keyword, hence the suffix.
    static constexpr QStringView ClientSet = u"client_peers";
    static constexpr QStringView DeviceSet = u"device_peers";
    static constexpr QStringView DeviceToDeviceChain = u"device_to_device";

    NftRuleset(QString interfaceName, IpAddress hubAddress);

    QString tableName() const; // "fvpn_<ifname>" with characters nft would not take mapped to '_'
    const QString &interfaceName() const { return m_interface; }

    // Creates or replaces the whole table in one transaction: `add table` makes the
    // `delete table` that follows valid when the table does not exist yet.
    QString replaceTable(const FirewallState &state) const;
    // Changes only what differs between `from` and `to`, element by element
    // (`delete element` / `add element`), plus the device-to-device chain when the
    // mode changed; empty when nothing differs.
    QString update(const FirewallState &from, const FirewallState &to) const;
    QString deleteTable() const;

    // Sorted, without duplicates (returned as is when it already is).
    static QList<IpAddress> normalized(const QList<IpAddress> &addresses);

private:
    static QString joined(const QList<IpAddress> &sorted);
    QString elements(const QList<IpAddress> &addresses) const;
    QString setBlock(QStringView name, const QList<IpAddress> &addresses) const;
    QString deviceToDeviceRule() const;
    QString peerMatch() const; // iifname "IF" oifname "IF"

    QString m_interface;
    IpAddress m_hub;
};

} // namespace fvpn
