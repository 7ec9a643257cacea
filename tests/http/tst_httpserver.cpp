// HttpServer over real sockets on 127.0.0.x: framing of answers, keep-alive and
// pipelining, the deadlines and limits, the quick and waiting classes and their
// caps, asynchronous answers from other threads, event streams, clients that
// leave or stop reading.
#include "HttpServer.h"
#include "HttpWorker.h"
#include "RawClient.h"

#include <QMutex>
#include <QThread>
#include <QTimer>
#include <QtTest>

#include <atomic>
#include <memory>
#include <thread>

using namespace fvpn;

namespace {

ListenerLimits testLimits()
{
    ListenerLimits l;
    l.parser.maxBodyBytes = 64 * 1024;
    l.requestDeadlineMs = 400;
    l.idleTimeoutMs = 800;
    l.handshakeTimeoutMs = 800;
    l.lingerMs = 400;
    l.writeStallTimeoutMs = 1000;
    l.maxStreamBacklogBytes = 64 * 1024;
    l.maxConnections = 4;
    l.maxConnectionsPerSource = 3;
    l.maxWaiting = 3;
    l.maxWaitingPerSource = 2;
    l.waitingRetryAfterSecs = 7;
    return l;
}

HttpResponse text(int status, const QByteArray &body)
{
    return HttpResponse(status, "text/plain", body);
}

QByteArray bigBody()
{
    QByteArray b;
    b.reserve(2'500'000);
    for (int i = 0; b.size() < 2'500'000; ++i)
        b += QByteArray::number(i) + ',';
    return b;
}

} // namespace

class TestHttpServer : public QObject
{
    Q_OBJECT

    std::unique_ptr<HttpServer> m_server;
    quint16 m_port = 0;
    QThread *m_mainThread = nullptr;
    const QByteArray m_big = bigBody();

    // Shared with the handler on the workers.
    QMutex m_mutex;
    QList<HttpExchange> m_held;
    std::atomic<int> m_requests { 0 };
    std::atomic<int> m_gone { 0 };
    std::atomic<int> m_refusedWaiting { 0 };
    QList<QByteArray> m_paths;

    QList<HttpExchange> held()
    {
        QMutexLocker lock(&m_mutex);
        return m_held;
    }

    void handle(HttpExchange exchange)
    {
        ++m_requests;
        const HttpRequest &r = exchange.request();
        {
            QMutexLocker lock(&m_mutex);
            m_paths.append(r.path);
        }
        if (r.path == "/ping") {
            exchange.respond(text(200, "pong"));
        } else if (r.path == "/echo") {
            exchange.respond(text(200, r.body));
        } else if (r.path == "/thread") {
            exchange.respond(text(200, QThread::currentThread() == m_mainThread ? "main" : "worker"));
        } else if (r.path == "/big") {
            exchange.respond(HttpResponse(200, "application/octet-stream", m_big));
        } else if (r.path == "/later") {
            // Answered from the main thread, a while later.
            QMetaObject::invokeMethod(
                this,
                [exchange]() mutable {
                    QTimer::singleShot(150, [exchange]() mutable { exchange.respond(text(200, "later")); });
                },
                Qt::QueuedConnection);
        } else if (r.path == "/thread-answer") {
            std::thread([exchange]() mutable { exchange.respond(text(200, "from a thread")); }).detach();
        } else if (r.path == "/hold" || r.path == "/stream") {
            if (!exchange.enterWaiting()) {
                ++m_refusedWaiting;
                exchange.respond(
                    text(503, "busy")
                        .withHeader("Retry-After", QByteArray::number(exchange.retryAfterSecs())));
                return;
            }
            exchange.onClientGone([this] { ++m_gone; });
            if (r.path == "/stream")
                exchange.beginStream(200, { { "Content-Type", "text/event-stream" } });
            QMutexLocker lock(&m_mutex);
            m_held.append(exchange);
        } else if (r.path == "/timeout") {
            exchange.enterWaiting();
            exchange.onTimeout(300, [](HttpExchange e) { e.respond(HttpResponse(304, {}, {})); });
        } else if (r.path == "/silent") {
            // Never answered: only the client's leaving ends it.
            exchange.onClientGone([this] { ++m_gone; });
        } else {
            exchange.respond(text(404, "no"));
        }
    }

    void startServer(const ListenerLimits &limits = testLimits())
    {
        m_server = std::make_unique<HttpServer>(limits);
        m_server->setHandler([this](HttpExchange e) { handle(std::move(e)); });
        m_server->setRejectionFormatter([](int status, const QString &message) {
            return HttpResponse(status, "text/plain", "refused: " + message.toUtf8());
        });
        m_port = m_server->listen(QHostAddress::LocalHost, 0);
        QVERIFY(m_port != 0);
    }

private Q_SLOTS:
    void initTestCase() { m_mainThread = QThread::currentThread(); }
    void init()
    {
        m_requests = 0;
        m_gone = 0;
        m_refusedWaiting = 0;
        m_held.clear();
        m_paths.clear();
        startServer();
    }
    void cleanup()
    {
        m_server.reset();
        m_held.clear();
    }

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
        QCOMPARE(c.answers().last().body, QByteArray("hi"));
        // A refused request after good ones still closes the connection.
        c.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 999999\r\n\r\n");
        QTRY_COMPARE(c.responses(), 6);
        QCOMPARE(c.answers().last().status, 413);
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
        QCOMPARE(c.answers().last().header("connection"), QByteArray("close"));
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
        QCOMPARE(c.answers().last().body, QByteArray("data"));
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
        QCOMPARE(c.answers().last().body, QByteArray("pong"));
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

