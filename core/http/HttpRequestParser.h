#pragma once

#include "HttpRequest.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

namespace fvpn {

struct HttpParserLimits
{
    qsizetype maxRequestLineBytes = 8 * 1024; // "GET /path HTTP/1.1\r\n": 414 (400 without a target)
    qsizetype maxHeaderBytes = 16 * 1024; // the header fields and the empty line after them: 431
    int maxHeaderCount = 100; // 431
    qint64 maxBodyBytes = 64 * 1024; // decoded body: 413, from Content-Length before any of it arrives
    qsizetype maxChunkLineBytes = 1024; // a chunk's size and extensions: 400
};

struct HttpRejection
{
    int status = 0; // 0 while not rejected
    QString message; // for the client; never echoes more than a short, checked token
};

// Decides what the requests in an HTTP/1.1 byte stream are, and nothing else does:
// RFC 9112 strictly, with limits decided from the headers before any body is
// buffered. Pure and incremental: feed the bytes as they come, in any split, and
// take the complete requests; the result never depends on where the stream was
// cut. The first malformed byte rejects the stream for good (status + message):
// nothing behind it is ever a request. See docs/hub-internals.md §HTTP for every
// rule and why.
class HttpRequestParser
{
public:
    explicit HttpRequestParser(HttpParserLimits limits = HttpParserLimits());

    // Parses `bytes` after whatever came before. Does nothing once rejected, or
    // once a request asked to close the connection (the bytes after it are not
    // requests of this connection).
    void feed(QByteArrayView bytes);

    bool hasRequest() const { return !m_ready.isEmpty(); }
    qsizetype readyCount() const { return m_ready.size(); }
    HttpRequest takeRequest();

    bool isRejected() const { return m_rejection.status != 0; }
    const HttpRejection &rejection() const { return m_rejection; }

    // Bytes of a request that is not complete yet have been seen.
    bool inRequest() const;
    // A request that ended the connection (Connection: close, HTTP/1.0) is complete.
    bool isClosed() const { return m_state == State::Closed; }
    // The request being received asked "Expect: 100-continue", its headers passed
    // every limit and none of its body has arrived: the server may send
    // "100 Continue" (once; continueSent() records it).
    bool wantsContinue() const { return m_wantsContinue; }
    void continueSent() { m_wantsContinue = false; }

    const HttpParserLimits &limits() const { return m_limits; }

private:
    enum class State
    {
        RequestLine,
        Headers,
        Body,
        ChunkSize,
        ChunkData,
        ChunkDataEnd,
        Trailers,
        Closed,
        Rejected,
    };

    qsizetype readRequestLine(QByteArrayView bytes, qsizetype at);
    qsizetype readLine(QByteArrayView bytes, qsizetype at);
    qsizetype readBody(QByteArrayView bytes, qsizetype at);
    qsizetype readChunkData(QByteArrayView bytes, qsizetype at);
    qsizetype readChunkDataEnd(QByteArrayView bytes, qsizetype at);

    void requestLineComplete();
    void lineComplete();
    void fieldLineComplete(QByteArrayView content);
    void trailerLineComplete(QByteArrayView content);
    void chunkSizeLineComplete(QByteArrayView content);
    void headersComplete();
    bool decideFraming(bool *chunked, qint64 *length);
    void requestComplete();
    void lineTooLong();
    void reject(int status, QString message);

    HttpParserLimits m_limits;
    State m_state = State::RequestLine;
    HttpRejection m_rejection;
    QList<HttpRequest> m_ready;

    // The request being received.
    HttpRequest m_current;
    QByteArray m_line; // the line being received, with its CRLF once complete
    bool m_skippedEmptyLine = false;
    bool m_methodDone = false; // a SP was seen on the request line
    qsizetype m_headerBytes = 0;
    int m_headerCount = 0;
    qint64 m_bodyRemaining = 0; // Content-Length body, or the current chunk
    qint64 m_bodyTotal = 0; // chunked: decoded so far
    int m_chunkCrlf = 0; // bytes of the CRLF after a chunk's data seen
    bool m_expectContinue = false;
    bool m_wantsContinue = false;
};

} // namespace fvpn
