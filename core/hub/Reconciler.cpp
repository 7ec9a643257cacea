#include "Reconciler.h"

#include "HostsFile.h"
#include "HubLog.h"

#include <QSet>

using namespace Qt::StringLiterals;

namespace fvpn {

Reconciler::Reconciler(WireGuardInterface *interface, Firewall *firewall, QString hostsFile, QString factory)
    : m_interface(interface)
    , m_firewall(firewall)
    , m_hostsFile(std::move(hostsFile))
    , m_factory(std::move(factory))
{ }

void Reconciler::logDiff(const PeerDiff &diff) const
{
    // Each peer on its own line, unless there are so many (a first start with
    // 10,000 devices) that one summary says more; the lines are then at debug level.
    constexpr int MaxListed = 64;
    const bool many = diff.size() > MaxListed;
    if (many)
        qCInfo(lcHub).noquote() << "applying" << diff.summary() << "peers (each at debug level)";
    // 10,000 lines nobody reads would still be formatted (the text is built before
    // the category is asked): skip them when debug is off.
    if (many && !lcHub().isDebugEnabled())
        return;
    const auto line = [many](const QString &text) {
        if (many)
            qCDebug(lcHub).noquote() << text;
        else
            qCInfo(lcHub).noquote() << text;
    };
    for (const PublicKey &key : diff.removals) {
        const IpNetwork allowed = m_live.value(key);
        line(u"peer removed: %1 %2"_s.arg(
            key.fingerprint(), allowed.isNull() ? u"(no single allowed IP)"_s : allowed.toString()));
    }
    for (const PeerSpec &peer : diff.changes)
        line(u"peer updated: %1 %2 %3"_s.arg(peer.name, peer.address.toString(), describe(peer)));
    for (const PeerSpec &peer : diff.additions)
        line(u"peer added: %1 %2 %3"_s.arg(peer.name, peer.address.toString(), describe(peer)));
}

QString Reconciler::describe(const PeerSpec &peer)
{
    return u"(%1, %2)"_s.arg(peer.kind == PeerSpec::Kind::Device ? u"device"_s : u"client"_s,
                             peer.key.fingerprint());
}

namespace {

// The read matches what the hub believes: same peers, same routes.
bool sameAs(const LiveState &live, const LiveRoutes &belief)
{
    if (qsizetype(live.peers.size()) != belief.size())
        return false;
    for (const LivePeer &peer : live.peers) {
        const auto it = belief.constFind(peer.key);
        if (it == belief.cend() || it.value() != (peer.allowedCount == 1 ? peer.allowed : IpNetwork()))
            return false;
    }
    return true;
}

} // namespace

void Reconciler::syncPeers(const DesiredState &desired, Mode mode, Report *report)
{
    if (mode == Mode::Verify || !m_liveKnown) {
        Result<LiveState> live = m_interface->readLive(m_liveKnown ? m_live.size() : 0);
        if (!live) {
            m_liveKnown = false;
            report->applyError = live.error().message;
            return;
        }
        // The usual periodic read finds what the hub last wrote: keep the belief
        // (and what it is known to match) rather than rebuild it. When the belief is
        // the last read, the two reads are compared in key order; otherwise (first
        // read after a change) by lookups.
        live->sortByKey();
        const bool unchanged
            = m_liveKnown && (m_lastReadIsBelief ? sameRoutes(*live, m_lastRead) : sameAs(*live, m_live));
        if (!unchanged) {
            m_live = liveRoutes(*live);
            m_matchesDesired = 0;
        }
        if (!unchanged || !m_lastReadIsBelief) {
            m_lastRead = liveRouteList(*live);
            m_lastReadIsBelief = true;
        }
        m_liveKnown = true;
        report->live = std::move(live).value();
    }
    if (m_matchesDesired == desired.serial) {
        report->livePeers = int(m_live.size());
        return;
    }
    report->diff
        = computePeerDiff(desired.peers.peers(), m_live, { .removeUnknown = desired.removeUnknown() });
    if (report->diff.isEmpty())
        m_matchesDesired = desired.serial;
    if (!report->diff.isEmpty()) {
        logDiff(report->diff);
        if (const Result<void> applied = m_interface->apply(report->diff); !applied) {
            // Part of it may have landed: read the interface before the next diff.
            m_liveKnown = false;
            m_lastReadIsBelief = false;
            m_matchesDesired = 0;
            report->applyError = applied.error().message;
        } else {
            m_lastReadIsBelief = false;
            for (const PublicKey &key : report->diff.removals)
                m_live.remove(key);
            for (const PeerSpecList *list : { &report->diff.changes, &report->diff.additions }) {
                for (const PeerSpec &peer : *list)
                    m_live.insert(peer.key, IpNetwork::hostRoute(peer.address));
            }
            m_matchesDesired = desired.serial;
            qCInfo(lcHub).noquote() << "peers applied:" << report->diff.summary();
        }
    }
    report->livePeers = int(m_live.size());
}

void Reconciler::syncFirewall(const DesiredState &desired, Mode mode, Report *report)
{
    FirewallState firewall = desired.firewall;
    if (!desired.removeUnknown() && m_liveKnown) {
        // A list is unknown, so peers the hub did not place are kept; they must still
        // work. With no device list, live peers that are not engineers count as
        // devices (engineers must reach them); with no clients list, live peers that
        // are not devices count as engineers.
        const QSet<IpAddress> clients(firewall.clients.cbegin(), firewall.clients.cend());
        const QSet<IpAddress> devices(firewall.devices.cbegin(), firewall.devices.cend());
        for (auto it = m_live.cbegin(); it != m_live.cend(); ++it) {
            if (it.value().isNull() || !it.value().isHostRoute() || !it.value().networkAddress().isIPv4())
                continue;
            const IpAddress address = it.value().networkAddress();
            if (clients.contains(address) || devices.contains(address))
                continue;
            if (!desired.devicesKnown)
                firewall.devices.append(address);
            else
                firewall.clients.append(address);
        }
    }
    const Result<bool> done
        = mode == Mode::Verify ? m_firewall->verify(firewall) : m_firewall->apply(firewall);
    if (!done)
        report->firewallError = done.error().message;
    else
        report->firewallWritten = *done;
}

void Reconciler::syncHosts(const DesiredState &desired, Mode mode, Report *report)
{
    if (m_hostsWritten && *m_hostsWritten == desired.hosts
        && (mode == Mode::Change || FileStamp::of(m_hostsFile) == m_hostsStamp))
        return;
    const QStringList badNames = HostsFile::unusableNames(desired.hosts);
    if (badNames != m_reportedBadNames) {
        for (const QString &name : badNames)
            qCWarning(lcHub).noquote()
                << "no hosts entry for" << name.simplified() << ": not a valid host name";
        m_reportedBadNames = badNames;
    }
    const Result<bool> hosts = HostsFile::writeIfChanged(m_hostsFile, m_factory, desired.hosts);
    if (!hosts) {
        m_hostsWritten.reset();
        report->hostsError = hosts.error().message;
        return;
    }
    report->hostsWritten = *hosts;
    m_hostsWritten = desired.hosts;
    m_hostsStamp = FileStamp::of(m_hostsFile);
}

Reconciler::Report Reconciler::run(const DesiredState &desired, Mode mode)
{
    Report report;
    syncPeers(desired, mode, &report);
    syncFirewall(desired, mode, &report);
    syncHosts(desired, mode, &report);
    return report;
}

} // namespace fvpn
