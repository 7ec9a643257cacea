#pragma once

#include "ApiHttpServer.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>

#include <mutex>

namespace fvpn {

// The registration long-polls being held, by request id. Safe from any thread:
// an answer comes from the main thread (a change), a timeout or a client that
// left from its connection's. Costs nothing per poll beyond its entry here and
// the connection's own timer.
class PollWaiters
{
public:
    // Holds `responder` (already waiting) until take() hands it out; after
    // `waitSecs` it answers 304 with `etag` itself; a client that leaves is
    // forgotten.
    void hold(const QString &id, const QByteArray &etag, int waitSecs, ApiResponder responder);
    // The polls held for request `id`, no longer held.
    QList<ApiResponder> take(const QString &id);
    int count() const;

private:
    struct Waiter
    {
        quint64 serial;
        ApiResponder responder;
    };
    void drop(const QString &id, quint64 serial);

    mutable std::mutex m_mutex;
    QHash<QString, QList<Waiter>> m_waiters;
    quint64 m_serial = 0;
    int m_count = 0;
};

} // namespace fvpn
