#pragma once

#include "ClientsFile.h"
#include "DesiredPeers.h"
#include "DeviceInventory.h"
#include "HostsFile.h"
#include "NftRuleset.h"

#include <QList>

#include <optional>

namespace fvpn {

// Everything the hub wants on the interface, in the firewall and in the hosts
// block, computed once from the inputs (inventory, clients file, settings) when
// one of them changes, not at every reconcile pass.
struct DesiredState
{
    quint64 serial = 0; // unique per build(), never 0
    DesiredPeers peers;
    // False while the device list or the clients list is not known (nothing
    // fetched or cached; a broken clients file and no saved last good set): then
    // peers the hub does not know are left alone instead of removed.
    bool devicesKnown = false;
    bool clientsKnown = false;
    FirewallState firewall; // sorted, no duplicates
    QList<HostEntry> hosts;

    bool removeUnknown() const { return devicesKnown && clientsKnown; }

    // `devices` / `clients` nullopt: not known.
    static DesiredState build(const std::optional<QList<InventoryDevice>> &devices,
                              const std::optional<QList<ClientPeer>> &clients, bool deviceToDevice);
};

} // namespace fvpn
