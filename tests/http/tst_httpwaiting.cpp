// HttpServer's held exchanges over real sockets: the quick and waiting classes
// and their caps (503 + Retry-After past them), a client that leaves a held
// exchange, exchange timeouts (long-polls), event streams and a stream reader
// who stops reading.
#include "HttpServerFixture.h"

using namespace fvpn;
using namespace fvpn::testing;

class TestHttpWaiting : public HttpServerFixture
{
    Q_OBJECT

private Q_SLOTS:
    void init() { startFixture(); }
    void cleanup() { stopFixture(); }

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
        HttpExchange e = held().constFirst();
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
        HttpExchange e = held().constFirst();
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
        HttpExchange o = held().constLast();
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
        HttpExchange e = held().constFirst();
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
};

QTEST_GUILESS_MAIN(TestHttpWaiting)
#include "tst_httpwaiting.moc"
