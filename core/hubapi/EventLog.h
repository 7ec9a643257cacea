#pragma once

#include "HttpExchange.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <deque>
#include <mutex>
#include <optional>

namespace fvpn {

// The admin event stream (GET /api/v1/events, Server-Sent Events): a bounded
// in-memory log of the last events, each with the hub revision of its change as
// its id, and the open streams they are written to. Thread-safe: events are
// appended on the main thread; streams join from there and leave on their
// workers. Writing never blocks: a stream that does not read is dropped by its
// connection once its backlog passes the listener's cap.
class EventLog
{
public:
    static constexpr int KeepAliveMs = 15'000;
    static constexpr int RetryMs = 2'000;

    EventLog(quint64 firstRevision, std::size_t capacity = 4096);

    // `data` gets "revision": id.
    void append(quint64 id, const QString &type, QJsonObject data);

    // Starts a stream on `exchange` (already in the waiting class): retry, hello,
    // then every logged event after `lastEventId`, or "reset" when the log cannot
    // tell what came after it (another run, too old, the future). Atomic with
    // respect to append(): nothing is lost or sent twice between replay and live.
    // `owner`: the admin token's id, so that revoking the token ends its streams.
    void subscribe(HttpExchange exchange, const std::optional<QByteArray> &lastEventId,
                   quint64 currentRevision, const QString &owner);

    int streamCount() const;
    // The tokens that have streams open, and ending the streams of one of them.
    QStringList owners() const;
    void endStreamsOf(const QString &owner);
    // Ends every stream (shutdown).
    void endAll();

private:
    struct Event
    {
        quint64 id;
        QByteArray frame;
    };
    struct Stream
    {
        HttpExchange exchange;
        QString owner;
    };
    static QByteArray frame(const QByteArray &type, const QJsonObject &data, std::optional<quint64> id);
    static void armKeepAlive(HttpExchange exchange);

    const std::size_t m_capacity;
    mutable std::mutex m_mutex;
    std::deque<Event> m_log;
    quint64 m_forgotten; // the newest id dropped from the log (or the run's start)
    QList<Stream> m_streams;
};

} // namespace fvpn
