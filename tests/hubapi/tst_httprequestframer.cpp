#include "HttpRequestFramer.h"

#include <QtTest>

using namespace fvpn;

class TestHttpRequestFramer : public QObject
{
    Q_OBJECT

    static HttpFramingLimits limits()
    {
        HttpFramingLimits l;
        l.maxHeaderBytes = 1024;
        l.maxBodyBytes = 100;
        return l;
    }

private Q_SLOTS:
    void accepts_data()
    {
        QTest::addColumn<QByteArray>("stream");
        QTest::addColumn<int>("requests");
        QTest::newRow("GET") << QByteArray("GET /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n") << 1;
        QTest::newRow("no headers") << QByteArray("GET / HTTP/1.1\r\n\r\n") << 1;
        QTest::newRow("bare LF") << QByteArray("GET / HTTP/1.1\nHost: x\n\n") << 1;
        QTest::newRow("POST with body")
            << QByteArray("POST /a HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello") << 1;
        QTest::newRow("body at the limit")
            << QByteArray("POST /a HTTP/1.1\r\nContent-Length: 100\r\n\r\n" + QByteArray(100, 'x')) << 1;
        QTest::newRow("pipelined") << QByteArray(
            "POST /a HTTP/1.1\r\ncontent-length: 2\r\n\r\nhiGET /b HTTP/1.1\r\n\r\n")
                                   << 2;
        QTest::newRow("leading blank lines") << QByteArray("\r\n\r\nGET / HTTP/1.1\r\n\r\n") << 1;
        QTest::newRow("same length twice")
            << QByteArray("POST /a HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 1\r\n\r\nx") << 1;
        QTest::newRow("HTTP/1.0") << QByteArray("GET / HTTP/1.0\r\n\r\n") << 1;
    }
    void accepts()
    {
        QFETCH(QByteArray, stream);
        QFETCH(int, requests);
        // Whole, then byte by byte: framing must not depend on how TCP cuts the stream.
        HttpRequestFramer whole(limits());
        const auto progress = whole.feed(stream);
        QVERIFY2(!whole.rejected(), qPrintable(whole.rejection().message));
        QCOMPARE(progress.started, requests);
        QCOMPARE(progress.completed, requests);
        QVERIFY(!whole.inRequest());

        HttpRequestFramer bytewise(limits());
        int started = 0;
        int completed = 0;
        for (char c : stream) {
            const auto p = bytewise.feed(QByteArrayView(&c, 1));
            started += p.started;
            completed += p.completed;
        }
        QVERIFY(!bytewise.rejected());
        QCOMPARE(started, requests);
        QCOMPARE(completed, requests);
    }

    void connectionClose_data()
    {
        QTest::addColumn<QByteArray>("stream");
        QTest::addColumn<bool>("close");
        QTest::newRow("keep-alive by default") << QByteArray("GET / HTTP/1.1\r\n\r\n") << false;
        QTest::newRow("Connection: close")
            << QByteArray("GET / HTTP/1.1\r\nConnection: close\r\n\r\n") << true;
        QTest::newRow("any case") << QByteArray("GET / HTTP/1.1\r\nconnection: Close\r\n\r\n") << true;
        QTest::newRow("HTTP/1.0") << QByteArray("GET / HTTP/1.0\r\n\r\n") << true;
        QTest::newRow("HTTP/1.0 keep-alive")
            << QByteArray("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n") << false;
    }
    void connectionClose()
    {
        QFETCH(QByteArray, stream);
        QFETCH(bool, close);
        HttpRequestFramer f(limits());
        f.feed(stream);
        QCOMPARE(f.closeRequested(), close);
    }

    void tracksPartialRequests()
    {
        HttpRequestFramer f(limits());
        auto p = f.feed("POST /a HTTP/1.1\r\nContent-Length: 10\r\n");
        QCOMPARE(p.started, 1);
        QCOMPARE(p.completed, 0);
        QVERIFY(f.inRequest());
        p = f.feed("\r\n12345");
        QCOMPARE(p.completed, 0);
        QVERIFY(f.inRequest());
        p = f.feed("67890");
        QCOMPARE(p.completed, 1);
        QVERIFY(!f.inRequest());
    }

    void rejects_data()
    {
        QTest::addColumn<QByteArray>("stream");
        QTest::addColumn<int>("status");
        QTest::newRow("body over the limit")
            << QByteArray("POST /a HTTP/1.1\r\nContent-Length: 101\r\n\r\n") << 413;
        QTest::newRow("huge declared length")
            << QByteArray("POST /a HTTP/1.1\r\nContent-Length: 99999999999\r\n\r\n") << 413;
        QTest::newRow("length with overflow digits")
            << QByteArray("POST /a HTTP/1.1\r\nContent-Length: 99999999999999999999999\r\n\r\n") << 400;
        QTest::newRow("negative length")
            << QByteArray("POST /a HTTP/1.1\r\nContent-Length: -1\r\n\r\n") << 400;
        QTest::newRow("non-numeric length")
            << QByteArray("POST /a HTTP/1.1\r\nContent-Length: ten\r\n\r\n") << 400;
        QTest::newRow("two different lengths")
            << QByteArray("POST /a HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n") << 400;
        QTest::newRow("chunked") << QByteArray("POST /a HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n")
                                 << 411;
        QTest::newRow("upgrade") << QByteArray(
            "GET /a HTTP/1.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n")
                                 << 400;
        QTest::newRow("headers too large")
            << QByteArray("GET /a HTTP/1.1\r\nX-Fill: " + QByteArray(2000, 'a') + "\r\n\r\n") << 431;
        QTest::newRow("endless request line") << QByteArray(2000, 'G') << 431;
        QTest::newRow("garbage request line") << QByteArray("HELLO\r\n\r\n") << 400;
        QTest::newRow("not HTTP/1") << QByteArray("GET / HTTP/2.0\r\n\r\n") << 400;
        QTest::newRow("absolute URL") << QByteArray("GET http://x/ HTTP/1.1\r\n\r\n") << 400;
        QTest::newRow("header without name") << QByteArray("GET / HTTP/1.1\r\n: x\r\n\r\n") << 400;
        QTest::newRow("header without colon") << QByteArray("GET / HTTP/1.1\r\nnonsense\r\n\r\n") << 400;
        QTest::newRow("second request too big")
            << QByteArray("GET / HTTP/1.1\r\n\r\nPOST / HTTP/1.1\r\nContent-Length: 1000\r\n\r\n") << 413;
    }
    void rejects()
    {
        QFETCH(QByteArray, stream);
        QFETCH(int, status);
        HttpRequestFramer f(limits());
        f.feed(stream);
        QVERIFY(f.rejected());
        QCOMPARE(f.rejection().status, status);
        QVERIFY(!f.rejection().message.isEmpty());
        // Once rejected, it stays so.
        const auto p = f.feed("GET / HTTP/1.1\r\n\r\n");
        QCOMPARE(p.started, 0);
        QVERIFY(f.rejected());
    }
};

QTEST_GUILESS_MAIN(TestHttpRequestFramer)
#include "tst_httprequestframer.moc"
