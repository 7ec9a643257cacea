#pragma once

#include <QtGlobal>

#include <array>
#include <atomic>

namespace fvpn {

// Event counters of the hub thread, kept where the events happen (a reconcile
// pass, an inventory fetch) and read by any thread without a lock: every field
// is a relaxed atomic, so a scrape costs a few loads and never waits for the hub
// thread. Counters only grow within a run; timestamps are Unix milliseconds,
// 0 = not yet. (Values that are a state rather than an event — peers, devices,
// handshakes — are read from the HubView snapshot instead.)
class HubCounters
{
public:
    enum class Mode
    {
        Change,
        Verify,
    };
    enum class Step
    {
        Peers,
        Firewall,
        Hosts,
    };
    enum class SyncError
    {
        Fetch, // the API or file could not be read
        Parse, // it was read but is not a valid inventory
    };

    // Seconds; wg show at 10,000 peers takes ~50 ms (docs/benchmarks.md).
    static constexpr std::array<double, 11> ReconcileBuckets { 0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
                                                               0.5,   1,    2.5,   5,    10 };

    void reconcileDone(Mode mode, qint64 durationNs, bool peersFailed, bool firewallFailed, bool hostsFailed,
                       qint64 nowMs);
    void peersChanged(int added, int changed, int removed);
    void inventorySynced(qint64 nowMs);
    void inventorySyncFailed(SyncError why);

    quint64 reconcileRuns(Mode mode) const { return m_runs[size_t(mode)].load(std::memory_order_relaxed); }
    quint64 reconcileFailures(Step step) const
    {
        return m_failures[size_t(step)].load(std::memory_order_relaxed);
    }
    // Per bucket (not cumulative), the last one above the last bound.
    std::array<quint64, ReconcileBuckets.size() + 1> reconcileDurationCounts() const;
    double reconcileDurationSumSecs() const;
    qint64 lastReconcileMs(bool success) const
    {
        return (success ? m_lastSuccessMs : m_lastFailureMs).load(std::memory_order_relaxed);
    }
    quint64 peersAdded() const { return m_added.load(std::memory_order_relaxed); }
    quint64 peersChanged() const { return m_changed.load(std::memory_order_relaxed); }
    quint64 peersRemoved() const { return m_removed.load(std::memory_order_relaxed); }
    qint64 inventoryLastSyncMs() const { return m_inventorySyncMs.load(std::memory_order_relaxed); }
    quint64 inventorySyncErrors(SyncError why) const
    {
        return m_syncErrors[size_t(why)].load(std::memory_order_relaxed);
    }

private:
    std::array<std::atomic<quint64>, 2> m_runs {};
    std::array<std::atomic<quint64>, 3> m_failures {};
    std::array<std::atomic<quint64>, ReconcileBuckets.size() + 1> m_durationCounts {};
    std::atomic<quint64> m_durationSumNs { 0 };
    std::atomic<qint64> m_lastSuccessMs { 0 };
    std::atomic<qint64> m_lastFailureMs { 0 };
    std::atomic<quint64> m_added { 0 };
    std::atomic<quint64> m_changed { 0 };
    std::atomic<quint64> m_removed { 0 };
    std::atomic<qint64> m_inventorySyncMs { 0 };
    std::array<std::atomic<quint64>, 2> m_syncErrors {};
};

} // namespace fvpn
