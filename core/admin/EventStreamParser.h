#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

#include <optional>

namespace fvpn {

// One event of a text/event-stream, as the WHATWG HTML standard's "dispatch the
// event" step makes it.
struct ServerSentEvent
{
    QString type; // the `event:` field; "message" when the event named none
    QString data; // the `data:` lines joined with "\n"
    // The stream's last event ID when this event was dispatched: set by an `id:`
    // field of this event or of an earlier one (it carries over), empty when none.
    QString lastEventId;
    bool hasOwnId = false; // this event had an `id:` field of its own

    friend bool operator==(const ServerSentEvent &, const ServerSentEvent &) = default;
};

// A text/event-stream parser (WHATWG HTML, "Server-sent events", section
// "Interpreting an event stream"), pure and incremental: feed it bytes as they
// arrive, in chunks of any size, and take the events it completed. No sockets,
// no timers, no Qt event loop: a fuzzer can drive it directly.
//
// The rules it follows: UTF-8 (invalid sequences become U+FFFD), one leading
// byte order mark ignored; lines end in CRLF, LF or a lone CR, also when a chunk
// ends between the CR and the LF; a blank line dispatches the event; lines
// starting with ':' are comments; "name:value" (one space after the colon
// dropped) or a bare "name" (empty value); fields `event`, `data` (appended with
// a "\n"), `id` (ignored when it contains U+0000), `retry` (only ASCII digits);
// other fields are ignored; an event without data is not dispatched; what
// follows the last blank line when the stream ends is dropped.
//
// Unlike a browser it bounds what it holds: a line longer than maxLineBytes or
// an event whose data grows beyond maxEventBytes puts it in the failed state,
// where it ignores all further input; the caller drops the connection.
class EventStreamParser
{
public:
    struct Limits
    {
        qsizetype maxLineBytes = 1024 * 1024;
        qsizetype maxEventBytes = 4 * 1024 * 1024;
    };

    EventStreamParser();
    explicit EventStreamParser(Limits limits);

    // False once the parser has failed (now or before).
    bool feed(QByteArrayView bytes);
    // The events completed so far, oldest first; they are handed over once.
    QList<ServerSentEvent> takeEvents();
    bool hasEvents() const { return !m_events.isEmpty(); }

    bool failed() const { return !m_error.isEmpty(); }
    const QString &error() const { return m_error; }

    // The last event ID buffer: what a reconnection sends as Last-Event-ID.
    const QString &lastEventId() const { return m_lastEventId; }
    // A position learnt some other way (a client that resumes from a revision).
    void setLastEventId(const QString &id) { m_lastEventId = id; }
    // The reconnection time of the latest valid `retry:` field, in milliseconds
    // (saturated at INT_MAX).
    std::optional<int> retryMs() const { return m_retryMs; }
    // Comment lines seen so far (keep-alives are comments).
    qint64 commentCount() const { return m_comments; }

    // Forgets everything, as for a new connection, except the last event ID,
    // which a reconnection carries on (WHATWG: it belongs to the EventSource).
    void restart();

private:
    void processLine(QByteArrayView line);
    void dispatch();
    void fail(const QString &why);

    Limits m_limits;
    QByteArray m_line; // an unfinished line
    bool m_sawCr = false; // the previous chunk ended in CR: a leading LF belongs to it
    bool m_bomChecked = false;
    QByteArray m_bomPrefix; // up to 2 bytes that may be the start of a BOM
    QString m_eventType;
    QString m_data;
    qsizetype m_dataBytes = 0;
    bool m_idInEvent = false;
    QString m_lastEventId;
    std::optional<int> m_retryMs;
    qint64 m_comments = 0;
    QList<ServerSentEvent> m_events;
    QString m_error;
};

} // namespace fvpn
