#include "EventLog.h"

#include <QJsonDocument>

namespace fvpn {

EventLog::EventLog(quint64 firstRevision, std::size_t capacity)
    : m_capacity(capacity)
    , m_forgotten(firstRevision)
{ }

QByteArray EventLog::frame(const QByteArray &type, const QJsonObject &data, std::optional<quint64> id)
{
    QByteArray out;
    if (id)
        out += "id: " + QByteArray::number(*id) + '\n';
    // Compact JSON has no line breaks, so one data line carries it.
    out += "event: " + type + "\ndata: " + QJsonDocument(data).toJson(QJsonDocument::Compact) + "\n\n";
    return out;
}

void EventLog::append(quint64 id, const QString &type, QJsonObject data)
{
    data.insert(QStringLiteral("revision"), double(id));
    QByteArray bytes = frame(type.toUtf8(), data, id);
    std::lock_guard lock(m_mutex);
    m_log.push_back(Event { id, bytes });
    while (m_log.size() > m_capacity) {
        m_forgotten = m_log.front().id;
        m_log.pop_front();
    }
    m_streams.removeIf([&bytes](const Stream &stream) {
        HttpExchange exchange = stream.exchange; // a handle: copies share the connection
        return !exchange.write(bytes);
    });
}

void EventLog::armKeepAlive(HttpExchange exchange)
{
    exchange.onTimeout(KeepAliveMs, [](HttpExchange stream) {
        if (stream.write(QByteArrayLiteral(": keep-alive\n\n")))
            armKeepAlive(stream);
    });
}

void EventLog::subscribe(HttpExchange exchange, const std::optional<QByteArray> &lastEventId,
                         quint64 currentRevision, const QString &owner)
{
    std::lock_guard lock(m_mutex);
    if (!exchange.beginStream(200,
                              { { "Content-Type", "text/event-stream" },
                                { "Cache-Control", "no-store" },
                                { "X-Accel-Buffering", "no" } }))
        return;
    const QJsonObject now { { QStringLiteral("revision"), double(currentRevision) } };
    QByteArray start = "retry: " + QByteArray::number(RetryMs) + "\n\n" + frame("hello", now, std::nullopt);
    if (lastEventId) {
        bool ok = false;
        const quint64 from = lastEventId->trimmed().toULongLong(&ok);
        if (!ok || from < m_forgotten || from > currentRevision) {
            start += frame("reset", now, std::nullopt);
        } else {
            for (const Event &e : m_log) {
                if (e.id > from)
                    start += e.frame;
            }
        }
    }
    if (!exchange.write(start))
        return;
    armKeepAlive(exchange);
    m_streams.append(Stream { exchange, owner });
}

int EventLog::streamCount() const
{
    std::lock_guard lock(m_mutex);
    int open = 0;
    for (const Stream &s : m_streams)
        open += s.exchange.isOpen() ? 1 : 0;
    return open;
}

QStringList EventLog::owners() const
{
    std::lock_guard lock(m_mutex);
    QStringList out;
    for (const Stream &s : m_streams) {
        if (s.exchange.isOpen() && !out.contains(s.owner))
            out.append(s.owner);
    }
    return out;
}

void EventLog::endStreamsOf(const QString &owner)
{
    std::lock_guard lock(m_mutex);
    m_streams.removeIf([&owner](const Stream &s) {
        if (!s.exchange.isOpen())
            return true; // its client left: nothing to end
        if (s.owner != owner)
            return false;
        HttpExchange exchange = s.exchange;
        exchange.end();
        return true;
    });
}

void EventLog::endAll()
{
    std::lock_guard lock(m_mutex);
    for (Stream &s : m_streams)
        s.exchange.end();
    m_streams.clear();
}

} // namespace fvpn
