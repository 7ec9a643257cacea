#include "HubCounters.h"

namespace fvpn {

void HubCounters::reconcileDone(Mode mode, qint64 durationNs, bool peersFailed, bool firewallFailed,
                                bool hostsFailed, qint64 nowMs)
{
    constexpr auto relaxed = std::memory_order_relaxed;
    m_runs[size_t(mode)].fetch_add(1, relaxed);
    if (peersFailed)
        m_failures[size_t(Step::Peers)].fetch_add(1, relaxed);
    if (firewallFailed)
        m_failures[size_t(Step::Firewall)].fetch_add(1, relaxed);
    if (hostsFailed)
        m_failures[size_t(Step::Hosts)].fetch_add(1, relaxed);
    const double secs = double(qMax<qint64>(durationNs, 0)) / 1e9;
    size_t bucket = 0;
    while (bucket < ReconcileBuckets.size() && secs > ReconcileBuckets[bucket])
        ++bucket;
    m_durationCounts[bucket].fetch_add(1, relaxed);
    m_durationSumNs.fetch_add(quint64(qMax<qint64>(durationNs, 0)), relaxed);
    const bool failed = peersFailed || firewallFailed || hostsFailed;
    (failed ? m_lastFailureMs : m_lastSuccessMs).store(nowMs, relaxed);
}

void HubCounters::peersChanged(int added, int changed, int removed)
{
    m_added.fetch_add(quint64(qMax(added, 0)), std::memory_order_relaxed);
    m_changed.fetch_add(quint64(qMax(changed, 0)), std::memory_order_relaxed);
    m_removed.fetch_add(quint64(qMax(removed, 0)), std::memory_order_relaxed);
}

void HubCounters::inventorySynced(qint64 nowMs)
{
    m_inventorySyncMs.store(nowMs, std::memory_order_relaxed);
}

void HubCounters::inventorySyncFailed(SyncError why)
{
    m_syncErrors[size_t(why)].fetch_add(1, std::memory_order_relaxed);
}

std::array<quint64, HubCounters::ReconcileBuckets.size() + 1> HubCounters::reconcileDurationCounts() const
{
    std::array<quint64, ReconcileBuckets.size() + 1> counts {};
    for (size_t i = 0; i < counts.size(); ++i)
        counts[i] = m_durationCounts[i].load(std::memory_order_relaxed);
    return counts;
}

double HubCounters::reconcileDurationSumSecs() const
{
    return double(m_durationSumNs.load(std::memory_order_relaxed)) / 1e9;
}

} // namespace fvpn
