#include "DesiredPeers.h"

#include <QHash>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace fvpn {

DesiredPeers DesiredPeers::build(const QList<InventoryDevice> &devices, const QList<ClientPeer> &clients)
{
    DesiredPeers result;
    result.m_peers.reserve(clients.size() + devices.size());
    QHash<IpAddress, QString> clientByAddress;
    QHash<PublicKey, QString> clientByKey;
    for (const ClientPeer &client : clients) {
        clientByAddress.insert(client.address, client.name());
        clientByKey.insert(client.publicKey, client.name());
        result.m_peers.append({ client.publicKey, client.address, client.name(), PeerSpec::Kind::Client });
    }
    for (const InventoryDevice &device : devices) {
        if (const auto holder = clientByAddress.constFind(device.address);
            holder != clientByAddress.constEnd()) {
            result.m_skipped.append(
                { device.name,
                  u"address %1 is used by client peer %2"_s.arg(device.address.toString(), holder.value()) });
            continue;
        }
        if (const auto holder = clientByKey.constFind(device.publicKey); holder != clientByKey.constEnd()) {
            result.m_skipped.append(
                { device.name, u"its public key is that of client peer %1"_s.arg(holder.value()) });
            continue;
        }
        result.m_peers.append({ device.publicKey, device.address, device.name, PeerSpec::Kind::Device });
    }
    return result;
}

int DesiredPeers::deviceCount() const
{
    return int(std::count_if(m_peers.cbegin(), m_peers.cend(),
                             [](const PeerSpec &p) { return p.kind == PeerSpec::Kind::Device; }));
}

int DesiredPeers::clientCount() const
{
    return int(m_peers.size()) - deviceCount();
}

QList<IpAddress> DesiredPeers::addresses(PeerSpec::Kind kind) const
{
    QList<IpAddress> result;
    for (const PeerSpec &peer : m_peers) {
        if (peer.kind == kind)
            result.append(peer.address);
    }
    std::sort(result.begin(), result.end());
    return result;
}

} // namespace fvpn
