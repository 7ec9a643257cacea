// HubDaemon: reconcile passes, the snapshots it publishes and status.json.
#include "AtomicFile.h"
#include "ClientsFileWatcher.h"
#include "HubDaemon.h"
#include "HubLog.h"
#include "HubViewHolder.h"
#include "WireGuardInterface.h"

#include <QElapsedTimer>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace fvpn {

namespace {

constexpr auto WorldReadable
    = QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup | QFileDevice::ReadOther;

// status.json without the times that move on every good pass: it is rewritten
// only when something in it really changed. While fetching fails, every attempt
// counts (someone is likely watching the file then).
QJsonObject stablePart(QJsonObject status)
{
    status.remove(u"updatedAt"_s);
    QJsonObject inventory = status.value(u"inventory").toObject();
    if (inventory.value(u"error").isNull()) {
        inventory.remove(u"lastSyncAt"_s);
        inventory.remove(u"lastAttemptAt"_s);
    }
    status.insert(u"inventory"_s, inventory);
    return status;
}

const char *modeName(Reconciler::Mode mode)
{
    return mode == Reconciler::Mode::Verify ? "verify" : "change";
}

} // namespace

void HubDaemon::scheduleReconcile(Reconciler::Mode mode)
{
    const bool queued = m_pending.has_value();
    if (!m_pending || mode == Reconciler::Mode::Verify)
        m_pending = mode;
    if (queued)
        return;
    // Coalesces what arrives in the same event-loop turn (an inventory and a
    // clients change at once) into one pass, without waiting for anything.
    QTimer::singleShot(0, this, &HubDaemon::runPending);
}

void HubDaemon::runPending()
{
    if (!m_pending)
        return;
    const Reconciler::Mode mode = *m_pending;
    m_pending.reset();
    if (isRunning())
        reconcile(mode);
}

void HubDaemon::rebuildDesired()
{
    std::optional<QList<InventoryDevice>> devices;
    if (m_devices)
        devices = *m_devices;
    std::optional<QList<ClientPeer>> clients;
    if (m_clients->known())
        clients = m_clients->clients();
    m_desired = DesiredState::build(devices, clients, m_deviceToDevice);
    m_desiredDirty = false;

    QList<SkippedPeer> skipped = m_inventorySkipped;
    for (const SkippedPeer &clash : m_desired.peers.skipped()) {
        if (!skipped.contains(clash)) {
            skipped.append(clash);
            if (!m_status.skipped.contains(clash))
                qCWarning(lcHub).noquote() << "device skipped:" << clash.toString();
        }
    }
    m_status.skipped = skipped;
    m_status.peerDevices = m_desired.peers.deviceCount();
    m_status.peerClients = m_desired.peers.clientCount();
    m_status.clients = int(m_clients->clients().size());
}