    void quickCaps()
    {
        std::vector<std::unique_ptr<RawClient>> clients;
        for (int i = 0; i < 3; ++i)
            clients.push_back(std::make_unique<RawClient>(m_port, u"127.0.0.1"_qs));
        QTRY_COMPARE(m_server->quickConnections(), 3);
        QSignalSpy refused(m_server.get(), &HttpServer::connectionRefused);
        // A fourth from the same address is over the per-source cap.
        RawClient sameSource(m_port, u"127.0.0.1"_qs);
        QTRY_VERIFY(sameSource.closed);
        QCOMPARE(refused.size(), 1);
        QCOMPARE(refused.first().at(0).toString(), u"127.0.0.1"_qs);
        // Another address still gets in, up to the total cap.
        RawClient other(m_port, u"127.0.0.2"_qs);
        QTRY_COMPARE(m_server->quickConnections(), 4);
        RawClient third(m_port, u"127.0.0.3"_qs);
        QTRY_VERIFY(third.closed);
        // Freed slots are usable again and the earlier connections still work.
        clients.front()->close();
        QTRY_COMPARE(m_server->quickConnections(), 3);
        RawClient again(m_port, u"127.0.0.3"_qs);
        again.send("GET /ping HTTP/1.1\r\nHost: x\r\n\r\n");
        QTRY_COMPARE(again.responses(), 1);
        clients.back()->send("GET /ping HTTP/1.1\r\nHost: x\r\n\r\n");
        QTRY_COMPARE(clients.back()->responses(), 1);
    }

    void waitingConnectionsDoNotCountAsQuick()
    {
        RawClient a(m_port, u"127.0.0.1"_qs);
        RawClient b(m_port, u"127.0.0.1"_qs);
        a.send("GET /hold HTTP/1.1\r\nHost: x\r\n\r\n");
        b.send("GET /hold HTTP/1.1\r\nHost: x\r\n\r\n");
        QTRY_COMPARE(m_server->waitingConnections(), 2);
        QCOMPARE(m_server->quickConnections(), 0);
        // The per-source quick cap (3) is all there still, beside the 2 waiting.
        std::vector<std::unique_ptr<RawClient>> quick;
        for (int i = 0; i < 3; ++i) {
            quick.push_back(std::make_unique<RawClient>(m_port, u"127.0.0.1"_qs));
            quick.back()->send("GET /ping HTTP/1.1\r\nHost: x\r\n\r\n");
        }
        for (auto &q : quick)
            QTRY_COMPARE(q->responses(), 1);
        // A third waiter from the same source is over the per-source waiting cap:
        // a clear 503 with Retry-After, not a hang.
        quick.front()->send("GET /hold HTTP/1.1\r\nHost: x\r\n\r\n");
        QTRY_COMPARE(quick.front()->responses(), 2);
        QCOMPARE(quick.front()->answers().last().status, 503);
        QCOMPARE(quick.front()->answers().last().header("retry-after"), QByteArray("7"));
        // Another source may wait, up to the total waiting cap (3).
        RawClient c(m_port, u"127.0.0.2"_qs);
        c.send("GET /hold HTTP/1.1\r\nHost: x\r\n\r\n");
        QTRY_COMPARE(m_server->waitingConnections(), 3);
        RawClient d(m_port, u"127.0.0.3"_qs);
        d.send("GET /hold HTTP/1.1\r\nHost: x\r\n\r\n");
        QTRY_COMPARE(d.responses(), 1);
        QCOMPARE(d.firstStatus(), 503);
        QCOMPARE(m_refusedWaiting.load(), 2);
        d.close();
        QTRY_COMPARE(m_server->quickConnections(), 3);

        // Answering a waiter returns its connection to the quick class, kept alive.
        const QList<HttpExchange> waiting = held();
        QCOMPARE(waiting.size(), 3);
        for (HttpExchange e : waiting)
            e.respond(text(200, "changed"));
        QTRY_COMPARE(a.responses(), 1);
        QTRY_COMPARE(c.responses(), 1);
        QCOMPARE(a.first().body, QByteArray("changed"));
        QTRY_COMPARE(m_server->waitingConnections(), 0);
        // Back among the quick ones only if there is room: 127.0.0.1 has its 3
        // quick ones already, so a and b were told to close; c (127.0.0.2) stays.
        QCOMPARE(a.first().header("connection"), QByteArray("close"));
        QTRY_VERIFY(a.closed);
        QVERIFY(!c.first().hasHeader("connection"));
        c.send("GET /ping HTTP/1.1\r\nHost: x\r\n\r\n");
        QTRY_COMPARE(c.responses(), 2);
    }

