// HttpRequestParser: RFC 9112 as the one decider of what a request is. The
// tables of accepted and refused streams (request line, header fields, Host,
// Content-Length, Transfer-Encoding, chunked bodies), the fields of a parsed
// request and keep-alive. Every table row is also fed split at every byte offset
// and a byte at a time: the requests and the rejection must never depend on how
// TCP cut the stream. Smuggling, exact limits, the parser's state between feeds
// and random damage are tst_httprequestframing's.
#include "HttpParserFixture.h"

using namespace fvpn;
using namespace fvpn::testing;

class TestHttpRequestParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void accepts_data()
    {
        QTest::addColumn<QByteArray>("stream");
        QTest::addColumn<int>("requests");
        QTest::newRow("GET") << QByteArray("GET /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n") << 1;
        QTest::newRow("empty Host") << QByteArray("GET / HTTP/1.1\r\nHost:\r\n\r\n") << 1;
        QTest::newRow("host with port")
            << QByteArray("GET / HTTP/1.1\r\nHost: hub.example.com:8443\r\n\r\n") << 1;
        QTest::newRow("IPv6 host") << QByteArray("GET / HTTP/1.1\r\nHost: [::1]:8444\r\n\r\n") << 1;
        QTest::newRow("HTTP/1.0 without Host") << QByteArray("GET / HTTP/1.0\r\n\r\n") << 1;
        QTest::newRow("query") << QByteArray("GET /a/b?x=1&y=%20z HTTP/1.1\r\n" + H + "\r\n") << 1;
        QTest::newRow("POST with body")
            << QByteArray("POST /a HTTP/1.1\r\n" + H + "Content-Length: 5\r\n\r\nhello") << 1;
        QTest::newRow("body at the limit")
            << QByteArray("POST /a HTTP/1.1\r\n" + H + "Content-Length: 100\r\n\r\n" + QByteArray(100, 'x'))
            << 1;
        QTest::newRow("leading zeros in length")
            << QByteArray("POST /a HTTP/1.1\r\n" + H + "Content-Length: 0005\r\n\r\nhello") << 1;
        QTest::newRow("zero length") << QByteArray("POST /a HTTP/1.1\r\n" + H + "Content-Length: 0\r\n\r\n")
                                     << 1;
        QTest::newRow("same length twice")
            << QByteArray("POST /a HTTP/1.1\r\n" + H + "Content-Length: 1\r\nContent-Length: 1\r\n\r\nx")
            << 1;
        QTest::newRow("pipelined") << QByteArray(
            "POST /a HTTP/1.1\r\n" + H + "content-length: 2\r\n\r\nhiGET /b HTTP/1.1\r\n" + H + "\r\n")
                                   << 2;
        QTest::newRow("one leading empty line") << QByteArray("\r\nGET / HTTP/1.1\r\n" + H + "\r\n") << 1;
        QTest::newRow("one empty line between")
            << QByteArray("GET / HTTP/1.1\r\n" + H + "\r\n\r\nGET / HTTP/1.1\r\n" + H + "\r\n") << 2;
        QTest::newRow("chunked") << QByteArray(
            "POST /a HTTP/1.1\r\n" + H
            + "Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n")
                                 << 1;
        QTest::newRow("chunked, case and OWS") << QByteArray(
            "POST /a HTTP/1.1\r\n" + H + "transfer-encoding:\t Chunked \r\n\r\nA\r\n0123456789\r\n0\r\n\r\n")
                                               << 1;
        QTest::newRow("chunked with extensions and trailers")
            << QByteArray("POST /a HTTP/1.1\r\n" + H
                          + "Transfer-Encoding: chunked\r\n\r\n5;a=b ; c=\"q\\\"x\"\r\nhello\r\n0;last\r\n"
                            "X-Trailer: t\r\n\r\n")
            << 1;
        QTest::newRow("chunked, leading zeros") << QByteArray(
            "POST /a HTTP/1.1\r\n" + H + "Transfer-Encoding: chunked\r\n\r\n005\r\nhello\r\n000\r\n\r\n")
                                                << 1;
        QTest::newRow("obs-text in value")
            << QByteArray("GET / HTTP/1.1\r\n" + H + "X-Name: J\xc3\xb6rg\r\n\r\n") << 1;
        QTest::newRow("empty value") << QByteArray("GET / HTTP/1.1\r\n" + H + "X-Empty:\r\n\r\n") << 1;
        QTest::newRow("Expect 100-continue")
            << QByteArray("POST /a HTTP/1.1\r\n" + H + "Expect: 100-Continue\r\nContent-Length: 2\r\n\r\nhi")
            << 1;
        QTest::newRow("Expect on HTTP/1.0 ignored")
            << QByteArray("GET / HTTP/1.0\r\nExpect: nonsense\r\n\r\n") << 1;
        QTest::newRow("Connection: close")
            << QByteArray("GET / HTTP/1.1\r\n" + H + "Connection: close\r\n\r\n") << 1;
        QTest::newRow("odd but valid method") << QByteArray("M-SEARCH /x HTTP/1.1\r\n" + H + "\r\n") << 1;
        QTest::newRow("pct and sub-delims in path")
            << QByteArray("GET /a%2Fb/c;d=e/@x:y/!$&'()*+,;= HTTP/1.1\r\n" + H + "\r\n") << 1;
    }
    void accepts()
    {
        QFETCH(QByteArray, stream);
        QFETCH(int, requests);
        const Outcome o = parse(stream);
        QVERIFY2(o.status == 0, qPrintable(o.message));
        QCOMPARE(o.requests.size(), requests);
        checkSplits(stream);
    }

    void requestFields()
    {
        const Outcome o
            = parse("POST /api/v1/x%20y?a=1&b HTTP/1.1\r\nHost:  hub:8444 \r\nX-Multi: one\r\n"
                    "x-multi:\ttwo\t\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}");
        QCOMPARE(o.requests.size(), 1);
        const HttpRequest &r = o.requests.first();
        QCOMPARE(r.method, QByteArray("POST"));
        QCOMPARE(r.target, QByteArray("/api/v1/x%20y?a=1&b"));
        QCOMPARE(r.path, QByteArray("/api/v1/x%20y"));
        QCOMPARE(r.query, QByteArray("a=1&b"));
        QCOMPARE(r.versionMinor, 1);
        QCOMPARE(r.header("HOST"), QByteArray("hub:8444"));
        QCOMPARE(r.headerValues("X-Multi"), (QList<QByteArray> { "one", "two" }));
        QCOMPARE(r.headers.at(1).first, QByteArray("x-multi"));
        QCOMPARE(r.body, QByteArray("{}"));
        QVERIFY(r.keepAlive);

        const Outcome chunked
            = parse("POST /c HTTP/1.1\r\n" + H
                    + "Transfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2;x=y\r\nde\r\n0\r\nT: v\r\n\r\n");
        QCOMPARE(chunked.requests.size(), 1);
        QCOMPARE(chunked.requests.first().body, QByteArray("abcde"));
        // Trailers are checked and discarded, never merged into the headers.
        QVERIFY(!chunked.requests.first().hasHeader("t"));
    }

    void keepAlive_data()
    {
        QTest::addColumn<QByteArray>("stream");
        QTest::addColumn<bool>("keepAlive");
        QTest::newRow("HTTP/1.1 default") << QByteArray("GET / HTTP/1.1\r\n" + H + "\r\n") << true;
        QTest::newRow("close") << QByteArray("GET / HTTP/1.1\r\n" + H + "Connection: close\r\n\r\n") << false;
        QTest::newRow("close, any case, in a list")
            << QByteArray("GET / HTTP/1.1\r\n" + H + "Connection: keep-alive, CLOSE\r\n\r\n") << false;
        QTest::newRow("HTTP/1.0 default") << QByteArray("GET / HTTP/1.0\r\n\r\n") << false;
        QTest::newRow("HTTP/1.0 keep-alive")
            << QByteArray("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n") << true;
    }
    void keepAlive()
    {
        QFETCH(QByteArray, stream);
        QFETCH(bool, keepAlive);
        const Outcome o = parse(stream);
        QCOMPARE(o.requests.size(), 1);
        QCOMPARE(o.requests.first().keepAlive, keepAlive);
        QCOMPARE(o.closed, !keepAlive);
    }

    void nothingIsReadAfterClose()
    {
        // A request that closes the connection ends the stream: what follows,
        // valid or not, is not a request of this connection.
        const Outcome o = parse("GET /a HTTP/1.1\r\n" + H + "Connection: close\r\n\r\nGET /b HTTP/1.1\r\n" + H
                                + "\r\n\x01\x02garbage");
        QCOMPARE(o.requests.size(), 1);
        QCOMPARE(o.status, 0);
        QVERIFY(o.closed);
        checkSplits("GET /a HTTP/1.0\r\n\r\nGET /b HTTP/1.1\r\n" + H + "\r\n");
    }

    void rejects_data()
    {
        QTest::addColumn<QByteArray>("stream");
        QTest::addColumn<int>("status");
        const QByteArray post = "POST /a HTTP/1.1\r\n" + H;
        // --- request line
        QTest::newRow("HTTP/1.10") << QByteArray("GET / HTTP/1.10\r\n" + H + "\r\n") << 400;
        QTest::newRow("HTTP/1.1x") << QByteArray("GET / HTTP/1.1x\r\n" + H + "\r\n") << 400;
        QTest::newRow("HTTP/01.1") << QByteArray("GET / HTTP/01.1\r\n" + H + "\r\n") << 400;
        QTest::newRow("lower-case http") << QByteArray("GET / http/1.1\r\n" + H + "\r\n") << 400;
        QTest::newRow("no version") << QByteArray("GET /\r\n\r\n") << 400;
        QTest::newRow("HTTP/2.0") << QByteArray("GET / HTTP/2.0\r\n" + H + "\r\n") << 505;
        QTest::newRow("HTTP/1.2") << QByteArray("GET / HTTP/1.2\r\n" + H + "\r\n") << 505;
        QTest::newRow("HTTP/0.9") << QByteArray("GET / HTTP/0.9\r\n\r\n") << 505;
        QTest::newRow("HTTP/3.0") << QByteArray("GET / HTTP/3.0\r\n\r\n") << 505;
        QTest::newRow("two spaces") << QByteArray("GET  / HTTP/1.1\r\n" + H + "\r\n") << 400;
        QTest::newRow("tab separator") << QByteArray("GET\t/ HTTP/1.1\r\n" + H + "\r\n") << 400;
        QTest::newRow("trailing space") << QByteArray("GET / HTTP/1.1 \r\n" + H + "\r\n") << 400;
        QTest::newRow("leading space") << QByteArray(" GET / HTTP/1.1\r\n" + H + "\r\n") << 400;
        QTest::newRow("method not a token") << QByteArray("G{T / HTTP/1.1\r\n" + H + "\r\n") << 400;
        QTest::newRow("NUL in method") << bytes("GE\0T / HTTP/1.1\r\n\r\n") << 400;
        QTest::newRow("absolute URL") << QByteArray("GET http://x/ HTTP/1.1\r\n" + H + "\r\n") << 400;
        QTest::newRow("asterisk") << QByteArray("OPTIONS * HTTP/1.1\r\n" + H + "\r\n") << 400;
        QTest::newRow("authority form") << QByteArray("CONNECT hub:443 HTTP/1.1\r\n" + H + "\r\n") << 400;
        QTest::newRow("fragment") << QByteArray("GET /a#b HTTP/1.1\r\n" + H + "\r\n") << 400;
        QTest::newRow("bad percent") << QByteArray("GET /a%zz HTTP/1.1\r\n" + H + "\r\n") << 400;
        QTest::newRow("truncated percent") << QByteArray("GET /a% HTTP/1.1\r\n" + H + "\r\n") << 400;
        QTest::newRow("non-ASCII target") << QByteArray("GET /\xc3\xa4 HTTP/1.1\r\n" + H + "\r\n") << 400;
        QTest::newRow("backslash") << QByteArray("GET /a\\b HTTP/1.1\r\n" + H + "\r\n") << 400;
        QTest::newRow("NUL in target") << bytes("GET /a\0b HTTP/1.1\r\n\r\n") << 400;
        QTest::newRow("TLS hello on the plain port")
            << bytes("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03") << 400;
        QTest::newRow("garbage line") << QByteArray("HELLO\r\n\r\n") << 400;
        QTest::newRow("two leading empty lines")
            << QByteArray("\r\n\r\nGET / HTTP/1.1\r\n" + H + "\r\n") << 400;
        QTest::newRow("bare LF request line") << QByteArray("GET / HTTP/1.1\n" + H + "\r\n") << 400;
        QTest::newRow("bare LF header") << QByteArray("GET / HTTP/1.1\r\nHost: x\n\r\n") << 400;
        QTest::newRow("bare LF end") << QByteArray("GET / HTTP/1.1\r\nHost: x\r\n\n") << 400;
        QTest::newRow("bare CR request line") << QByteArray("GET / HTTP/1.1\rX\r\n" + H + "\r\n") << 400;
        QTest::newRow("long target") << QByteArray("GET /" + QByteArray(300, 'a') + " HTTP/1.1\r\n" + H
                                                   + "\r\n")
                                     << 414;
        QTest::newRow("endless method") << QByteArray(2000, 'G') << 400;
        // --- header fields
        QTest::newRow("space before colon") << QByteArray(post + "Content-Length : 5\r\n\r\nhello") << 400;
        QTest::newRow("tab before colon") << QByteArray(post + "Content-Length\t: 5\r\n\r\nhello") << 400;
        QTest::newRow("space in name") << QByteArray("GET / HTTP/1.1\r\n" + H + "X Y: z\r\n\r\n") << 400;
        QTest::newRow("slash in name") << QByteArray("GET / HTTP/1.1\r\n" + H + "X/Y: z\r\n\r\n") << 400;
        QTest::newRow("non-ASCII name")
            << QByteArray("GET / HTTP/1.1\r\n" + H + "X\xc3\xa4: z\r\n\r\n") << 400;
        QTest::newRow("NUL in name") << bytes("GET / HTTP/1.1\r\nHost: x\r\nA\0B: z\r\n\r\n") << 400;
        QTest::newRow("no colon") << QByteArray("GET / HTTP/1.1\r\n" + H + "nonsense\r\n\r\n") << 400;
        QTest::newRow("empty name") << QByteArray("GET / HTTP/1.1\r\n" + H + ": x\r\n\r\n") << 400;
        QTest::newRow("obs-fold") << QByteArray("GET / HTTP/1.1\r\n" + H + "X-A: one\r\n two\r\n\r\n") << 400;
        QTest::newRow("obs-fold tab")
            << QByteArray("GET / HTTP/1.1\r\n" + H + "X-A: one\r\n\ttwo\r\n\r\n") << 400;
        QTest::newRow("whitespace before first header")
            << QByteArray("GET / HTTP/1.1\r\n Host: x\r\n\r\n") << 400;
        QTest::newRow("NUL in value") << bytes("GET / HTTP/1.1\r\nHost: x\r\nX: a\0b\r\n\r\n") << 400;
        QTest::newRow("VT in value") << QByteArray("GET / HTTP/1.1\r\n" + H
                                                   + "Authorization: Bearer abc\v\r\n\r\n")
                                     << 400;
        QTest::newRow("FF in value") << QByteArray("GET / HTTP/1.1\r\n" + H
                                                   + "Authorization: Bearer abc\f\r\n\r\n")
                                     << 400;
        QTest::newRow("ESC in value") << QByteArray("GET / HTTP/1.1\r\n" + H + "X: \x1b[2J\r\n\r\n") << 400;
        QTest::newRow("DEL in value") << QByteArray("GET / HTTP/1.1\r\n" + H + "X: a\x7f\r\n\r\n") << 400;
        QTest::newRow("bare CR in value") << QByteArray("GET / HTTP/1.1\r\n" + H + "X: a\rb\r\n\r\n") << 400;
        QTest::newRow("CR before the end") << QByteArray("GET / HTTP/1.1\r\n" + H + "X: a\r\r\n\r\n") << 400;
        QTest::newRow("header line too long")
            << QByteArray("GET / HTTP/1.1\r\n" + H + "X: " + QByteArray(2000, 'a') + "\r\n\r\n") << 431;
        QTest::newRow("too many headers")
            << QByteArray("GET / HTTP/1.1\r\n" + H + QByteArray("A: b\r\n").repeated(10) + "\r\n") << 431;
        // --- Host
        QTest::newRow("HTTP/1.1 without Host") << QByteArray("GET / HTTP/1.1\r\n\r\n") << 400;
        QTest::newRow("two Hosts") << QByteArray("GET / HTTP/1.1\r\nHost: a\r\nHost: a\r\n\r\n") << 400;
        QTest::newRow("two Hosts in HTTP/1.0")
            << QByteArray("GET / HTTP/1.0\r\nHost: a\r\nhost: b\r\n\r\n") << 400;
        QTest::newRow("Host with path") << QByteArray("GET / HTTP/1.1\r\nHost: evil/../x\r\n\r\n") << 400;
        QTest::newRow("Host with userinfo") << QByteArray("GET / HTTP/1.1\r\nHost: user:pw@x\r\n\r\n") << 400;
        QTest::newRow("Host with space") << QByteArray("GET / HTTP/1.1\r\nHost: a b\r\n\r\n") << 400;
        QTest::newRow("Host with query") << QByteArray("GET / HTTP/1.1\r\nHost: a?b\r\n\r\n") << 400;
        QTest::newRow("Host, bad port") << QByteArray("GET / HTTP/1.1\r\nHost: a:8x\r\n\r\n") << 400;
        QTest::newRow("Host, unclosed bracket") << QByteArray("GET / HTTP/1.1\r\nHost: [::1\r\n\r\n") << 400;
        // --- Content-Length
        QTest::newRow("plus sign") << QByteArray(post + "Content-Length: +5\r\n\r\nhello") << 400;
        QTest::newRow("minus sign") << QByteArray(post + "Content-Length: -1\r\n\r\n") << 400;
        QTest::newRow("hex length") << QByteArray(post + "Content-Length: 0x5\r\n\r\nhello") << 400;
        QTest::newRow("exponent") << QByteArray(post + "Content-Length: 1e3\r\n\r\n") << 400;
        QTest::newRow("space inside") << QByteArray(post + "Content-Length: 1 0\r\n\r\n") << 400;
        QTest::newRow("list of lengths") << QByteArray(post + "Content-Length: 5, 5\r\n\r\nhello") << 400;
        QTest::newRow("empty length") << QByteArray(post + "Content-Length:\r\n\r\n") << 400;
        QTest::newRow("different lengths")
            << QByteArray(post + "Content-Length: 1\r\nContent-Length: 2\r\n\r\nxx") << 400;
        // One number, two texts: repeated, the text must be the same (fuzz_http found it).
        QTest::newRow("two texts of one length")
            << QByteArray(post + "Content-Length: 4\r\nContent-Length: 04\r\n\r\nabcd") << 400;
        QTest::newRow("overflowing length")
            << QByteArray(post + "Content-Length: 99999999999999999999999\r\n\r\n") << 400;
        QTest::newRow("length over the limit") << QByteArray(post + "Content-Length: 101\r\n\r\n") << 413;
        QTest::newRow("huge length") << QByteArray(post + "Content-Length: 999999999999\r\n\r\n") << 413;
        QTest::newRow("second request too big")
            << QByteArray("GET / HTTP/1.1\r\n" + H + "\r\n" + post + "Content-Length: 1000\r\n\r\n") << 413;
        // --- Transfer-Encoding
        QTest::newRow("CL.TE") << QByteArray(
            post + "Content-Length: 6\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nG")
                               << 400;
        QTest::newRow("TE.CL") << QByteArray(
            post + "Transfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n8\r\nSMUGGLED\r\n0\r\n\r\n")
                               << 400;
        QTest::newRow("chunked, identity")
            << QByteArray(post + "Transfer-Encoding: chunked, identity\r\n\r\n") << 400;
        QTest::newRow("chunked twice")
            << QByteArray(post + "Transfer-Encoding: chunked, chunked\r\n\r\n") << 400;
        QTest::newRow("chunked on two lines")
            << QByteArray(post + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n") << 400;
        QTest::newRow("gzip, chunked")
            << QByteArray(post + "Transfer-Encoding: gzip, chunked\r\n\r\n") << 501;
        QTest::newRow("identity") << QByteArray(post + "Transfer-Encoding: identity\r\n\r\n") << 501;
        QTest::newRow("xchunked") << QByteArray(post + "Transfer-Encoding: xchunked\r\n\r\n") << 501;
        QTest::newRow("chunked with parameter")
            << QByteArray(post + "Transfer-Encoding: chunked;q=1\r\n\r\n") << 501;
        QTest::newRow("quoted chunked") << QByteArray(post + "Transfer-Encoding: \"chunked\"\r\n\r\n") << 501;
        QTest::newRow("empty TE") << QByteArray(post + "Transfer-Encoding:\r\n\r\n") << 400;
        QTest::newRow("TE space before colon")
            << QByteArray(post + "Transfer-Encoding : chunked\r\n\r\n0\r\n\r\n") << 400;
        QTest::newRow("TE obs-fold") << QByteArray(post + "Transfer-Encoding:\r\n chunked\r\n\r\n0\r\n\r\n")
                                     << 400;
        QTest::newRow("TE vertical tab")
            << QByteArray(post + "Transfer-Encoding: \vchunked\r\n\r\n0\r\n\r\n") << 400;
        QTest::newRow("TE in HTTP/1.0")
            << QByteArray("POST /a HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n") << 400;
        // --- chunked bodies
        QTest::newRow("chunk size not hex")
            << QByteArray(post + "Transfer-Encoding: chunked\r\n\r\nz\r\n") << 400;
        QTest::newRow("chunk size 0x")
            << QByteArray(post + "Transfer-Encoding: chunked\r\n\r\n0x5\r\nhello\r\n0\r\n\r\n") << 400;
        QTest::newRow("chunk size with space")
            << QByteArray(post + "Transfer-Encoding: chunked\r\n\r\n5 \r\nhello\r\n0\r\n\r\n") << 400;
        QTest::newRow("chunk size negative")
            << QByteArray(post + "Transfer-Encoding: chunked\r\n\r\n-5\r\n") << 400;
        QTest::newRow("chunk data too long")
            << QByteArray(post + "Transfer-Encoding: chunked\r\n\r\n3\r\nhello\r\n0\r\n\r\n") << 400;
        QTest::newRow("chunk data bare LF")
            << QByteArray(post + "Transfer-Encoding: chunked\r\n\r\n5\r\nhello\n0\r\n\r\n") << 400;
        QTest::newRow("chunk line bare LF")
            << QByteArray(post + "Transfer-Encoding: chunked\r\n\r\n5\nhello\r\n0\r\n\r\n") << 400;
        QTest::newRow("bad chunk extension")
            << QByteArray(post + "Transfer-Encoding: chunked\r\n\r\n5;=x\r\nhello\r\n0\r\n\r\n") << 400;
        QTest::newRow("unterminated quoted extension")
            << QByteArray(post + "Transfer-Encoding: chunked\r\n\r\n5;a=\"x\r\nhello\r\n0\r\n\r\n") << 400;
        QTest::newRow("chunk line too long")
            << QByteArray(post + "Transfer-Encoding: chunked\r\n\r\n5;" + QByteArray(100, 'a') + "\r\n")
            << 400;
        QTest::newRow("chunked over the limit") << QByteArray(
            post + "Transfer-Encoding: chunked\r\n\r\n40\r\n" + QByteArray(64, 'a') + "\r\n40\r\n")
                                                << 413;
        QTest::newRow("huge chunk size")
            << QByteArray(post + "Transfer-Encoding: chunked\r\n\r\nffffffffffffffffffffffff\r\n") << 413;
        QTest::newRow("bad trailer") << QByteArray(
            post + "Transfer-Encoding: chunked\r\n\r\n0\r\nBad Trailer: x\r\n\r\n")
                                     << 400;
        // --- other
        QTest::newRow("Upgrade") << QByteArray("GET / HTTP/1.1\r\n" + H
                                               + "Connection: Upgrade\r\nUpgrade: websocket\r\n\r\n")
                                 << 400;
        QTest::newRow("unknown expectation")
            << QByteArray(post + "Expect: 200-ok\r\nContent-Length: 1\r\n\r\nx") << 417;
    }
    void rejects()
    {
        QFETCH(QByteArray, stream);
        QFETCH(int, status);
        const Outcome o = parse(stream);
        QVERIFY2(o.status == status, qPrintable(describe(o)));
        QVERIFY(!o.message.isEmpty());
        QVERIFY(!o.message.contains(u'\n'));
        checkSplits(stream);
    }
};

QTEST_GUILESS_MAIN(TestHttpRequestParser)
#include "tst_httprequestparser.moc"
