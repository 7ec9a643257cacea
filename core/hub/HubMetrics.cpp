#include "HubMetrics.h"

#include "HubCounters.h"
#include "HubView.h"
#include "PrometheusText.h"

#include <QSet>

#include <array>

namespace fvpn {

namespace {

using Labels = PrometheusText::Labels;

constexpr std::array<double, 10> HandshakeBuckets { 30, 60, 120, 180, 300, 600, 1800, 3600, 21600, 86400 };

// "other": on the interface but neither a served device nor a client in force
// (kept while the inventory is unknown, or put there by hand).
enum Kind
{
    Device,
    Client,
    Other,
    KindCount
};
constexpr std::array<const char *, KindCount> KindNames { "device", "client", "other" };

enum State
{
    Online,
    Stale,
    Never,
    StateCount
};
constexpr std::array<const char *, StateCount> StateNames { "online", "stale", "never" };

struct KindTotals
{
    std::array<quint64, StateCount> peers {};
    std::array<quint64, HandshakeBuckets.size() + 1> ages {};
    double ageSum = 0;
    quint64 rx = 0;
    quint64 tx = 0;
};

double seconds(qint64 ms)
{
    return double(ms) / 1000.0;
}

void writePeers(const HubView &view, PrometheusText &out)
{
    QSet<PublicKey> devices;
    devices.reserve(view.devices->size());
    for (const InventoryDevice &d : *view.devices)
        devices.insert(d.publicKey);
    QSet<PublicKey> clients;
    clients.reserve(view.clients->peers.size());
    for (const ClientPeerView &c : view.clients->peers)
        clients.insert(c.peer.publicKey);

    const LiveSample &live = *view.live;
    // Ages as of the sample: the handshakes are as fresh as the sample is
    // (factory_vpn_live_sample_timestamp_seconds says how fresh that is).
    const qint64 at = live.sampledAt.isValid() ? live.sampledAt.toSecsSinceEpoch() : 0;
    std::array<KindTotals, KindCount> totals {};
    for (const LivePeer &peer : live.peers) {
        const Kind kind = devices.contains(peer.key) ? Device : clients.contains(peer.key) ? Client : Other;
        KindTotals &t = totals[kind];
        t.rx += peer.rxBytes;
        t.tx += peer.txBytes;
        if (peer.lastHandshake <= 0) {
            ++t.peers[Never];
            continue;
        }
        const double age = double(qMax<qint64>(at - peer.lastHandshake, 0));
        ++t.peers[age <= double(HubMetrics::OnlineSecs) ? Online : Stale];
        size_t bucket = 0;
        while (bucket < HandshakeBuckets.size() && age > HandshakeBuckets[bucket])
            ++bucket;
        ++t.ages[bucket];
        t.ageSum += age;
    }

    out.family(
        "factory_vpn_peers", "gauge",
        "Peers on the interface by kind and state: online has a handshake within 180 s, stale an older "
        "one, never none.");
    for (int k = 0; k < KindCount; ++k) {
        for (int s = 0; s < StateCount; ++s)
            out.sample("factory_vpn_peers", { { "kind", KindNames[k] }, { "state", StateNames[s] } },
                       totals[k].peers[s]);
    }
    out.family("factory_vpn_peer_handshake_age_seconds", "histogram",
               "Age of each peer's latest handshake as of the last live sample (peers that had one).");
    for (int k = 0; k < KindCount; ++k)
        out.histogram("factory_vpn_peer_handshake_age_seconds", { { "kind", KindNames[k] } },
                      HandshakeBuckets, totals[k].ages, totals[k].ageSum);
    out.family("factory_vpn_peer_receive_bytes_total", "counter",
               "Bytes received from the peers now on the interface, by kind.");
    for (int k = 0; k < KindCount; ++k)
        out.sample("factory_vpn_peer_receive_bytes_total", { { "kind", KindNames[k] } }, totals[k].rx);
    out.family("factory_vpn_peer_transmit_bytes_total", "counter",
               "Bytes sent to the peers now on the interface, by kind.");
    for (int k = 0; k < KindCount; ++k)
        out.sample("factory_vpn_peer_transmit_bytes_total", { { "kind", KindNames[k] } }, totals[k].tx);
    out.family("factory_vpn_live_sample_timestamp_seconds", "gauge",
               "Unix time of the live sample the peer figures come from (0: none yet).");
    out.sample("factory_vpn_live_sample_timestamp_seconds", {},
               live.sampledAt.isValid() ? seconds(live.sampledAt.toMSecsSinceEpoch()) : 0.0);
}

void writeReconcile(const HubCounters &counters, PrometheusText &out)
{
    out.family("factory_vpn_reconcile_runs_total", "counter",
               "Reconcile passes: change applies an input's difference, verify reads the interface and "
               "repairs drift.");
    out.sample("factory_vpn_reconcile_runs_total", { { "mode", "change" } },
               counters.reconcileRuns(HubCounters::Mode::Change));
    out.sample("factory_vpn_reconcile_runs_total", { { "mode", "verify" } },
               counters.reconcileRuns(HubCounters::Mode::Verify));
    out.family("factory_vpn_reconcile_failures_total", "counter",
               "Reconcile passes in which that step failed.");
    out.sample("factory_vpn_reconcile_failures_total", { { "step", "peers" } },
               counters.reconcileFailures(HubCounters::Step::Peers));
    out.sample("factory_vpn_reconcile_failures_total", { { "step", "firewall" } },
               counters.reconcileFailures(HubCounters::Step::Firewall));
    out.sample("factory_vpn_reconcile_failures_total", { { "step", "hosts" } },
               counters.reconcileFailures(HubCounters::Step::Hosts));
    out.family("factory_vpn_reconcile_duration_seconds", "histogram", "Wall time of a reconcile pass.");
    out.histogram("factory_vpn_reconcile_duration_seconds", {}, HubCounters::ReconcileBuckets,
                  counters.reconcileDurationCounts(), counters.reconcileDurationSumSecs());
    out.family("factory_vpn_last_reconcile_timestamp_seconds", "gauge",
               "Unix time of the last reconcile pass with that result (0: none yet).");
    out.sample("factory_vpn_last_reconcile_timestamp_seconds", { { "result", "success" } },
               seconds(counters.lastReconcileMs(true)));
    out.sample("factory_vpn_last_reconcile_timestamp_seconds", { { "result", "failure" } },
               seconds(counters.lastReconcileMs(false)));
    out.family("factory_vpn_peer_changes_total", "counter", "Peers added, changed or removed by reconciles.");
    out.sample("factory_vpn_peer_changes_total", { { "change", "added" } }, counters.peersAdded());
    out.sample("factory_vpn_peer_changes_total", { { "change", "changed" } }, counters.peersChanged());
    out.sample("factory_vpn_peer_changes_total", { { "change", "removed" } }, counters.peersRemoved());
}

void writeInputs(const HubView &view, const HubCounters &counters, PrometheusText &out)
{
    const HubStatus &status = view.status;
    out.family("factory_vpn_inventory_last_sync_timestamp_seconds", "gauge",
               "Unix time of the last good inventory fetch in this run (0: none yet).");
    out.sample("factory_vpn_inventory_last_sync_timestamp_seconds", {},
               seconds(counters.inventoryLastSyncMs()));
    out.family("factory_vpn_inventory_sync_errors_total", "counter",
               "Failed inventory fetches: fetch could not read it, parse read something that is not an "
               "inventory. The last good list stays in use.");
    out.sample("factory_vpn_inventory_sync_errors_total", { { "reason", "fetch" } },
               counters.inventorySyncErrors(HubCounters::SyncError::Fetch));
    out.sample("factory_vpn_inventory_sync_errors_total", { { "reason", "parse" } },
               counters.inventorySyncErrors(HubCounters::SyncError::Parse));
    out.family("factory_vpn_inventory_from_cache", "gauge",
               "1 while the device list comes from the cache (the inventory not reached since start).");
    out.sample("factory_vpn_inventory_from_cache", {}, quint64(status.inventoryFromCache ? 1 : 0));
    out.family("factory_vpn_inventory_devices", "gauge", "Devices in the last good inventory.");
    out.sample("factory_vpn_inventory_devices", { { "state", "enabled" } }, quint64(status.inventoryDevices));
    out.sample("factory_vpn_inventory_devices", { { "state", "disabled" } },
               quint64(status.inventoryDisabled));
    out.family("factory_vpn_peers_skipped", "gauge",
               "Inventory entries and client lines the hub could not apply (status.json names them).");
    out.sample("factory_vpn_peers_skipped", {}, quint64(status.skipped.size()));
    out.family("factory_vpn_clients_file_valid", "gauge",
               "0 while factory-clients.conf has errors (the last good one applies).");
    out.sample("factory_vpn_clients_file_valid", {}, quint64(view.clients->error ? 0 : 1));
    out.family("factory_vpn_device_to_device_enabled", "gauge", "1 when devices may reach each other.");
    out.sample("factory_vpn_device_to_device_enabled", {}, quint64(view.deviceToDevice ? 1 : 0));
}

} // namespace

void HubMetrics::write(const HubView &view, const HubCounters &counters, PrometheusText &out)
{
    const HubStatus &status = view.status;
    out.family("factory_vpn_hub_info", "gauge", "What this hub serves; always 1.");
    out.sample("factory_vpn_hub_info",
               { { "factory", status.factory.toUtf8() },
                 { "interface", view.interfaceName.toUtf8() },
                 { "origin", status.interfaceOrigin.toUtf8() },
                 { "inventory_source", status.inventorySource.toUtf8() } },
               quint64(1));
    out.family("factory_vpn_hub_start_time_seconds", "gauge", "Unix time the hub started.");
    out.sample("factory_vpn_hub_start_time_seconds", {},
               status.startedAt.isValid() ? seconds(status.startedAt.toMSecsSinceEpoch()) : 0.0);
    out.family("factory_vpn_hub_running", "gauge", "1 while the interface is up and the hub reconciles it.");
    out.sample("factory_vpn_hub_running", {}, quint64(view.running ? 1 : 0));
    writePeers(view, out);
    writeReconcile(counters, out);
    writeInputs(view, counters, out);
}

} // namespace fvpn
