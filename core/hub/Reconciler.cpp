#include "Reconciler.h"

#include "HostsFile.h"
#include "HubLog.h"
#include "TextRules.h"

#include <QSet>

using namespace Qt::StringLiterals;

namespace fvpn {

Reconciler::Reconciler(WireGuardInterface *interface, Firewall *firewall, QString hostsFile, QString factory)
    : m_interface(interface)
    , m_firewall(firewall)
    , m_hostsFile(std::move(hostsFile))
    , m_factory(std::move(factory))
{ }

void Reconciler::logDiff(const PeerDiff &diff, const WgDump &live) const
{
    for (const PublicKey &key : diff.removals) {
        const std::optional<WgDumpPeer> peer = live.findPeer(key);
        QStringList allowed;
        if (peer) {
            for (const IpNetwork &network : peer->allowedIps)
                allowed.append(network.toString());
        }
        qCInfo(lcHub).noquote() << "peer removed:" << key.fingerprint() << allowed.join(u", "_s);
    }
    for (const PeerSpec &peer : diff.changes)
        qCInfo(lcHub).noquote() << "peer updated:" << peer.name << peer.address.toString() << describe(peer);
    for (const PeerSpec &peer : diff.additions)
        qCInfo(lcHub).noquote() << "peer added:" << peer.name << peer.address.toString() << describe(peer);
}

QString Reconciler::describe(const PeerSpec &peer)
{
    return u"(%1, %2)"_s.arg(peer.kind == PeerSpec::Kind::Device ? u"device"_s : u"client"_s,
                             peer.key.fingerprint());
}

QList<HostEntry> Reconciler::hostEntries(const DesiredPeers &desired, const QList<ClientPeer> &clients)
{
    QList<HostEntry> entries;
    for (const PeerSpec &peer : desired.peers()) {
        if (peer.kind == PeerSpec::Kind::Device)
            entries.append({ peer.address, peer.name });
    }
    // Client names come from the free-text comment; a peer without one gets no
    // entry rather than a name made up from its key.
    for (const ClientPeer &client : clients) {
        const QString name
            = client.comment.trimmed().isEmpty() ? QString() : TextRules::toHostName(client.name());
        if (!name.isEmpty())
            entries.append({ client.address, name });
    }
    return entries;
}

Reconciler::Report Reconciler::run(const Input &input)
{
    Report report;
    report.desired = DesiredPeers::build(input.devices.value_or(QList<InventoryDevice> {}), input.clients);

    FirewallState firewall;
    firewall.clients = report.desired.addresses(PeerSpec::Kind::Client);
    firewall.devices = report.desired.addresses(PeerSpec::Kind::Device);
    firewall.deviceToDevice = input.deviceToDevice;

    const Result<WgDump> live = m_interface->dump();
    if (!live) {
        report.applyError = live.error().message;
    } else {
        report.diff
            = computePeerDiff(report.desired.peers(), *live, { .removeUnknown = input.devices.has_value() });
        report.livePeers = int(live->peers.size());
        if (!report.diff.isEmpty()) {
            logDiff(report.diff, *live);
            if (const Result<void> applied = m_interface->apply(report.diff); !applied) {
                report.applyError = applied.error().message;
            } else {
                report.livePeers += int(report.diff.additions.size()) - int(report.diff.removals.size());
                qCInfo(lcHub).noquote() << "peers applied:" << report.diff.summary();
            }
        }
        if (!input.devices) {
            // Device list unknown: the peers we keep are presumably devices, and
            // engineers must still reach them.
            const QSet<IpAddress> clients(firewall.clients.cbegin(), firewall.clients.cend());
            for (const WgDumpPeer &peer : live->peers) {
                for (const IpNetwork &network : peer.allowedIps) {
                    if (network.isHostRoute() && network.networkAddress().isIPv4()
                        && !clients.contains(network.networkAddress()))
                        firewall.devices.append(network.networkAddress());
                }
            }
        }
    }

    const Result<void> applied
        = input.repairFirewall ? m_firewall->replace(firewall) : m_firewall->apply(firewall);
    if (!applied)
        report.firewallError = applied.error().message;

    const QList<HostEntry> entries = hostEntries(report.desired, input.clients);
    const QStringList badNames = HostsFile::unusableNames(entries);
    if (badNames != m_reportedBadNames) {
        for (const QString &name : badNames)
            qCWarning(lcHub).noquote()
                << "no hosts entry for" << name.simplified() << ": not a valid host name";
        m_reportedBadNames = badNames;
    }
    const Result<bool> hosts = HostsFile::writeIfChanged(m_hostsFile, m_factory, entries);
    if (!hosts)
        report.hostsError = hosts.error().message;
    else
        report.hostsWritten = *hosts;
    return report;
}

} // namespace fvpn