    void clientGoneIsReported()
    {
        RawClient c(m_port);
        c.send("GET /hold HTTP/1.1\r\nHost: x\r\n\r\n");
        QTRY_COMPARE(held().size(), 1);
        HttpExchange e = held().first();
        QVERIFY(e.isOpen());
        c.abort();
        QTRY_COMPARE(m_gone.load(), 1);
        QVERIFY(!e.isOpen());
        QTRY_COMPARE(m_server->waitingConnections(), 0);
        // Answering the gone is harmless and does nothing.
        e.respond(text(200, "too late"));
        QVERIFY(!e.write("x"));
        // Asking afterwards still tells (on the connection's thread).
        std::atomic<bool> told { false };
        e.onClientGone([&told] { told = true; });
        QTRY_VERIFY(told.load());

        RawClient silent(m_port);
        silent.send("GET /silent HTTP/1.1\r\nHost: x\r\n\r\n");
        QTRY_COMPARE(m_requests.load(), 2);
        silent.close();
        QTRY_COMPARE(m_gone.load(), 2);
    }

    void exchangeTimeout()
    {
        RawClient c(m_port);
        c.send("GET /timeout HTTP/1.1\r\nHost: x\r\n\r\n");
        QTRY_COMPARE_WITH_TIMEOUT(c.responses(), 1, 5'000);
        QCOMPARE(c.firstStatus(), 304);
        QVERIFY(!c.first().hasHeader("content-length"));
        c.send("GET /ping HTTP/1.1\r\nHost: x\r\n\r\n");
        QTRY_COMPARE(c.responses(), 2);
    }

    void eventStream()
    {
        RawClient c(m_port);
        c.send("GET /stream HTTP/1.1\r\nHost: x\r\n\r\n");
        QTRY_COMPARE(held().size(), 1);
        HttpExchange e = held().first();
        QTRY_VERIFY(c.received.contains("\r\n\r\n"));
        QCOMPARE(c.first().header("transfer-encoding"), QByteArray("chunked"));
        QCOMPARE(c.first().header("content-type"), QByteArray("text/event-stream"));
        QVERIFY(e.write("id: 1\ndata: one\n\n"));
        QVERIFY(e.write("id: 2\ndata: two\n\n"));
        QTRY_VERIFY(c.received.endsWith("data: two\n\n\r\n"));
        QCOMPARE(c.responses(), 0);
        // From another thread too.
        std::thread([e]() mutable { e.write(": keep-alive\n\n"); }).join();
        e.end();
        QTRY_COMPARE(c.responses(), 1);
        QCOMPARE(c.first().body, QByteArray("id: 1\ndata: one\n\nid: 2\ndata: two\n\n: keep-alive\n\n"));
        QVERIFY(!e.write("more"));
        // The connection goes on.
        c.send("GET /ping HTTP/1.1\r\nHost: x\r\n\r\n");
        QTRY_COMPARE(c.responses(), 2);
        QCOMPARE(m_server->waitingConnections(), 0);

        // HTTP/1.0 has no chunks: the stream ends with the connection.
        RawClient old(m_port);
        old.send("GET /stream HTTP/1.0\r\n\r\n");
        QTRY_COMPARE(held().size(), 2);
        HttpExchange o = held().last();
        o.write("data: x\n\n");
        o.end();
        QTRY_VERIFY(old.closed);
        QVERIFY(old.received.endsWith("\r\n\r\ndata: x\n\n"));
        QCOMPARE(old.first().header("connection"), QByteArray("close"));
    }

    void slowStreamReaderIsDropped()
    {
        RawClient c(m_port);
        c.socket()->setReadBufferSize(1024);
        c.socket()->setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption, 4096);
        disconnect(c.socket(), &QIODevice::readyRead, nullptr, nullptr);
        c.send("GET /stream HTTP/1.1\r\nHost: x\r\n\r\n");
        QTRY_COMPARE(held().size(), 1);
        HttpExchange e = held().first();
        const QByteArray event = "data: " + QByteArray(8 * 1024, 'x') + "\n\n";
        // Bounded: the backlog cap (64 KiB) plus what the kernels take ends it long before.
        int written = 0;
        for (; written < 20'000 && e.isOpen(); ++written) {
            e.write(event);
            if (written % 16 == 0)
                QTest::qWait(5);
        }
        QTRY_VERIFY(!e.isOpen());
        QVERIFY(written < 20'000);
        QTRY_COMPARE(m_gone.load(), 1);
        QTRY_COMPARE(m_server->waitingConnections(), 0);
    }

    void destroyingTheServerEndsEverything()
    {
        RawClient c(m_port);
        c.send("GET /hold HTTP/1.1\r\nHost: x\r\n\r\n");
        QTRY_COMPARE(held().size(), 1);
        HttpExchange e = held().first();
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
