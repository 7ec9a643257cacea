#include "HubViewHolder.h"

#include <QDeadlineTimer>

namespace fvpn {

namespace {

qint64 nowMs()
{
    // Monotonic: a clock step must neither start nor end a watch.
    return QDeadlineTimer::current().deadline();
}

} // namespace

HubViewHolder::HubViewHolder(QObject *parent)
    : QObject(parent)
    , m_view(std::make_shared<const HubView>())
{ }

std::shared_ptr<const HubView> HubViewHolder::current() const
{
    const std::lock_guard lock(m_mutex);
    return m_view;
}

void HubViewHolder::publish(std::shared_ptr<const HubView> view)
{
    {
        const std::lock_guard lock(m_mutex);
        m_view.swap(view);
    }
    // The previous snapshot is released here, outside the lock.
    view.reset();
    Q_EMIT published();
}

void HubViewHolder::markWatched()
{
    const qint64 now = nowMs();
    const qint64 before = m_watchedAtMs.exchange(now, std::memory_order_relaxed);
    if (before == 0 || now - before > WatchWindowMs)
        Q_EMIT watchStarted();
}

bool HubViewHolder::watchedWithin(qint64 ms) const
{
    const qint64 at = m_watchedAtMs.load(std::memory_order_relaxed);
    return at != 0 && nowMs() - at <= ms;
}

} // namespace fvpn
