#include "HttpRequestFramer.h"

#include <QList>

namespace fvpn {

namespace {

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v';
}

// A strict decimal Content-Length: digits only, at most 18 of them (no overflow).
bool parseLength(QByteArrayView text, qint64 *out)
{
    const QByteArrayView trimmed = text.trimmed();
    if (trimmed.isEmpty() || trimmed.size() > 18)
        return false;
    qint64 value = 0;
    for (char c : trimmed) {
        if (c < '0' || c > '9')
            return false;
        value = value * 10 + (c - '0');
    }
    *out = value;
    return true;
}

} // namespace

HttpRequestFramer::HttpRequestFramer(HttpFramingLimits limits)
    : m_limits(limits)
{ }

void HttpRequestFramer::reject(int status, QString message)
{
    m_state = State::Rejected;
    m_rejection = { status, std::move(message) };
    m_headers.clear();
}

HttpRequestFramer::Progress HttpRequestFramer::feed(QByteArrayView bytes)
{
    Progress progress;
    qsizetype i = 0;
    while (i < bytes.size() && m_state != State::Rejected) {
        switch (m_state) {
        case State::Idle:
            // QHttpServer skips whitespace between requests; so do we.
            while (i < bytes.size() && isSpace(bytes[i]))
                ++i;
            if (i < bytes.size()) {
                m_state = State::Headers;
                m_headers.clear();
                ++progress.started;
            }
            break;
        case State::Headers: {
            // Copy byte by byte up to the end of the header block or the limit.
            while (i < bytes.size()) {
                const char c = bytes[i++];
                if (m_headers.size() >= m_limits.maxHeaderBytes) {
                    reject(431,
                           QStringLiteral("the request headers are larger than %1 bytes")
                               .arg(m_limits.maxHeaderBytes));
                    break;
                }
                m_headers.append(c);
                if (c == '\n' && (m_headers.endsWith("\n\r\n") || m_headers.endsWith("\n\n"))) {
                    headersComplete(progress);
                    break;
                }
            }
            break;
        }
        case State::Body: {
            const qint64 take = qMin<qint64>(m_bodyRemaining, bytes.size() - i);
            m_bodyRemaining -= take;
            i += take;
            if (m_bodyRemaining == 0) {
                m_state = State::Idle;
                ++progress.completed;
            }
            break;
        }
        case State::Rejected:
            break;
        }
    }
    return progress;
}

void HttpRequestFramer::headersComplete(Progress &progress)
{
    const QList<QByteArray> lines = m_headers.split('\n');
    m_headers.clear();
    const QByteArray requestLine = lines.value(0).trimmed();
    const QList<QByteArray> parts = requestLine.split(' ');
    if (parts.size() != 3 || parts[0].isEmpty() || !parts[1].startsWith('/')
        || !parts[2].startsWith("HTTP/1.")) {
        reject(400, QStringLiteral("the request line is not 'METHOD /path HTTP/1.1'"));
        return;
    }
    qint64 length = 0;
    bool haveLength = false;
    bool close = parts[2] == "HTTP/1.0";
    for (qsizetype n = 1; n < lines.size(); ++n) {
        const QByteArray line = lines[n].trimmed();
        if (line.isEmpty())
            continue;
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0) {
            reject(400, QStringLiteral("a request header line has no name"));
            return;
        }
        const QByteArray name = line.first(colon).trimmed().toLower();
        const QByteArrayView value = QByteArrayView(line).sliced(colon + 1).trimmed();
        if (name == "content-length") {
            qint64 parsed = 0;
            if (!parseLength(value, &parsed)) {
                reject(400, QStringLiteral("Content-Length is not a number"));
                return;
            }
            if (haveLength && parsed != length) {
                reject(400, QStringLiteral("the request has two different Content-Length headers"));
                return;
            }
            haveLength = true;
            length = parsed;
        } else if (name == "transfer-encoding") {
            reject(411,
                   QStringLiteral("send the body with a Content-Length; Transfer-Encoding is not accepted"));
            return;
        } else if (name == "connection") {
            const QByteArray tokens = value.toByteArray().toLower();
            if (tokens.contains("close"))
                close = true;
            else if (tokens.contains("keep-alive"))
                close = false;
        } else if (name == "upgrade") {
            reject(400, QStringLiteral("protocol upgrades are not offered"));
            return;
        }
    }
    if (length > m_limits.maxBodyBytes) {
        reject(413,
               QStringLiteral("the request body (%1 bytes) is larger than the limit of %2 bytes")
                   .arg(length)
                   .arg(m_limits.maxBodyBytes));
        return;
    }
    m_closeRequested = m_closeRequested || close;
    if (length == 0) {
        m_state = State::Idle;
        ++progress.completed;
    } else {
        m_state = State::Body;
        m_bodyRemaining = length;
    }
}

} // namespace fvpn
