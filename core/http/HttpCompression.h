#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace fvpn::HttpCompression {

enum class Coding
{
    Identity,
    Gzip,
    NotAcceptable, // the client refused identity and everything we have (406)
};

// Picks the content coding for an answer from the request's Accept-Encoding
// (RFC 9110 §12.5.3), q-values honoured: no header -> identity; "gzip" or
// "gzip;q=0.5" -> gzip; "gzip;q=0.5, identity" -> identity; "identity;q=0" or
// "*;q=0" refuse identity; a malformed element is ignored. Gzip wins a tie.
// `hasHeader` tells an absent header from an empty one (which allows identity only).
Coding negotiate(QByteArrayView acceptEncoding, bool hasHeader = true);

// A gzip member (RFC 1952) of `data`, made with zlib.
QByteArray gzip(QByteArrayView data, int level = 6);
// The inverse, for tests and clients; empty with `ok` false when not gzip.
QByteArray gunzip(QByteArrayView data, bool *ok = nullptr, qsizetype maxSize = 64 * 1024 * 1024);

} // namespace fvpn::HttpCompression
