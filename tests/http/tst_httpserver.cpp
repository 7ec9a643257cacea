// HttpServer over real sockets on 127.0.0.x: framing of answers, keep-alive and
// pipelining, the deadlines and limits, asynchronous answers from other threads,
// big answers and readers who stop; destroying the server, shared workers.
// (Held exchanges, the waiting class and event streams: tst_httpwaiting.)
#include "HttpServerFixture.h"

using namespace fvpn;
using namespace fvpn::testing;

class TestHttpServer : public HttpServerFixture
{
    Q_OBJECT

private Q_SLOTS:
    void init() { startFixture(); }
    void cleanup() { stopFixture(); }

    void answersWithFraming()
    {
        RawClient c(m_port);
        c.send("GET /ping HTTP/1.1\r\nHost: x\r\n\r\n");
        QTRY_COMPARE(c.responses(), 1);
        const RawResponse r = c.first();
        QCOMPARE(r.statusLine, QByteArray("HTTP/1.1 200 OK"));
        QCOMPARE(r.body, QByteArray("pong"));
        QCOMPARE(r.header("content-length"), QByteArray("4"));
        QCOMPARE(r.header("content-type"), QByteArray("text/plain"));
        QVERIFY(r.header("date").endsWith(" GMT"));
        QVERIFY(!r.hasHeader("connection"));
        QVERIFY(!c.closed);
    }

    void handlerRunsOnAWorker()
    {
        RawClient c(m_port);
        c.send("GET /thread HTTP/1.1\r\nHost: x\r\n\r\n");
        QTRY_COMPARE(c.responses(), 1);
        QCOMPARE(c.first().body, QByteArray("worker"));
    }

    void answersFromOtherThreads()
    {
        RawClient c(m_port);
        c.send("GET /later HTTP/1.1\r\nHost: x\r\n\r\nGET /thread-answer HTTP/1.1\r\nHost: x\r\n\r\n"
               "GET /ping HTTP/1.1\r\nHost: x\r\n\r\n");
        QTRY_COMPARE(c.responses(), 3);
        const auto answers = c.answers();
        // In request order, whatever order the handlers answered in.
        QCOMPARE(answers[0].body, QByteArray("later"));
        QCOMPARE(answers[1].body, QByteArray("from a thread"));
        QCOMPARE(answers[2].body, QByteArray("pong"));
    }

    void keepAliveAndPipelining()
    {
        RawClient c(m_port);
        c.send("GET /ping HTTP/1.1\r\nHost: x\r\n\r\n");
        QTRY_COMPARE(c.responses(), 1);
        c.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc");
        QTRY_COMPARE(c.responses(), 2);
        // Three at once, the last one split across writes.
        c.send(
            "GET /ping HTTP/1.1\r\nHost: x\r\n\r\nPOST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\n"
            "helloPOST /echo HTTP/1.1\r\nHost: x\r\nCont");
        QTRY_COMPARE(c.responses(), 4);
        c.send("ent-Length: 2\r\n\r\nhi");
        QTRY_COMPARE(c.responses(), 5);
        QVERIFY(!c.closed);
        QCOMPARE(c.answers().constLast().body, QByteArray("hi"));
        // A refused request after good ones still closes the connection.
        c.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 999999\r\n\r\n");
        QTRY_COMPARE(c.responses(), 6);
        QCOMPARE(c.answers().constLast().status, 413);
        QTRY_VERIFY(c.closed);
    }

    void nothingBehindARefusalRuns()
    {
        RawClient c(m_port);
        // A good request, a malformed one, and a request behind it.
        c.send("GET /ping HTTP/1.1\r\nHost: x\r\n\r\nPOST /echo HTTP/1.1\r\nHost: x\r\nContent-Length : "
               "31\r\n\r\n"
               "GET /thread HTTP/1.1\r\nHost: x\r\n\r\n");
        QTRY_VERIFY(c.closed);
        const auto answers = c.answers();
        QCOMPARE(answers.size(), 2);
        QCOMPARE(answers[0].status, 200);
        QCOMPARE(answers[1].status, 400);
        QVERIFY(answers[1].body.startsWith("refused: whitespace between a header name and its colon"));
        QCOMPARE(answers[1].header("connection"), QByteArray("close"));
        QCOMPARE(m_requests.load(), 1);
    }

