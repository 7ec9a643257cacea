#include "HttpCompression.h"

#include "HttpSyntax.h"

#include <QList>

#include <zlib.h>

namespace fvpn::HttpCompression {

using namespace HttpSyntax;

namespace {

// qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] ), in thousandths.
int parseQValue(QByteArrayView text)
{
    if (text.isEmpty() || text.size() > 5 || (text[0] != '0' && text[0] != '1'))
        return -1;
    if (text.size() == 1)
        return text[0] == '1' ? 1000 : 0;
    if (text[1] != '.')
        return -1;
    int value = text[0] == '1' ? 1000 : 0;
    int scale = 100;
    for (char c : text.sliced(2)) {
        if (!isDigit(c) || (text[0] == '1' && c != '0'))
            return -1;
        value += (c - '0') * scale;
        scale /= 10;
    }
    return value;
}

} // namespace

Coding negotiate(QByteArrayView acceptEncoding, bool hasHeader)
{
    if (!hasHeader)
        return Coding::Identity;
    int gzipQ = -1;
    int identityQ = -1;
    int anyQ = -1;
    for (const QByteArray &element : acceptEncoding.toByteArray().split(',')) {
        const QList<QByteArray> parts = element.split(';');
        const QByteArray coding = trimOws(parts.first()).toByteArray().toLower();
        if (coding.isEmpty() || !isToken(coding))
            continue;
        int q = 1000;
        bool valid = true;
        for (qsizetype i = 1; i < parts.size() && valid; ++i) {
            const QByteArrayView param = trimOws(parts[i]);
            const qsizetype equals = param.indexOf('=');
            if (equals <= 0) {
                valid = false;
                break;
            }
            if (trimOws(param.first(equals)).compare("q", Qt::CaseInsensitive) == 0) {
                q = parseQValue(trimOws(param.sliced(equals + 1)));
                valid = q >= 0;
            }
        }
        if (!valid)
            continue;
        if (coding == "gzip" || coding == "x-gzip")
            gzipQ = q;
        else if (coding == "identity")
            identityQ = q;
        else if (coding == "*")
            anyQ = q;
    }
    if (gzipQ < 0)
        gzipQ = anyQ < 0 ? 0 : anyQ;
    // Identity is acceptable unless refused by name or by "*;q=0" (RFC 9110
    // §12.5.3); when the client names neither, it is the fallback, below any
    // coding the client lists.
    const bool identityByDefault = identityQ < 0 && anyQ < 0;
    if (identityQ < 0)
        identityQ = anyQ < 0 ? 1000 : anyQ;
    if (gzipQ > 0 && (identityByDefault || gzipQ >= identityQ))
        return Coding::Gzip;
    if (identityQ > 0)
        return Coding::Identity;
    return gzipQ > 0 ? Coding::Gzip : Coding::NotAcceptable;
}

QByteArray gzip(QByteArrayView data, int level)
{
    z_stream stream {};
    // 15 window bits + 16: a gzip header and trailer instead of zlib's.
    if (deflateInit2(&stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return {};
    QByteArray out(qsizetype(deflateBound(&stream, uLong(data.size()))), Qt::Uninitialized);
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.data()));
    stream.avail_in = uInt(data.size());
    stream.next_out = reinterpret_cast<Bytef *>(out.data());
    stream.avail_out = uInt(out.size());
    const int result = deflate(&stream, Z_FINISH);
    const qsizetype produced = qsizetype(stream.total_out);
    deflateEnd(&stream);
    if (result != Z_STREAM_END)
        return {};
    out.truncate(produced);
    return out;
}

QByteArray gunzip(QByteArrayView data, bool *ok, qsizetype maxSize)
{
    if (ok)
        *ok = false;
    z_stream stream {};
    if (inflateInit2(&stream, 15 + 16) != Z_OK)
        return {};
    QByteArray out;
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.data()));
    stream.avail_in = uInt(data.size());
    int result = Z_OK;
    char buffer[16 * 1024];
    while (result == Z_OK) {
        stream.next_out = reinterpret_cast<Bytef *>(buffer);
        stream.avail_out = sizeof buffer;
        result = inflate(&stream, Z_NO_FLUSH);
        if (result != Z_OK && result != Z_STREAM_END)
            break;
        out.append(buffer, qsizetype(sizeof buffer - stream.avail_out));
        if (out.size() > maxSize) {
            result = Z_MEM_ERROR;
            break;
        }
        if (result == Z_OK && stream.avail_in == 0 && stream.avail_out != 0)
            break; // truncated input
    }
    inflateEnd(&stream);
    if (result != Z_STREAM_END || stream.avail_in != 0)
        return {};
    if (ok)
        *ok = true;
    return out;
}

} // namespace fvpn::HttpCompression
