#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QPair>

namespace fvpn {

// One request as HttpRequestParser decided it: everything in it has been checked
// against RFC 9112, so whoever reads it never has to second-guess the framing.
struct HttpRequest
{
    QByteArray method; // a token, case as sent ("GET")
    QByteArray target; // origin-form as sent: path and query, still percent-encoded
    QByteArray path; // the target up to '?'
    QByteArray query; // after '?', without it; empty when there is none
    int versionMinor = 1; // HTTP/1.<versionMinor>: 0 or 1
    // In the order received; names lower-cased, values with the optional
    // whitespace (SP/HTAB) around them removed.
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body; // decoded (chunked framing removed)
    bool keepAlive = true; // the connection may carry another request after this one

    // The first value of a header (name in any case), or an empty array.
    QByteArray header(QByteArrayView name) const;
    bool hasHeader(QByteArrayView name) const;
    // Every value of a header, in order.
    QList<QByteArray> headerValues(QByteArrayView name) const;
};

} // namespace fvpn
