#pragma once

#include "HubCounters.h"
#include "HubView.h"

#include <QObject>

#include <atomic>
#include <memory>
#include <mutex>

namespace fvpn {

// Where the hub thread leaves its latest HubView and readers on any thread pick it
// up. Swapping a shared_ptr under a mutex costs a few nanoseconds, and a reader
// keeps its snapshot alive as long as it needs it. (A std::mutex rather than a
// QMutex: ThreadSanitizer sees pthread locking, not Qt's futex-based one.)
//
// Readers also say when they look ("watched"): the hub samples live tunnel data
// once a second while someone watched within WatchWindowMs, and only at its
// reconcile interval otherwise, so an idle hub stays idle.
class HubViewHolder : public QObject
{
    Q_OBJECT

public:
    static constexpr qint64 WatchWindowMs = 30000;

    explicit HubViewHolder(QObject *parent = nullptr);

    std::shared_ptr<const HubView> current() const; // never null
    // Any thread (the hub thread). Emits published() on the calling thread; connect
    // with a receiver context to have it delivered on the receiver's thread.
    void publish(std::shared_ptr<const HubView> view);

    // Any thread, cheap (an atomic store); emits watchStarted() when nobody had
    // watched within the window.
    void markWatched();
    bool watchedWithin(qint64 ms) const;

    // The hub thread's event counters (reconcile passes, inventory fetches), for
    // any thread: lock-free, beside the snapshot rather than in it, so a count is
    // current even when nothing else changed enough to publish a new view.
    HubCounters &counters() { return m_counters; }
    const HubCounters &counters() const { return m_counters; }

Q_SIGNALS:
    void published();
    void watchStarted();

private:
    mutable std::mutex m_mutex;
    std::shared_ptr<const HubView> m_view;
    std::atomic<qint64> m_watchedAtMs { 0 };
    HubCounters m_counters;
};

} // namespace fvpn
