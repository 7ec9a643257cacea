#include "DesiredState.h"

#include "TextRules.h"

#include <atomic>

namespace fvpn {

DesiredState DesiredState::build(const std::optional<QList<InventoryDevice>> &devices,
                                 const std::optional<QList<ClientPeer>> &clients, bool deviceToDevice)
{
    static std::atomic<quint64> builds { 0 };
    DesiredState state;
    state.serial = ++builds;
    state.devicesKnown = devices.has_value();
    state.clientsKnown = clients.has_value();
    const QList<ClientPeer> clientList = clients.value_or(QList<ClientPeer> {});
    state.peers = DesiredPeers::build(devices.value_or(QList<InventoryDevice> {}), clientList);
    state.firewall.clients = NftRuleset::normalized(state.peers.addresses(PeerSpec::Kind::Client));
    state.firewall.devices = NftRuleset::normalized(state.peers.addresses(PeerSpec::Kind::Device));
    state.firewall.deviceToDevice = deviceToDevice;

    state.hosts.reserve(state.peers.peers().size());
    for (const PeerSpec &peer : state.peers.peers()) {
        if (peer.kind == PeerSpec::Kind::Device)
            state.hosts.append({ peer.address, peer.name });
    }
    // Client names come from the free-text comment; a peer without one gets no
    // entry rather than a name made up from its key.
    for (const ClientPeer &client : clientList) {
        const QString name
            = client.comment.trimmed().isEmpty() ? QString() : TextRules::toHostName(client.name());
        if (!name.isEmpty())
            state.hosts.append({ client.address, name });
    }
    return state;
}

} // namespace fvpn
