#pragma once

// What tst_httprequestparser and tst_httprequestframing share: small parser
// limits, a stream parsed whole or fed in pieces (taking requests as they
// complete, as a connection does), and the split-invariance property every
// table row is checked against: whole, split once at every offset, and a byte
// at a time, the requests and the rejection agree.

#include "HttpRequestParser.h"

#include <QtTest>

namespace fvpn::testing {

struct Outcome
{
    QList<HttpRequest> requests;
    int status = 0;
    QString message;
    bool closed = false;
};

inline Outcome drain(HttpRequestParser &parser)
{
    Outcome o;
    while (parser.hasRequest())
        o.requests.append(parser.takeRequest());
    o.status = parser.rejection().status;
    o.message = parser.rejection().message;
    o.closed = parser.isClosed();
    return o;
}

inline HttpParserLimits smallLimits()
{
    HttpParserLimits l;
    l.maxRequestLineBytes = 256;
    l.maxHeaderBytes = 1024;
    l.maxHeaderCount = 10;
    l.maxBodyBytes = 100;
    l.maxChunkLineBytes = 64;
    return l;
}

inline Outcome parse(const QByteArray &stream, HttpParserLimits limits = smallLimits())
{
    HttpRequestParser parser(limits);
    parser.feed(stream);
    return drain(parser);
}

// Fed in pieces, taking requests as they complete (as a connection does).
inline Outcome parsePieces(const QByteArray &stream, const QList<qsizetype> &cuts,
                           HttpParserLimits limits = smallLimits())
{
    HttpRequestParser parser(limits);
    Outcome o;
    qsizetype from = 0;
    QList<qsizetype> ends = cuts;
    ends.append(stream.size());
    for (qsizetype end : ends) {
        parser.feed(QByteArrayView(stream).sliced(from, end - from));
        while (parser.hasRequest())
            o.requests.append(parser.takeRequest());
        from = end;
    }
    o.status = parser.rejection().status;
    o.message = parser.rejection().message;
    o.closed = parser.isClosed();
    return o;
}

inline bool sameRequest(const HttpRequest &a, const HttpRequest &b)
{
    return a.method == b.method && a.target == b.target && a.path == b.path && a.query == b.query
        && a.versionMinor == b.versionMinor && a.headers == b.headers && a.body == b.body
        && a.keepAlive == b.keepAlive;
}

inline QString describe(const Outcome &o)
{
    QString s
        = QStringLiteral("%1 requests, status %2 (%3)").arg(o.requests.size()).arg(o.status).arg(o.message);
    for (const HttpRequest &r : o.requests)
        s += QStringLiteral(" | %1 %2 body=%3")
                 .arg(QString::fromLatin1(r.method), QString::fromLatin1(r.target),
                      QString::fromLatin1(r.body.toHex()));
    return s;
}

inline bool sameOutcome(const Outcome &a, const Outcome &b)
{
    if (a.requests.size() != b.requests.size() || a.status != b.status || a.message != b.message
        || a.closed != b.closed)
        return false;
    for (qsizetype i = 0; i < a.requests.size(); ++i) {
        if (!sameRequest(a.requests[i], b.requests[i]))
            return false;
    }
    return true;
}

// The property: whole, split once at every offset, and a byte at a time agree.
inline void checkSplits(const QByteArray &stream, const HttpParserLimits &limits = smallLimits())
{
    const Outcome whole = parse(stream, limits);
    for (qsizetype cut = 0; cut <= stream.size(); ++cut) {
        const Outcome split = parsePieces(stream, { cut }, limits);
        QVERIFY2(
            sameOutcome(whole, split),
            qPrintable(
                QStringLiteral("cut at %1: %2 vs whole %3").arg(cut).arg(describe(split), describe(whole))));
    }
    QList<qsizetype> everyByte;
    for (qsizetype i = 1; i < stream.size(); ++i)
        everyByte.append(i);
    const Outcome bytewise = parsePieces(stream, everyByte, limits);
    QVERIFY2(sameOutcome(whole, bytewise), qPrintable(describe(bytewise) + u" vs " + describe(whole)));
}

inline const QByteArray H = "Host: hub\r\n";

// A literal with its embedded NULs.
template<size_t N> QByteArray bytes(const char (&text)[N])
{
    return QByteArray(text, qsizetype(N - 1));
}

} // namespace fvpn::testing
