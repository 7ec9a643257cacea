#include "PollWaiters.h"

namespace fvpn {

void PollWaiters::hold(const QString &id, const QByteArray &etag, int waitSecs, ApiResponder responder)
{
    quint64 serial = 0;
    {
        std::lock_guard lock(m_mutex);
        serial = ++m_serial;
        m_waiters[id].append(Waiter { serial, responder });
        ++m_count;
    }
    HttpExchange exchange = responder.exchange();
    exchange.onClientGone([this, id, serial] { drop(id, serial); });
    exchange.onTimeout(waitSecs * 1000, [this, id, serial, etag, responder](HttpExchange) {
        drop(id, serial);
        responder.respond(ApiResponse::notModified(etag));
    });
}

QList<ApiResponder> PollWaiters::take(const QString &id)
{
    QList<Waiter> waiters;
    {
        std::lock_guard lock(m_mutex);
        waiters = m_waiters.take(id);
        m_count -= int(waiters.size());
    }
    QList<ApiResponder> out;
    out.reserve(waiters.size());
    for (const Waiter &w : std::as_const(waiters))
        out.append(w.responder);
    return out;
}

int PollWaiters::count() const
{
    std::lock_guard lock(m_mutex);
    return m_count;
}

void PollWaiters::drop(const QString &id, quint64 serial)
{
    std::lock_guard lock(m_mutex);
    const auto it = m_waiters.find(id);
    if (it == m_waiters.end())
        return;
    const qsizetype before = it->size();
    it->removeIf([serial](const Waiter &w) { return w.serial == serial; });
    m_count -= int(before - it->size());
    if (it->isEmpty())
        m_waiters.erase(decltype(m_waiters)::const_iterator(it));
}

} // namespace fvpn
