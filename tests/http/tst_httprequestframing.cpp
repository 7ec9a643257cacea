// HttpRequestParser: where one request ends and the next begins. Whatever hides
// behind a rejected request (smuggling) is never a request; limits are exact and
// decided before any body; a rejection stays; partial requests and
// Expect: 100-continue are tracked across feeds; and randomly damaged streams
// parse the same in every split. The tables of accepted and refused streams are
// tst_httprequestparser's.
#include "HttpParserFixture.h"

#include <QRandomGenerator>

using namespace fvpn;
using namespace fvpn::testing;

class TestHttpRequestFraming : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // Smuggling: whatever hides behind a rejected request is never a request.
    void smuggling_data()
    {
        QTest::addColumn<QByteArray>("stream");
        QTest::addColumn<int>("before"); // requests accepted before the rejection
        QTest::addColumn<int>("status");
        const QByteArray inner
            = "POST /api/v1/registrations HTTP/1.1\r\n" + H + "Content-Length: 2\r\n\r\n{}";
        const QByteArray post = "POST /a HTTP/1.1\r\n" + H;
        QTest::newRow("space before colon hides a request")
            << QByteArray(post + "Content-Length : " + QByteArray::number(inner.size()) + "\r\n\r\n" + inner)
            << 0 << 400;
        QTest::newRow("CL.TE") << QByteArray(post + "Content-Length: " + QByteArray::number(inner.size() + 5)
                                             + "\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n" + inner)
                               << 0 << 400;
        QTest::newRow("TE.CL") << QByteArray(post + "Transfer-Encoding: chunked\r\nContent-Length: 4\r\n\r\n"
                                             + QByteArray::number(inner.size(), 16) + "\r\n" + inner
                                             + "\r\n0\r\n\r\n")
                               << 0 << 400;
        QTest::newRow("TE.TE obfuscated") << QByteArray(
            post + "Transfer-Encoding: chunked\r\nTransfer-Encoding: x\r\n\r\n0\r\n\r\n" + inner)
                                          << 0 << 400;
        QTest::newRow("TE with tab prefix and CL")
            << QByteArray(post + "Transfer-Encoding:\tchunked\r\nContent-Length: 3\r\n\r\n0\r\n\r\n" + inner)
            << 0 << 400;
        QTest::newRow("two lengths") << QByteArray(post + "Content-Length: 0\r\nContent-Length: "
                                                   + QByteArray::number(inner.size()) + "\r\n\r\n" + inner)
                                     << 0 << 400;
        QTest::newRow("obs-fold length") << QByteArray(
            post + "X-A: a\r\n Content-Length: " + QByteArray::number(inner.size()) + "\r\n\r\n" + inner)
                                         << 0 << 400;
        QTest::newRow("bare LF header") << QByteArray(
            post + "Content-Length: 0\nX: " + QByteArray::number(inner.size()) + "\r\n\r\n" + inner)
                                        << 0 << 400;
        QTest::newRow("bare CR header") << QByteArray(
            post + "X: a\rContent-Length: " + QByteArray::number(inner.size()) + "\r\n\r\n" + inner)
                                        << 0 << 400;
        QTest::newRow("NUL in length") << QByteArray(post + bytes("Content-Length: 0\0")
                                                     + QByteArray::number(inner.size()) + "\r\n\r\n" + inner)
                                       << 0 << 400;
        QTest::newRow("good request, then a bad one")
            << QByteArray("GET / HTTP/1.1\r\n" + H + "\r\n" + post + "Content-Length : 5\r\n\r\n" + inner)
            << 1 << 400;
        QTest::newRow("unknown version hides a request")
            << QByteArray("GET / HTTP/1.10\r\n" + H + "\r\n" + inner) << 0 << 400;
        QTest::newRow("chunk size with trailing junk")
            << QByteArray(post + "Transfer-Encoding: chunked\r\n\r\n0 junk\r\n\r\n" + inner) << 0 << 400;
    }
    void smuggling()
    {
        QFETCH(QByteArray, stream);
        QFETCH(int, before);
        QFETCH(int, status);
        const Outcome o = parse(stream, HttpParserLimits());
        QVERIFY2(o.status == status, qPrintable(describe(o)));
        QCOMPARE(o.requests.size(), before);
        for (const HttpRequest &r : o.requests)
            QVERIFY(r.path != "/api/v1/registrations");
        checkSplits(stream, HttpParserLimits());
    }

    void limitsAreExact()
    {
        HttpParserLimits l = smallLimits();
        // The header section (field lines + the empty line) may be exactly maxHeaderBytes.
        const QByteArray start = "GET / HTTP/1.1\r\n";
        const QByteArray filler = "X: ";
        const qsizetype room = l.maxHeaderBytes - H.size() - filler.size() - 2 - 2;
        QCOMPARE(parse(start + H + filler + QByteArray(room, 'a') + "\r\n\r\n", l).status, 0);
        QCOMPARE(parse(start + H + filler + QByteArray(room + 1, 'a') + "\r\n\r\n", l).status, 431);
        checkSplits(start + H + filler + QByteArray(room, 'a') + "\r\n\r\n", l);
        checkSplits(start + H + filler + QByteArray(room + 1, 'a') + "\r\n\r\n", l);
        // The request line with its CRLF may be exactly maxRequestLineBytes.
        const qsizetype target = l.maxRequestLineBytes - QByteArray("GET  HTTP/1.1\r\n").size();
        const QByteArray path = '/' + QByteArray(target - 1, 'p');
        QCOMPARE(parse("GET " + path + " HTTP/1.1\r\n" + H + "\r\n", l).status, 0);
        QCOMPARE(parse("GET " + path + "p HTTP/1.1\r\n" + H + "\r\n", l).status, 414);
        checkSplits("GET " + path + "p HTTP/1.1\r\n" + H + "\r\n", l);
        // Exactly maxHeaderCount fields.
        QCOMPARE(parse(start + H + QByteArray("A: b\r\n").repeated(l.maxHeaderCount - 1) + "\r\n", l).status,
                 0);
    }

    void limitsAreDecidedBeforeTheBody()
    {
        // Only headers: the 413 is known at once, nothing waits for a body.
        HttpRequestParser p(smallLimits());
        p.feed("POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 1000000000\r\n\r\n");
        QCOMPARE(p.rejection().status, 413);
        HttpRequestParser chunked(smallLimits());
        chunked.feed("POST /a HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n1000\r\n");
        QCOMPARE(chunked.rejection().status, 413);
    }

    void rejectedStaysRejected()
    {
        HttpRequestParser p(smallLimits());
        p.feed("GET / HTTP/1.10\r\n\r\n");
        QCOMPARE(p.rejection().status, 400);
        p.feed("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
        QVERIFY(!p.hasRequest());
        QCOMPARE(p.rejection().status, 400);
        QVERIFY(!p.inRequest());
    }

    void tracksPartialRequests()
    {
        HttpRequestParser p(smallLimits());
        QVERIFY(!p.inRequest());
        p.feed("\r\n");
        QVERIFY(!p.inRequest()); // one empty line is not a request yet
        p.feed("POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n");
        QVERIFY(p.inRequest());
        p.feed("\r\n12345");
        QVERIFY(p.inRequest());
        QVERIFY(!p.hasRequest());
        p.feed("67890");
        QVERIFY(!p.inRequest());
        QVERIFY(p.hasRequest());
        QCOMPARE(p.takeRequest().body, QByteArray("1234567890"));
    }

    void expectContinue()
    {
        HttpRequestParser p(smallLimits());
        p.feed("POST /a HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n");
        QVERIFY(p.wantsContinue());
        p.continueSent();
        QVERIFY(!p.wantsContinue());
        p.feed("body");
        QVERIFY(p.hasRequest());

        // Not when the headers break a limit: the 413 is the answer.
        HttpRequestParser big(smallLimits());
        big.feed("POST /a HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 4000\r\n\r\n");
        QVERIFY(!big.wantsContinue());
        QCOMPARE(big.rejection().status, 413);

        // Not when there is no body to wait for; not once the body started.
        HttpRequestParser empty(smallLimits());
        empty.feed("POST /a HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 0\r\n\r\n");
        QVERIFY(!empty.wantsContinue());
        QVERIFY(empty.hasRequest());
        HttpRequestParser eager(smallLimits());
        eager.feed("POST /a HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\nbo");
        QVERIFY(!eager.wantsContinue());

        // Chunked bodies may ask too.
        HttpRequestParser chunked(smallLimits());
        chunked.feed(
            "POST /a HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nTransfer-Encoding: chunked\r\n\r\n");
        QVERIFY(chunked.wantsContinue());
    }

    // Random damage to valid streams: whatever the parser makes of it, it makes
    // the same of it in every split, and never reports a request it half-read.
    void randomDamageIsSplitInvariant()
    {
        const QList<QByteArray> seeds {
            "POST /api/v1/registrations HTTP/1.1\r\nHost: hub\r\nContent-Type: "
            "application/json\r\nContent-Length: 2\r\n\r\n{}",
            "POST /a HTTP/1.1\r\nHost: hub\r\nTransfer-Encoding: chunked\r\n\r\n5;x=y\r\nhello\r\n0\r\nT: "
            "v\r\n\r\n",
            "GET /a?b=c HTTP/1.1\r\nHost: hub\r\nAuthorization: Bearer abc\r\n\r\nGET / HTTP/1.0\r\n\r\n",
        };
        const char alphabet[]
            = { '\r', '\n', ' ', '\t', ':', '0', '5', 'a', '\0', '\x7f', ',', ';', '"', 'G' };
        QRandomGenerator random(20261122);
        for (int round = 0; round < 300; ++round) {
            QByteArray stream = seeds[round % seeds.size()];
            const int edits = 1 + random.bounded(3);
            for (int e = 0; e < edits; ++e) {
                const qsizetype at = random.bounded(int(stream.size()));
                const char c = alphabet[random.bounded(int(sizeof alphabet))];
                switch (random.bounded(3)) {
                case 0:
                    stream[at] = c;
                    break;
                case 1:
                    stream.insert(at, c);
                    break;
                default:
                    stream.remove(at, 1);
                    break;
                }
            }
            checkSplits(stream);
            if (QTest::currentTestFailed()) {
                qWarning("stream: %s", stream.toHex().constData());
                return;
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestHttpRequestFraming)
#include "tst_httprequestframing.moc"