Reconciler::Report HubDaemon::reconcile(Reconciler::Mode mode)
{
    // A pass now covers whatever was queued.
    m_pending.reset();
    QElapsedTimer took;
    took.start();
    if (m_desiredDirty)
        rebuildDesired();
    Reconciler::Report report = m_reconciler->run(m_desired, mode);
    if (!report.applyError.isEmpty() && !m_interface->exists()) {
        qCCritical(lcHub).noquote() << "interface" << m_interface->name() << "disappeared; recreating it";
        if (const Result<void> ready = setUpInterface(); ready) {
            // Nothing believed about the old interface holds: start over, and
            // replace the firewall table too.
            m_firewall = std::make_unique<Firewall>(m_firewall->ruleset());
            m_reconciler = std::make_unique<Reconciler>(m_interface.get(), m_firewall.get(),
                                                        m_options.hostsFile, m_options.factory);
            report = m_reconciler->run(m_desired, Reconciler::Mode::Verify);
        }
    }
    if (report.live) {
        // Read before this pass applied its difference: fold that in, or peers the
        // pass added would be missing from the published sample until the next read.
        LiveSample sample = LiveSample::fromState(std::move(*report.live), QDateTime::currentDateTimeUtc());
        if (report.applyError.isEmpty() && !report.diff.isEmpty())
            sample = sample.withChanges(report.diff.removals, report.diff.changes + report.diff.additions);
        m_live = std::make_shared<const LiveSample>(std::move(sample));
        report.live.reset();
    } else if (report.applyError.isEmpty() && !report.diff.isEmpty()) {
        m_live = std::make_shared<const LiveSample>(
            m_live->withChanges(report.diff.removals, report.diff.changes + report.diff.additions));
    } else if (!report.applyError.isEmpty() && m_live->error != report.applyError) {
        LiveSample stale = *m_live;
        stale.error = report.applyError;
        m_live = std::make_shared<const LiveSample>(std::move(stale));
    }
    recordReport(report, mode);
    HubCounters &counters = m_views->counters();
    counters.reconcileDone(mode == Reconciler::Mode::Verify ? HubCounters::Mode::Verify
                                                            : HubCounters::Mode::Change,
                           took.nsecsElapsed(), !report.applyError.isEmpty(), !report.firewallError.isEmpty(),
                           !report.hostsError.isEmpty(), QDateTime::currentMSecsSinceEpoch());
    if (report.applyError.isEmpty())
        counters.peersChanged(int(report.diff.additions.size()), int(report.diff.changes.size()),
                              int(report.diff.removals.size()));
    // Once the NAT is in place: flows that began without it (docs/hub-daemon.md).
    if (!m_conntrack.done())
        m_conntrack.firewallApplied(report.firewallError.isEmpty(),
                                    m_desired.peers.addresses(PeerSpec::Kind::Client),
                                    m_desired.peers.addresses(PeerSpec::Kind::Device));
    publish();
    writeStatus();
    if (m_cachePending)
        writeInventoryCache();
    if (!m_firstReconcileDone) {
        m_firstReconcileDone = true;
        Q_EMIT firstReconcileDone();
    }
    return report;
}

void HubDaemon::recordReport(const Reconciler::Report &report, Reconciler::Mode mode)
{
    if (report.applyError != m_status.lastApplyError && !report.applyError.isEmpty())
        qCCritical(lcHub).noquote() << "peers not applied:" << report.applyError;
    if (report.firewallError != m_status.firewallError && !report.firewallError.isEmpty())
        qCCritical(lcHub).noquote() << "firewall not applied:" << report.firewallError;
    if (report.hostsError != m_status.hostsError && !report.hostsError.isEmpty())
        qCCritical(lcHub).noquote() << "hosts file not updated:" << report.hostsError;
    if (report.hostsWritten)
        qCInfo(lcHub).noquote() << "hosts file" << m_options.hostsFile << "updated";

    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (mode == Reconciler::Mode::Verify) {
        m_verifiedAt = now;
        ++m_verifyCount;
    }
    // lastApply is about passes that did something (or failed, or were the first):
    // a verify that finds everything in place leaves it, and status.json, alone.
    const bool failed = !report.ok() || !report.hostsError.isEmpty();
    const bool errorsChanged = report.applyError != m_status.lastApplyError
        || report.firewallError != m_status.firewallError || report.hostsError != m_status.hostsError;
    m_status.livePeers = report.livePeers;
    // A failure repeated by every periodic pass is counted once.
    if (failed && (errorsChanged || report.wrote() || m_status.lastApplyOk)) {
        ++m_status.failedApplies;
        m_status.lastFailure = !report.applyError.isEmpty() ? report.applyError
            : !report.firewallError.isEmpty()               ? report.firewallError
                                                            : report.hostsError;
    }
    if (report.wrote() || failed || errorsChanged || !m_status.lastApplyAt.isValid()) {
        m_status.lastApplyAt = now;
        m_status.lastApplyOk = report.ok();
        m_status.lastApplyError = report.applyError;
        m_status.lastAdded = int(report.diff.additions.size());
        m_status.lastChanged = int(report.diff.changes.size());
        m_status.lastRemoved = int(report.diff.removals.size());
        m_status.firewallError = report.firewallError;
        m_status.hostsError = report.hostsError;
        ++m_status.reconcileCount;
    }
    // At info when the pass did something; a pass with nothing to do only at debug.
    const QString summary = u"reconcile pass (%1): %2%3"_s.arg(
        QLatin1StringView(modeName(mode)), report.wrote() ? report.diff.summary() : u"nothing to change"_s,
        report.firewallWritten ? u", firewall written"_s : QString());
    if (report.wrote())
        qCInfo(lcHub).noquote() << summary;
    else
        qCDebug(lcHub).noquote() << summary;
}