    void connectionClose()
    {
        RawClient c(m_port);
        c.send(
            "GET /ping HTTP/1.1\r\nHost: x\r\n\r\nGET /ping HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
            "GET /ping HTTP/1.1\r\nHost: x\r\n\r\n");
        QTRY_VERIFY(c.closed);
        QCOMPARE(c.responses(), 2);
        QCOMPARE(c.answers().constLast().header("connection"), QByteArray("close"));
        QCOMPARE(m_requests.load(), 2);

        RawClient old(m_port);
        old.send("GET /ping HTTP/1.0\r\n\r\n");
        QTRY_VERIFY(old.closed);
        QCOMPARE(old.responses(), 1);

        RawClient kept(m_port);
        kept.send("GET /ping HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
        QTRY_COMPARE(kept.responses(), 1);
        QCOMPARE(kept.first().header("connection"), QByteArray("keep-alive"));
        kept.send("GET /ping HTTP/1.0\r\n\r\n");
        QTRY_VERIFY(kept.closed);
        QCOMPARE(kept.responses(), 2);
    }

    void head()
    {
        RawClient c(m_port);
        c.send("HEAD /ping HTTP/1.1\r\nHost: x\r\n\r\nGET /ping HTTP/1.1\r\nHost: x\r\n\r\n");
        QTRY_COMPARE(parseResponses(c.received, false, { 0 }).size(), 2);
        const auto answers = parseResponses(c.received, false, { 0 });
        QCOMPARE(answers[0].header("content-length"), QByteArray("4"));
        QVERIFY(answers[0].body.isEmpty());
        QCOMPARE(answers[1].body, QByteArray("pong"));
    }

    void refusals_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<int>("status");
        QTest::newRow("huge headers")
            << QByteArray("GET /ping HTTP/1.1\r\nHost: x\r\nX: " + QByteArray(20000, 'a') + "\r\n\r\n")
            << 431;
        QTest::newRow("long target") << QByteArray("GET /" + QByteArray(9000, 'a') + " HTTP/1.1\r\n\r\n")
                                     << 414;
        QTest::newRow("gzip coding") << QByteArray(
            "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n")
                                     << 501;
        QTest::newRow("HTTP/2.0") << QByteArray("GET /ping HTTP/2.0\r\nHost: x\r\n\r\n") << 505;
        QTest::newRow("HTTP/1.10") << QByteArray("GET /ping HTTP/1.10\r\nHost: x\r\n\r\n") << 400;
        QTest::newRow("HTTP/1.1x") << QByteArray("GET /ping HTTP/1.1x\r\nHost: x\r\n\r\n") << 400;
        QTest::newRow("no Host") << QByteArray("GET /ping HTTP/1.1\r\n\r\n") << 400;
        QTest::newRow("expectation") << QByteArray(
            "POST /echo HTTP/1.1\r\nHost: x\r\nExpect: magic\r\nContent-Length: 1\r\n\r\nx")
                                     << 417;
        QTest::newRow("garbage") << QByteArray("\x16\x03\x01\x02\x01\x01\xfc\x03\x03\r\n\r\n") << 400;
    }
    void refusals()
    {
        QFETCH(QByteArray, request);
        QFETCH(int, status);
        RawClient c(m_port);
        c.send(request);
        QTRY_COMPARE(c.responses(), 1);
        QCOMPARE(c.firstStatus(), status);
        QVERIFY(c.first().body.startsWith("refused: "));
        QCOMPARE(c.first().header("connection"), QByteArray("close"));
        QTRY_VERIFY(c.closed);
        QCOMPARE(m_requests.load(), 0);
    }

    void declaredOversizeIsRefusedBeforeTheBody()
    {
        RawClient c(m_port);
        // Only the headers: the answer cannot wait for a body that never comes.
        c.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 10485760\r\n\r\n");
        QTRY_COMPARE(c.responses(), 1);
        QCOMPARE(c.firstStatus(), 413);
        QTRY_VERIFY(c.closed);
    }

    void streamedOversizeIsAnsweredAndClosed()
    {
        RawClient c(m_port);
        c.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 2000000\r\n\r\n");
        c.send(QByteArray(2'000'000, 'x'));
        QTRY_COMPARE(c.responses(), 1);
        QCOMPARE(c.firstStatus(), 413);
        QTRY_VERIFY(c.closed);
    }

    void chunkedRequestBody()
    {
        RawClient c(m_port);
        c.send("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: "
               "chunked\r\n\r\n4\r\nWiki\r\n5;e=1\r\npedia\r\n0\r\n"
               "X-T: y\r\n\r\n");
        QTRY_COMPARE(c.responses(), 1);
        QCOMPARE(c.first().body, QByteArray("Wikipedia"));
    }

