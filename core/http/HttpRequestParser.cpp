#include "HttpRequestParser.h"

#include "HttpSyntax.h"

#include <utility>

namespace fvpn {

using namespace HttpSyntax;

namespace {

// Past 18 decimal digits a length cannot be represented (nor be under any limit).
constexpr qsizetype MaxLengthDigits = 18;

} // namespace

HttpRequestParser::HttpRequestParser(HttpParserLimits limits)
    : m_limits(limits)
{ }

HttpRequest HttpRequestParser::takeRequest()
{
    Q_ASSERT(!m_ready.isEmpty());
    return m_ready.takeFirst();
}

bool HttpRequestParser::inRequest() const
{
    switch (m_state) {
    case State::RequestLine:
        return !m_line.isEmpty();
    case State::Closed:
    case State::Rejected:
        return false;
    default:
        return true;
    }
}

void HttpRequestParser::reject(int status, QString message)
{
    m_state = State::Rejected;
    m_rejection = { status, std::move(message) };
    m_line.clear();
    m_current = HttpRequest();
    m_wantsContinue = false;
}

void HttpRequestParser::feed(QByteArrayView bytes)
{
    qsizetype at = 0;
    while (at < bytes.size()) {
        switch (m_state) {
        case State::RequestLine:
            at = readRequestLine(bytes, at);
            break;
        case State::Headers:
        case State::Trailers:
        case State::ChunkSize:
            at = readLine(bytes, at);
            break;
        case State::Body:
            at = readBody(bytes, at);
            break;
        case State::ChunkData:
            at = readChunkData(bytes, at);
            break;
        case State::ChunkDataEnd:
            at = readChunkDataEnd(bytes, at);
            break;
        case State::Closed:
        case State::Rejected:
            return;
        }
    }
}

// Byte by byte, so a stream that is not HTTP (a TLS hello on the plain port,
// binary noise) is refused at its first byte that cannot start a method.
qsizetype HttpRequestParser::readRequestLine(QByteArrayView bytes, qsizetype at)
{
    for (; at < bytes.size(); ++at) {
        const char c = bytes[at];
        m_line.append(c);
        if (c == '\n') {
            requestLineComplete();
            return at + 1;
        }
        if (!m_methodDone && c != '\r') {
            if (c == ' ') {
                m_methodDone = true;
            } else if (!isTokenChar(c)) {
                reject(400, QStringLiteral("the request does not start with 'METHOD /path HTTP/1.1'"));
                return bytes.size();
            }
        }
        // The line with its LF may be maxRequestLineBytes long.
        if (m_line.size() >= m_limits.maxRequestLineBytes) {
            lineTooLong();
            return bytes.size();
        }
    }
    return at;
}

qsizetype HttpRequestParser::readLine(QByteArrayView bytes, qsizetype at)
{
    const qsizetype limit
        = m_state == State::ChunkSize ? m_limits.maxChunkLineBytes : m_limits.maxHeaderBytes - m_headerBytes;
    const qsizetype newline = bytes.indexOf('\n', at);
    const qsizetype end = newline < 0 ? bytes.size() : newline + 1;
    const qsizetype size = m_line.size() + (end - at);
    // The same decision whether the line arrives whole or a byte at a time: a
    // partial line of `limit` bytes can only become one longer than the limit.
    if ((newline < 0 && size >= limit) || size > limit) {
        lineTooLong();
        return bytes.size();
    }
    m_line.append(bytes.sliced(at, end - at));
    if (newline >= 0)
        lineComplete();
    return end;
}

void HttpRequestParser::lineTooLong()
{
    switch (m_state) {
    case State::RequestLine:
        if (m_methodDone)
            reject(
                414,
                QStringLiteral("the request line is longer than %1 bytes").arg(m_limits.maxRequestLineBytes));
        else
            reject(400, QStringLiteral("the request does not start with 'METHOD /path HTTP/1.1'"));
        return;
    case State::ChunkSize:
        reject(400,
               QStringLiteral("a chunk size line is longer than %1 bytes").arg(m_limits.maxChunkLineBytes));
        return;
    default:
        reject(431,
               QStringLiteral("the request headers are larger than %1 bytes").arg(m_limits.maxHeaderBytes));
        return;
    }
}

void HttpRequestParser::requestLineComplete()
{
    const QByteArray line = std::exchange(m_line, QByteArray());
    if (!line.endsWith("\r\n")) {
        reject(400, QStringLiteral("lines must end with CRLF; a bare LF is not accepted"));
        return;
    }
    const QByteArrayView content = QByteArrayView(line).chopped(2);
    if (content.contains('\r')) {
        reject(400, QStringLiteral("the request line contains a bare CR"));
        return;
    }
    if (content.isEmpty()) {
        // RFC 9112 §2.2: one empty line before a request is tolerated, no more.
        if (m_skippedEmptyLine) {
            reject(400, QStringLiteral("more than one empty line before the request line"));
            return;
        }
        m_skippedEmptyLine = true;
        m_methodDone = false;
        return;
    }
    const qsizetype firstSpace = content.indexOf(' ');
    const qsizetype secondSpace = firstSpace < 0 ? -1 : content.indexOf(' ', firstSpace + 1);
    if (firstSpace <= 0 || secondSpace < 0 || content.indexOf(' ', secondSpace + 1) >= 0) {
        reject(400, QStringLiteral("the request line is not 'METHOD /path HTTP/1.1'"));
        return;
    }
    const QByteArrayView method = content.first(firstSpace);
    const QByteArrayView target = content.sliced(firstSpace + 1, secondSpace - firstSpace - 1);
    const QByteArrayView version = content.sliced(secondSpace + 1);

    // HTTP-version = "HTTP/" DIGIT "." DIGIT, exactly (RFC 9112 §2.3).
    if (version.size() != 8 || !version.startsWith("HTTP/") || !isDigit(version[5]) || version[6] != '.'
        || !isDigit(version[7])) {
        reject(400, QStringLiteral("the HTTP version is not 'HTTP/1.1' (or 'HTTP/1.0')"));
        return;
    }
    if (version[5] != '1' || version[7] > '1') {
        reject(505,
               QStringLiteral("HTTP/%1 is not supported; use HTTP/1.1")
                   .arg(QString::fromLatin1(version.sliced(5))));
        return;
    }
    if (!isToken(method)) {
        reject(400, QStringLiteral("the request method is not a token"));
        return;
    }
    if (!isOriginForm(target)) {
        reject(400,
               QStringLiteral("the request target must be a path ('/…') of URL characters, percent-encoded "
                              "where needed"));
        return;
    }
    m_current.method = method.toByteArray();
    m_current.target = target.toByteArray();
    const qsizetype question = target.indexOf('?');
    m_current.path = question < 0 ? m_current.target : target.first(question).toByteArray();
    m_current.query = question < 0 ? QByteArray() : target.sliced(question + 1).toByteArray();
    m_current.versionMinor = version[7] - '0';
    m_state = State::Headers;
}

void HttpRequestParser::lineComplete()
{
    const QByteArray line = std::exchange(m_line, QByteArray());
    if (m_state != State::ChunkSize)
        m_headerBytes += line.size();
    if (!line.endsWith("\r\n")) {
        reject(400, QStringLiteral("lines must end with CRLF; a bare LF is not accepted"));
        return;
    }
    const QByteArrayView content = QByteArrayView(line).chopped(2);
    if (content.contains('\r')) {
        reject(400, QStringLiteral("a header line contains a bare CR"));
        return;
    }
    switch (m_state) {
    case State::Headers:
        fieldLineComplete(content);
        return;
    case State::Trailers:
        trailerLineComplete(content);
        return;
    case State::ChunkSize:
        chunkSizeLineComplete(content);
        return;
    default:
        Q_UNREACHABLE();
    }
}

void HttpRequestParser::fieldLineComplete(QByteArrayView content)
{
    if (content.isEmpty()) {
        headersComplete();
        return;
    }
    if (++m_headerCount > m_limits.maxHeaderCount) {
        reject(431,
               QStringLiteral("the request has more than %1 header fields").arg(m_limits.maxHeaderCount));
        return;
    }
    QByteArray name;
    QByteArray value;
    if (const QString error = parseFieldLine(content, &name, &value); !error.isEmpty()) {
        reject(400, error);
        return;
    }
    m_current.headers.append({ std::move(name), std::move(value) });
}

void HttpRequestParser::trailerLineComplete(QByteArrayView content)
{
    if (content.isEmpty()) {
        requestComplete();
        return;
    }
    if (++m_headerCount > m_limits.maxHeaderCount) {
        reject(431,
               QStringLiteral("the request has more than %1 header fields").arg(m_limits.maxHeaderCount));
        return;
    }
    // Checked like any header, then discarded: nothing reads trailers.
    QByteArray name;
    QByteArray value;
    if (const QString error = parseFieldLine(content, &name, &value); !error.isEmpty())
        reject(400, error);
}

bool HttpRequestParser::decideFraming(bool *chunked, qint64 *length)
{
    const QList<QByteArray> lengths = m_current.headerValues("content-length");
    const QList<QByteArray> encodings = m_current.headerValues("transfer-encoding");
    if (!lengths.isEmpty() && !encodings.isEmpty()) {
        reject(400, QStringLiteral("a request with both Content-Length and Transfer-Encoding is ambiguous"));
        return false;
    }
    if (!encodings.isEmpty()) {
        if (m_current.versionMinor == 0) {
            reject(400, QStringLiteral("Transfer-Encoding is not allowed in an HTTP/1.0 request"));
            return false;
        }
        const QList<QByteArray> codings = listElements(encodings);
        const auto chunks = codings.count("chunked");
        if (codings.isEmpty()) {
            reject(400, QStringLiteral("Transfer-Encoding names no transfer coding"));
            return false;
        }
        if (chunks > 1) {
            reject(400, QStringLiteral("Transfer-Encoding applies chunked more than once"));
            return false;
        }
        if (chunks == 1 && codings.last() != "chunked") {
            reject(400, QStringLiteral("chunked must be the last transfer coding"));
            return false;
        }
        if (codings.size() != 1 || chunks != 1) {
            reject(501,
                   QStringLiteral("only the chunked transfer coding is supported; send the body with "
                                  "Content-Length or Transfer-Encoding: chunked"));
            return false;
        }
        *chunked = true;
        return true;
    }
    bool have = false;
    for (const QByteArray &text : lengths) {
        // Repeated, it must be the very same text (RFC 9110 §8.6: "identical
        // decimal values"): "4" and "04" are one number here, but a proxy in
        // front that compares text, or keeps the other one, frames differently.
        if (have && text != lengths.constFirst()) {
            reject(400, QStringLiteral("the request has two different Content-Length headers"));
            return false;
        }
        // 1*DIGIT: no sign, no spaces inside, no list ("5, 5"), no hex.
        bool digits = !text.isEmpty();
        for (char c : text)
            digits = digits && isDigit(c);
        qsizetype first = 0;
        while (first + 1 < text.size() && text[first] == '0')
            ++first;
        if (!digits || text.size() - first > MaxLengthDigits) {
            reject(400, QStringLiteral("Content-Length is not a decimal number"));
            return false;
        }
        const qint64 value = text.mid(first).toLongLong();
        if (have && value != *length) {
            reject(400, QStringLiteral("the request has two different Content-Length headers"));
            return false;
        }
        have = true;
        *length = value;
    }
    if (*length > m_limits.maxBodyBytes) {
        reject(413,
               QStringLiteral("the request body (%1 bytes) is larger than the limit of %2 bytes")
                   .arg(*length)
                   .arg(m_limits.maxBodyBytes));
        return false;
    }
    return true;
}

void HttpRequestParser::headersComplete()
{
    const QList<QByteArray> hosts = m_current.headerValues("host");
    if (hosts.size() > 1) {
        reject(400, QStringLiteral("the request has more than one Host header"));
        return;
    }
    if (hosts.isEmpty() && m_current.versionMinor == 1) {
        reject(400, QStringLiteral("an HTTP/1.1 request needs a Host header"));
        return;
    }
    if (!hosts.isEmpty() && !isValidHost(hosts.first())) {
        reject(400, QStringLiteral("the Host header is not a host name or address with an optional port"));
        return;
    }
    bool chunked = false;
    qint64 length = 0;
    if (!decideFraming(&chunked, &length))
        return;
    if (m_current.hasHeader("upgrade")) {
        reject(400, QStringLiteral("protocol upgrades are not offered"));
        return;
    }
    // RFC 9110 §10.1.1: an HTTP/1.0 request's Expect is ignored.
    const QList<QByteArray> expectations = listElements(m_current.headerValues("expect"));
    if (m_current.versionMinor == 1 && !expectations.isEmpty()) {
        for (const QByteArray &e : expectations) {
            if (e != "100-continue") {
                reject(417, QStringLiteral("the only expectation supported is 'Expect: 100-continue'"));
                return;
            }
        }
        m_expectContinue = true;
    }
    const QList<QByteArray> connection = listElements(m_current.headerValues("connection"));
    m_current.keepAlive
        = !connection.contains("close") && (m_current.versionMinor == 1 || connection.contains("keep-alive"));

    if (chunked) {
        m_state = State::ChunkSize;
    } else if (length > 0) {
        m_state = State::Body;
        m_bodyRemaining = length;
        m_current.body.reserve(length);
    } else {
        requestComplete();
        return;
    }
    m_wantsContinue = m_expectContinue;
}

void HttpRequestParser::chunkSizeLineComplete(QByteArrayView content)
{
    qsizetype digits = 0;
    qint64 size = 0;
    for (; digits < content.size() && isHexDigit(content[digits]); ++digits) {
        const char c = content[digits];
        const int value = isDigit(c) ? c - '0' : (c | 0x20) - 'a' + 10;
        size = size * 16 + value;
        // Checked per digit, so no chunk size can overflow.
        if (m_bodyTotal + size > m_limits.maxBodyBytes) {
            reject(413,
                   QStringLiteral("the request body is larger than the limit of %1 bytes")
                       .arg(m_limits.maxBodyBytes));
            return;
        }
    }
    if (digits == 0) {
        reject(400, QStringLiteral("a chunk size is not a hexadecimal number"));
        return;
    }
    if (!isValidChunkExtension(content.sliced(digits))) {
        reject(400, QStringLiteral("a chunk size is followed by something that is not a chunk extension"));
        return;
    }
    if (size == 0) {
        m_state = State::Trailers;
        return;
    }
    m_bodyRemaining = size;
    m_state = State::ChunkData;
}

qsizetype HttpRequestParser::readBody(QByteArrayView bytes, qsizetype at)
{
    const qint64 take = qMin<qint64>(m_bodyRemaining, bytes.size() - at);
    m_current.body.append(bytes.sliced(at, take));
    m_bodyRemaining -= take;
    m_wantsContinue = false; // the client did not wait for it
    if (m_bodyRemaining == 0)
        requestComplete();
    return at + take;
}

qsizetype HttpRequestParser::readChunkData(QByteArrayView bytes, qsizetype at)
{
    const qint64 take = qMin<qint64>(m_bodyRemaining, bytes.size() - at);
    m_current.body.append(bytes.sliced(at, take));
    m_bodyRemaining -= take;
    m_bodyTotal += take;
    m_wantsContinue = false;
    if (m_bodyRemaining == 0) {
        m_state = State::ChunkDataEnd;
        m_chunkCrlf = 0;
    }
    return at + take;
}

qsizetype HttpRequestParser::readChunkDataEnd(QByteArrayView bytes, qsizetype at)
{
    while (at < bytes.size() && m_chunkCrlf < 2) {
        if (bytes[at] != "\r\n"[m_chunkCrlf]) {
            reject(400, QStringLiteral("a chunk's data is not followed by CRLF"));
            return bytes.size();
        }
        ++at;
        ++m_chunkCrlf;
    }
    if (m_chunkCrlf == 2)
        m_state = State::ChunkSize;
    return at;
}

void HttpRequestParser::requestComplete()
{
    const bool keepAlive = m_current.keepAlive;
    m_ready.append(std::exchange(m_current, HttpRequest()));
    m_line.clear();
    m_skippedEmptyLine = false;
    m_methodDone = false;
    m_headerBytes = 0;
    m_headerCount = 0;
    m_bodyRemaining = 0;
    m_bodyTotal = 0;
    m_expectContinue = false;
    m_wantsContinue = false;
    // Whatever follows a request that closes the connection is not read.
    m_state = keepAlive ? State::RequestLine : State::Closed;
}

} // namespace fvpn
