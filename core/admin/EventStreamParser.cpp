#include "EventStreamParser.h"

#include <climits>

namespace fvpn {

namespace {

constexpr char Bom[] = "\xEF\xBB\xBF";

} // namespace

EventStreamParser::EventStreamParser()
    : EventStreamParser(Limits {})
{ }

EventStreamParser::EventStreamParser(Limits limits)
    : m_limits(limits)
{ }

void EventStreamParser::restart()
{
    m_line.clear();
    m_sawCr = false;
    m_bomChecked = false;
    m_bomPrefix.clear();
    m_eventType.clear();
    m_data.clear();
    m_dataBytes = 0;
    m_idInEvent = false;
    m_events.clear();
    m_error.clear();
    // m_lastEventId, m_retryMs and m_comments carry over to the next connection.
}

QList<ServerSentEvent> EventStreamParser::takeEvents()
{
    return std::exchange(m_events, {});
}

void EventStreamParser::fail(const QString &why)
{
    m_error = why;
    m_line.clear();
    m_data.clear();
    m_eventType.clear();
}

bool EventStreamParser::feed(QByteArrayView bytes)
{
    if (failed())
        return false;
    if (!m_bomChecked) {
        // The byte order mark may arrive split over several chunks.
        const qsizetype wanted = 3 - m_bomPrefix.size();
        const QByteArrayView head = bytes.first(qMin(wanted, bytes.size()));
        m_bomPrefix.append(head);
        bytes = bytes.sliced(head.size());
        if (QByteArrayView(Bom).first(m_bomPrefix.size()) == QByteArrayView(m_bomPrefix)) {
            if (m_bomPrefix.size() < 3)
                return true; // undecided until more bytes come
            m_bomChecked = true; // a BOM: dropped
        } else {
            m_bomChecked = true;
            const QByteArray prefix = std::exchange(m_bomPrefix, {});
            if (!feed(prefix))
                return false;
        }
        m_bomPrefix.clear();
    }

    qsizetype pos = 0;
    const qsizetype size = bytes.size();
    if (m_sawCr && pos < size) {
        if (bytes[0] == '\n')
            ++pos; // the LF of a CRLF split over two chunks
        m_sawCr = false;
    }
    while (pos < size && !failed()) {
        qsizetype end = pos;
        while (end < size && bytes[end] != '\n' && bytes[end] != '\r')
            ++end;
        if (m_line.size() + (end - pos) > m_limits.maxLineBytes) {
            fail(QStringLiteral("a line of the event stream is longer than %1 bytes")
                     .arg(m_limits.maxLineBytes));
            return false;
        }
        if (end == size) {
            m_line.append(bytes.sliced(pos));
            break;
        }
        if (m_line.isEmpty()) {
            processLine(bytes.sliced(pos, end - pos));
        } else {
            m_line.append(bytes.sliced(pos, end - pos));
            const QByteArray line = std::exchange(m_line, {});
            processLine(line);
        }
        pos = end + 1;
        if (bytes[end] == '\r') {
            if (pos < size) {
                if (bytes[pos] == '\n')
                    ++pos;
            } else {
                m_sawCr = true;
            }
        }
    }
    return !failed();
}

void EventStreamParser::processLine(QByteArrayView line)
{
    if (line.isEmpty()) {
        dispatch();
        return;
    }
    if (line.front() == ':') {
        ++m_comments;
        return;
    }
    QByteArrayView field = line;
    QByteArrayView value;
    const qsizetype colon = line.indexOf(':');
    if (colon >= 0) {
        field = line.first(colon);
        value = line.sliced(colon + 1);
        if (value.startsWith(' '))
            value = value.sliced(1);
    }
    if (field == "event") {
        m_eventType = QString::fromUtf8(value);
    } else if (field == "data") {
        m_dataBytes += value.size() + 1;
        if (m_dataBytes > m_limits.maxEventBytes) {
            fail(QStringLiteral("an event of the event stream holds more than %1 bytes of data")
                     .arg(m_limits.maxEventBytes));
            return;
        }
        m_data += QString::fromUtf8(value);
        m_data += u'\n';
    } else if (field == "id") {
        if (!value.contains('\0')) {
            m_lastEventId = QString::fromUtf8(value);
            m_idInEvent = true;
        }
    } else if (field == "retry") {
        if (value.isEmpty())
            return;
        qint64 ms = 0;
        for (const char c : value) {
            if (c < '0' || c > '9')
                return;
            ms = qMin<qint64>(qint64(INT_MAX), ms * 10 + (c - '0'));
        }
        m_retryMs = int(ms);
    }
    // Any other field is ignored.
}

void EventStreamParser::dispatch()
{
    const bool ownId = std::exchange(m_idInEvent, false);
    if (m_data.isEmpty()) {
        m_eventType.clear();
        return;
    }
    if (m_data.endsWith(u'\n'))
        m_data.chop(1);
    ServerSentEvent event;
    event.type = m_eventType.isEmpty() ? QStringLiteral("message") : m_eventType;
    event.data = std::exchange(m_data, {});
    event.lastEventId = m_lastEventId;
    event.hasOwnId = ownId;
    m_events.append(std::move(event));
    m_eventType.clear();
    m_dataBytes = 0;
}

} // namespace fvpn