    void expectContinue()
    {
        RawClient c(m_port);
        c.send("POST /echo HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n");
        QTRY_VERIFY(c.received.contains("HTTP/1.1 100 Continue\r\n\r\n"));
        QCOMPARE(c.responses(), 0);
        c.send("data");
        QTRY_COMPARE(c.responses(), 1);
        QCOMPARE(c.answers().constLast().body, QByteArray("data"));
        QVERIFY(c.received.startsWith("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\n"));

        // Over the limit: 413, and no 100 before it.
        RawClient big(m_port);
        big.send(
            "POST /echo HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 99999999\r\n\r\n");
        QTRY_COMPARE(big.responses(), 1);
        QVERIFY(big.received.startsWith("HTTP/1.1 413 "));
    }

    void tricklingRequestTimesOut()
    {
        RawClient c(m_port);
        c.send("GET /ping HTTP/1.1\r\nHost: x\r\n");
        QTRY_VERIFY_WITH_TIMEOUT(c.closed, 10'000);
        QCOMPARE(c.firstStatus(), 408);
    }

    void slowBodyTimesOut()
    {
        RawClient c(m_port);
        c.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nabc");
        QTRY_VERIFY_WITH_TIMEOUT(c.closed, 10'000);
        QCOMPARE(c.firstStatus(), 408);
    }

    void idleConnectionIsClosedQuietly()
    {
        RawClient c(m_port);
        QTRY_VERIFY_WITH_TIMEOUT(c.closed, 10'000);
        QCOMPARE(c.received, QByteArray());
        QTRY_COMPARE(m_server->quickConnections(), 0);
    }

    void bigAnswerIsDeliveredWhole()
    {
        RawClient c(m_port);
        c.send("GET /big HTTP/1.1\r\nHost: x\r\n\r\nGET /ping HTTP/1.1\r\nHost: x\r\n\r\n");
        QTRY_COMPARE_WITH_TIMEOUT(c.responses(), 2, 20'000);
        QCOMPARE(c.first().body.size(), m_big.size());
        QVERIFY(c.first().body == m_big);
        QCOMPARE(c.answers().constLast().body, QByteArray("pong"));
    }

    void readerOfABigAnswerWhoStopsIsDropped()
    {
        RawClient c(m_port);
        c.socket()->setReadBufferSize(1024); // and never read: the kernel buffers fill up
        c.socket()->setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption, 4096);
        disconnect(c.socket(), &QIODevice::readyRead, nullptr, nullptr);
        c.send("GET /big HTTP/1.1\r\nHost: x\r\n\r\n");
        QTRY_COMPARE(m_requests.load(), 1);
        // The write stall deadline (1 s here) ends it.
        QTRY_COMPARE_WITH_TIMEOUT(m_server->quickConnections(), 0, 10'000);
    }

    void destroyingTheServerEndsEverything()
    {
        RawClient c(m_port);
        c.send("GET /hold HTTP/1.1\r\nHost: x\r\n\r\n");
        QTRY_COMPARE(held().size(), 1);
        HttpExchange e = held().constFirst();
        m_server.reset();
        QTRY_VERIFY(c.closed);
        QVERIFY(!e.isOpen());
        e.respond(text(200, "nobody"));
    }

    void sharedWorkersServeSeveralServers()
    {
        auto workers = std::make_shared<HttpWorkerPool>(2);
        HttpServer one(testLimits(), workers);
        HttpServer two(testLimits(), workers);
        one.setHandler([](HttpExchange e) { e.respond(text(200, "one")); });
        two.setHandler([](HttpExchange e) { e.respond(text(200, "two")); });
        const quint16 p1 = one.listen(QHostAddress::LocalHost, 0);
        const quint16 p2 = two.listen(QHostAddress::LocalHost, 0);
        RawClient a(p1);
        RawClient b(p2);
        a.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
        b.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
        QTRY_COMPARE(a.responses(), 1);
        QTRY_COMPARE(b.responses(), 1);
        QCOMPARE(a.first().body, QByteArray("one"));
        QCOMPARE(b.first().body, QByteArray("two"));
        QCOMPARE(workers->workers().size(), 2);
    }

    void listenErrors()
    {
        HttpServer other(testLimits());
        QString error;
        QCOMPARE(other.listen(QHostAddress::LocalHost, m_port, &error), quint16(0));
        QVERIFY(!error.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestHttpServer)
#include "tst_httpserver.moc"
