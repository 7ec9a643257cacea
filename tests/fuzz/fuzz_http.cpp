// The hub's HTTP/1.1 request parser (core/http), which alone decides what a
// request is: no crash; the same stream cut at any points gives the same requests
// and the same verdict (where a stream is split must never change its meaning:
// that disagreement is what request smuggling lives on); every request it hands
// over is well-formed; every refusal is one of the statuses it documents.
#include "FuzzCheck.h"
#include "HttpRequestParser.h"

#include <QList>

using namespace fvpn;

namespace {

struct Outcome
{
    QList<HttpRequest> requests;
    int rejected = 0;
    bool closed = false;
};

Outcome run(const QByteArray &stream, const QList<qsizetype> &cuts)
{
    HttpParserLimits limits;
    // Small limits, so the fuzzer reaches them with short inputs.
    limits.maxRequestLineBytes = 256;
    limits.maxHeaderBytes = 512;
    limits.maxHeaderCount = 8;
    limits.maxBodyBytes = 300;
    limits.maxChunkLineBytes = 32;
    HttpRequestParser parser(limits);
    Outcome outcome;
    qsizetype at = 0;
    for (qsizetype cut : cuts) {
        parser.feed(QByteArrayView(stream).sliced(at, cut - at));
        at = cut;
        while (parser.hasRequest())
            outcome.requests.append(parser.takeRequest());
    }
    parser.feed(QByteArrayView(stream).sliced(at));
    while (parser.hasRequest())
        outcome.requests.append(parser.takeRequest());
    outcome.rejected = parser.rejection().status;
    outcome.closed = parser.isClosed();
    return outcome;
}

bool same(const HttpRequest &a, const HttpRequest &b)
{
    return a.method == b.method && a.target == b.target && a.path == b.path && a.query == b.query
        && a.versionMinor == b.versionMinor && a.headers == b.headers && a.body == b.body
        && a.keepAlive == b.keepAlive;
}

bool isTokenChar(char c)
{
    static const QByteArray extra("!#$%&'*+-.^_`|~");
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || extra.contains(c);
}

bool isToken(const QByteArray &text)
{
    if (text.isEmpty())
        return false;
    for (char c : text) {
        if (!isTokenChar(c))
            return false;
    }
    return true;
}

void checkWellFormed(const HttpRequest &r)
{
    FUZZ_CHECK(isToken(r.method), "a method that is not a token");
    FUZZ_CHECK(!r.target.isEmpty(), "an empty target");
    FUZZ_CHECK(r.versionMinor == 0 || r.versionMinor == 1, "a version other than 1.0 and 1.1");
    FUZZ_CHECK(r.body.size() <= 300, "a body past the limit");
    for (const auto &[name, value] : r.headers) {
        FUZZ_CHECK(isToken(name), "a field name that is not a token");
        FUZZ_CHECK(name == name.toLower(), "a field name not lower-cased");
        for (char c : value)
            FUZZ_CHECK(c != '\r' && c != '\n' && c != '\0', "CR, LF or NUL in a field value");
        FUZZ_CHECK(!value.startsWith(' ') && !value.startsWith('\t') && !value.endsWith(' ')
                       && !value.endsWith('\t'),
                   "optional whitespace left around a value");
    }
    // One framing only: a request with both would have been refused.
    FUZZ_CHECK(!(r.hasHeader("transfer-encoding") && r.hasHeader("content-length")),
               "both Transfer-Encoding and Content-Length accepted");
    // Content-Length repeated with one value is allowed (RFC 9110 §8.6); differing ones never.
    const QList<QByteArray> lengths = r.headerValues("content-length");
    for (const QByteArray &length : lengths)
        FUZZ_CHECK(length == lengths.constFirst(), "differing Content-Length values accepted");
    if (!lengths.isEmpty())
        FUZZ_CHECK(lengths.constFirst().toLongLong() == r.body.size(),
                   "a body that is not Content-Length long");
    if (r.versionMinor == 1)
        FUZZ_CHECK(r.headerValues("host").size() == 1, "an HTTP/1.1 request without exactly one Host");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input = fuzz::bytes(data, size);
    const Outcome whole = run(input, {});
    // Cut points taken from the input itself, so each input always cuts the same way.
    QList<qsizetype> cuts;
    quint32 seed = 2166136261u;
    for (char c : input)
        seed = (seed ^ quint8(c)) * 16777619u;
    for (qsizetype at = 0; input.size() > 1 && cuts.size() < 16;) {
        seed = seed * 1103515245u + 12345u;
        at += 1 + qsizetype(seed % quint32(qMax<qsizetype>(1, input.size() / 4)));
        if (at >= input.size())
            break;
        cuts.append(at);
    }
    QList<qsizetype> everyByte;
    if (input.size() <= 512) {
        for (qsizetype i = 1; i < input.size(); ++i)
            everyByte.append(i);
    }
    for (const QList<qsizetype> &split : { cuts, everyByte }) {
        const Outcome parts = run(input, split);
        FUZZ_CHECK(parts.rejected == whole.rejected, "the verdict depends on where the stream was cut");
        FUZZ_CHECK(parts.closed == whole.closed, "closing depends on where the stream was cut");
        FUZZ_CHECK(parts.requests.size() == whole.requests.size(),
                   "the number of requests depends on where the stream was cut");
        for (qsizetype i = 0; i < whole.requests.size(); ++i)
            FUZZ_CHECK(same(parts.requests.at(i), whole.requests.at(i)),
                       "a request depends on where the stream was cut");
    }
    static const QList<int> documented { 0, 400, 413, 414, 417, 431, 501, 505 };
    FUZZ_CHECK(documented.contains(whole.rejected), "a refusal with an undocumented status");
    for (const HttpRequest &r : whole.requests)
        checkWellFormed(r);
    return 0;
}