void HubDaemon::refreshClientsView()
{
    if (!m_clients)
        return;
    auto view = std::make_shared<ClientsView>();
    const QList<ClientPeer> &peers = m_clients->clients();
    const QList<int> &lines = m_clients->lines();
    view->peers.reserve(peers.size());
    for (qsizetype i = 0; i < peers.size(); ++i)
        view->peers.append({ peers[i], lines.value(i) });
    view->known = m_clients->known();
    view->fromSavedCopy = m_clients->fromSavedCopy();
    view->error = m_clients->error();
    view->errorSince = m_clients->errorSince();
    m_clientsView = view;
    m_status.clientsError = view->error;
    m_status.clientsErrorSince = view->errorSince;
    m_status.clientsKnown = view->known;
    m_status.clientsFromSavedCopy = view->fromSavedCopy;
    m_status.clients = int(peers.size());
}

void HubDaemon::publish()
{
    auto view = std::make_shared<HubView>();
    view->serial = ++m_serial;
    view->running = isRunning();
    view->interfaceName = m_options.interfaceName;
    view->publicKey = m_key.publicKey();
    view->address = m_address;
    view->listenPort = m_port;
    view->endpoint = m_endpoint;
    view->deviceToDevice = m_deviceToDevice;
    if (m_devices)
        view->devices = m_devices;
    view->clients = m_clientsView;
    view->live = m_live;
    view->status = m_status;
    // When the status last changed, not when it was last published: a verify
    // pass every second while someone watches must not move the API's status
    // (its ETag, the revision) when nothing in it changed.
    view->status.updatedAt = statusChangedAt(stablePart(m_status.toJson()));
    view->verifiedAt = m_verifiedAt;
    view->verifyCount = m_verifyCount;
    m_views->publish(std::move(view));
}

void HubDaemon::writeStatus()
{
    const QJsonObject stable = stablePart(m_status.toJson());
    if (stable == m_writtenStatus)
        return;
    m_status.updatedAt = statusChangedAt(stable);
    if (const Result<void> written = m_status.write(statePath(u"status.json"_s)); !written) {
        qCWarning(lcHub).noquote() << "cannot write status:" << written.error().message;
        return;
    }
    m_writtenStatus = stable;
}

QDateTime HubDaemon::statusChangedAt(const QJsonObject &stable)
{
    if (stable != m_stableStatus || !m_statusChangedAt.isValid()) {
        m_stableStatus = stable;
        m_statusChangedAt = QDateTime::currentDateTimeUtc();
    }
    return m_statusChangedAt;
}

void HubDaemon::writeInventoryCache()
{
    m_cachePending = false;
    if (m_inventoryBytes.isEmpty() || m_inventoryBytes == m_cachedInventoryJson)
        return;
    if (const Result<void> saved
        = AtomicFile::write(statePath(u"inventory-cache.json"_s), m_inventoryBytes, WorldReadable);
        saved)
        m_cachedInventoryJson = m_inventoryBytes;
    else
        qCWarning(lcHub).noquote() << "cannot cache the inventory:" << saved.error().message;
}

} // namespace fvpn
