#include "ApiHttpServer.h"
#include "HardenedTcpServer.h"
#include "TlsMaterial.h"

#include <QJsonDocument>
#include <QProcess>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>
#include <sys/stat.h>

using namespace fvpn;

namespace {

// A client that speaks raw bytes, so the tests can send what no HTTP library would.
class RawClient : public QObject
{
public:
    explicit RawClient(quint16 port, const QString &bindAddress = QString(), bool tls = false)
    {
        m_socket = tls ? new QSslSocket(this) : new QTcpSocket(this);
        connect(m_socket, &QIODevice::readyRead, this, [this] { received += m_socket->readAll(); });
        connect(m_socket, &QAbstractSocket::disconnected, this, [this] { closed = true; });
        if (auto *ssl = qobject_cast<QSslSocket *>(m_socket)) {
            connect(ssl, &QSslSocket::sslErrors, this,
                    [ssl](const QList<QSslError> &) { ssl->ignoreSslErrors(); });
            connect(ssl, &QSslSocket::encrypted, this, [this] { encrypted = true; });
            ssl->setPeerVerifyMode(QSslSocket::QueryPeer);
            ssl->connectToHostEncrypted(QStringLiteral("127.0.0.1"), port);
        } else {
            if (!bindAddress.isEmpty())
                m_socket->bind(QHostAddress(bindAddress));
            m_socket->connectToHost(QHostAddress::LocalHost, port);
        }
    }

    QTcpSocket *socket() const { return m_socket; }
    void send(const QByteArray &bytes) { m_socket->write(bytes); }
    int responses() const { return int(received.count("HTTP/1.1 ")); }
    int firstStatus() const
    {
        if (!received.startsWith("HTTP/1.1 "))
            return 0;
        return received.mid(9, 3).toInt();
    }
    QJsonObject firstBody() const
    {
        const qsizetype start = received.indexOf("\r\n\r\n");
        if (start < 0)
            return {};
        const qsizetype next = received.indexOf("HTTP/1.1 ", start);
        return QJsonDocument::fromJson(received.mid(start + 4, next < 0 ? -1 : next - start - 4)).object();
    }

    QByteArray received;
    bool closed = false;
    bool encrypted = false;

private:
    QTcpSocket *m_socket;
};

ListenerLimits testLimits()
{
    ListenerLimits l;
    l.requestDeadlineMs = 400;
    l.idleTimeoutMs = 800;
    l.handshakeTimeoutMs = 800;
    l.lingerMs = 400;
    l.maxConnections = 4;
    l.maxConnectionsPerSource = 3;
    return l;
}

} // namespace

class TestHardenedListener : public QObject
{
    Q_OBJECT

    std::unique_ptr<ApiHttpServer> m_server;
    HardenedTcpServer *m_tcp = nullptr;
    quint16 m_port = 0;
    QTemporaryDir m_tmp;

    void startServer(const std::optional<TlsMaterial> &tls = std::nullopt)
    {
        m_server = std::make_unique<ApiHttpServer>();
        m_server->addRoute(QHttpServerRequest::Method::Get, QStringLiteral("/ping"), [](const ApiRequest &) {
            return ApiResponse::json(QJsonObject { { u"ok"_qs, true } });
        });
        m_server->addRoute(QHttpServerRequest::Method::Post, QStringLiteral("/echo"),
                           [](const ApiRequest &r) {
                               return ApiResponse::json(QJsonObject { { u"size"_qs, r.http.body().size() } });
                           });
        m_server->addRoute(QHttpServerRequest::Method::Get, QStringLiteral("/items/{}"),
                           [](const ApiRequest &r) {
                               return ApiResponse::json(QJsonObject { { u"id"_qs, r.args.value(0) } });
                           });
        m_tcp = new HardenedTcpServer(testLimits());
        if (tls)
            m_tcp->setTls(tls->configuration());
        QVERIFY(m_tcp->listen(QHostAddress::LocalHost, 0));
        m_port = m_tcp->serverPort();
        m_server->bind(m_tcp);
    }

private Q_SLOTS:
    void init() { startServer(); }
    void cleanup()
    {
        m_server.reset();
        m_tcp = nullptr;
    }

    void answersJson()
    {
        RawClient c(m_port);
        c.send("GET /ping HTTP/1.1\r\nHost: x\r\n\r\n");
        QTRY_COMPARE(c.responses(), 1);
        QCOMPARE(c.firstStatus(), 200);
        QVERIFY(c.received.contains("Cache-Control: no-store"));
        QVERIFY(c.received.contains("Content-Type: application/json"));
        QTRY_VERIFY(!c.firstBody().isEmpty());
        QCOMPARE(c.firstBody().value(u"ok"_qs).toBool(), true);
    }

    void routingErrors_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("code");
        QTest::newRow("unknown path") << QByteArray("GET /nope HTTP/1.1\r\n\r\n") << 404 << "not_found";
        QTest::newRow("trailing slash") << QByteArray("GET /ping/ HTTP/1.1\r\n\r\n") << 404 << "not_found";
        QTest::newRow("wrong method")
            << QByteArray("DELETE /ping HTTP/1.1\r\n\r\n") << 405 << "method_not_allowed";
        QTest::newRow("encoded slash")
            << QByteArray("GET /items/a%2Fb/c HTTP/1.1\r\n\r\n") << 404 << "not_found";
        QTest::newRow("control char in segment")
            << QByteArray("GET /items/a%0Ab HTTP/1.1\r\n\r\n") << 404 << "not_found";
    }
    void routingErrors()
    {
        QFETCH(QByteArray, request);
        QFETCH(int, status);
        QFETCH(QString, code);
        RawClient c(m_port);
        c.send(request);
        QTRY_COMPARE(c.responses(), 1);
        QCOMPARE(c.firstStatus(), status);
        QTRY_COMPARE(c.firstBody().value(u"error"_qs).toObject().value(u"code"_qs).toString(), code);
        if (status == 405)
            QVERIFY(c.received.contains("Allow: GET"));
    }

    void hostileHostHeaders_data()
    {
        QTest::addColumn<QByteArray>("host");
        QTest::newRow("path in host") << QByteArray("evil/../ping");
        QTest::newRow("query in host") << QByteArray("a?b#c");
        QTest::newRow("credentials") << QByteArray("user:pw@x");
        QTest::newRow("bad port") << QByteArray("x:99999999");
        QTest::newRow("spaces") << QByteArray("a b c");
        QTest::newRow("empty") << QByteArray("");
    }
    void hostileHostHeaders()
    {
        // The Host header must never change which route a path reaches.
        QFETCH(QByteArray, host);
        RawClient c(m_port);
        c.send("GET /ping HTTP/1.1\r\nHost: " + host + "\r\n\r\n");
        QTRY_COMPARE(c.responses(), 1);
        QCOMPARE(c.firstStatus(), 200);
    }

    void decodesPathArguments()
    {
        RawClient c(m_port);
        c.send("GET /items/a%20b HTTP/1.1\r\n\r\n");
        QTRY_COMPARE(c.responses(), 1);
        QTRY_COMPARE(c.firstBody().value(u"id"_qs).toString(), u"a b"_qs);
    }

    void bodyAtTheLimitIsServed()
    {
        RawClient c(m_port);
        const QByteArray body(64 * 1024, 'x');
        c.send("POST /echo HTTP/1.1\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n"
               + body);
        QTRY_COMPARE(c.responses(), 1);
        QCOMPARE(c.firstStatus(), 200);
        QTRY_COMPARE(c.firstBody().value(u"size"_qs).toInt(), 64 * 1024);
    }

    void declaredOversizeIsRefusedBeforeTheBody()
    {
        RawClient c(m_port);
        // Only the headers are sent: the answer cannot wait for a body that never comes.
        c.send("POST /echo HTTP/1.1\r\nContent-Length: 10485760\r\n\r\n");
        QTRY_COMPARE(c.responses(), 1);
        QCOMPARE(c.firstStatus(), 413);
        QTRY_COMPARE(c.firstBody().value(u"error"_qs).toObject().value(u"code"_qs).toString(),
                     u"payload_too_large"_qs);
        QVERIFY(c.received.contains("Connection: close"));
        QTRY_VERIFY(c.closed);
    }

    void streamedOversizeIsAnsweredAndClosed()
    {
        RawClient c(m_port);
        c.send("POST /echo HTTP/1.1\r\nContent-Length: 2000000\r\n\r\n");
        c.send(QByteArray(2'000'000, 'x'));
        QTRY_COMPARE(c.responses(), 1);
        QCOMPARE(c.firstStatus(), 413);
        QTRY_VERIFY(c.closed);
    }

    void refusals_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<int>("status");
        QTest::newRow("huge headers")
            << QByteArray("GET /ping HTTP/1.1\r\nX: " + QByteArray(20000, 'a') + "\r\n\r\n") << 431;
        QTest::newRow("chunked") << QByteArray(
            "POST /echo HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n")
                                 << 411;
        QTest::newRow("websocket upgrade")
            << QByteArray("GET /ping HTTP/1.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n") << 400;
        QTest::newRow("bad content length")
            << QByteArray("POST /echo HTTP/1.1\r\nContent-Length: 1e3\r\n\r\n") << 400;
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
        QTRY_VERIFY(c.closed);
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
        c.send("POST /echo HTTP/1.1\r\nContent-Length: 100\r\n\r\nabc");
        QTRY_VERIFY_WITH_TIMEOUT(c.closed, 10'000);
        QCOMPARE(c.firstStatus(), 408);
    }

    void idleConnectionIsClosedQuietly()
    {
        RawClient c(m_port);
        QTRY_VERIFY_WITH_TIMEOUT(c.closed, 10'000);
        QCOMPARE(c.responses(), 0);
    }

    void keepAliveAndPipelining()
    {
        RawClient c(m_port);
        c.send("GET /ping HTTP/1.1\r\n\r\n");
        QTRY_COMPARE(c.responses(), 1);
        c.send("POST /echo HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc");
        QTRY_COMPARE(c.responses(), 2);
        // Three at once, the last one split across writes.
        c.send("GET /ping HTTP/1.1\r\n\r\nPOST /echo HTTP/1.1\r\nContent-Length: 5\r\n\r\nhelloPOST /echo "
               "HTTP/1.1\r\nCont");
        QTRY_COMPARE(c.responses(), 4);
        c.send("ent-Length: 2\r\n\r\nhi");
        QTRY_COMPARE(c.responses(), 5);
        QVERIFY(!c.closed);
        QVERIFY(c.received.endsWith("{\"size\":2}"));
        // A refused request after good ones still closes the connection.
        c.send("POST /echo HTTP/1.1\r\nContent-Length: 999999\r\n\r\n");
        QTRY_COMPARE(c.responses(), 6);
        QTRY_VERIFY(c.closed);
    }

    void connectionCloseIsHonoured()
    {
        RawClient c(m_port);
        // Two pipelined requests, the second asks to close: both answered, then closed.
        c.send("GET /ping HTTP/1.1\r\n\r\nGET /ping HTTP/1.1\r\nConnection: close\r\n\r\n");
        QTRY_VERIFY(c.closed);
        QCOMPARE(c.responses(), 2);
        RawClient old(m_port);
        old.send("GET /ping HTTP/1.0\r\n\r\n");
        QTRY_VERIFY(old.closed);
        QCOMPARE(old.responses(), 1);
    }

    void connectionCaps()
    {
        std::vector<std::unique_ptr<RawClient>> clients;
        for (int i = 0; i < 3; ++i)
            clients.push_back(std::make_unique<RawClient>(m_port, u"127.0.0.1"_qs));
        QTRY_COMPARE(m_tcp->activeConnections(), 3);
        // A fourth from the same address is over the per-source cap.
        RawClient sameSource(m_port, u"127.0.0.1"_qs);
        QTRY_VERIFY(sameSource.closed);
        // Another address still gets in, up to the total cap.
        RawClient other(m_port, u"127.0.0.2"_qs);
        QTRY_COMPARE(m_tcp->activeConnections(), 4);
        RawClient third(m_port, u"127.0.0.3"_qs);
        QTRY_VERIFY(third.closed);
        // Freed slots are usable again and the earlier connections still work.
        clients.front()->socket()->disconnectFromHost();
        QTRY_COMPARE(m_tcp->activeConnections(), 3);
        RawClient again(m_port, u"127.0.0.3"_qs);
        again.send("GET /ping HTTP/1.1\r\n\r\n");
        QTRY_COMPARE(again.responses(), 1);
        clients.back()->send("GET /ping HTTP/1.1\r\n\r\n");
        QTRY_COMPARE(clients.back()->responses(), 1);
    }

    void tls()
    {
        bool created = false;
        auto material = TlsMaterial::loadOrCreateSelfSigned(m_tmp.path(), u"hub.example.com"_qs, &created);
        QVERIFY2(material.ok(), qPrintable(material.ok() ? QString() : material.error().message));
        QVERIFY(created);
        struct stat st
        {
        };
        QVERIFY(::stat(QFile::encodeName(m_tmp.filePath(u"api-key.pem"_qs)).constData(), &st) == 0);
        QCOMPARE(int(st.st_mode & 0777), 0600);

        // The fingerprint is the one openssl computes for the same file.
        QProcess openssl;
        openssl.start(u"openssl"_qs,
                      { u"x509"_qs, u"-noout"_qs, u"-fingerprint"_qs, u"-sha256"_qs, u"-in"_qs,
                        m_tmp.filePath(u"api-cert.pem"_qs) });
        QVERIFY(openssl.waitForFinished());
        QVERIFY(QString::fromLatin1(openssl.readAllStandardOutput()).contains(material->fingerprintColons()));
        QVERIFY(material->fingerprint().startsWith(u"sha256:"));
        QCOMPARE(material->fingerprintHex().size(), 64);

        auto again = TlsMaterial::loadOrCreateSelfSigned(m_tmp.path(), u"hub.example.com"_qs, &created);
        QVERIFY(again.ok());
        QVERIFY(!created);
        QCOMPARE(again->fingerprint(), material->fingerprint());

        cleanup();
        startServer(material.value());
        RawClient c(m_port, QString(), true);
        QTRY_VERIFY(c.encrypted);
        auto *ssl = qobject_cast<QSslSocket *>(c.socket());
        QCOMPARE(QString::fromLatin1(ssl->peerCertificate().digest(QCryptographicHash::Sha256).toHex()),
                 material->fingerprintHex());
        c.send("GET /ping HTTP/1.1\r\n\r\n");
        QTRY_COMPARE(c.responses(), 1);
        QCOMPARE(c.firstStatus(), 200);
        c.send("POST /echo HTTP/1.1\r\nContent-Length: 99999999\r\n\r\n");
        QTRY_COMPARE(c.responses(), 2);
        QVERIFY(c.received.contains("HTTP/1.1 413"));

        // Plain HTTP or silence on the TLS port goes nowhere.
        RawClient plain(m_port);
        plain.send("GET /ping HTTP/1.1\r\n\r\n");
        QTRY_VERIFY_WITH_TIMEOUT(plain.closed, 10'000);
        QCOMPARE(plain.responses(), 0);
        RawClient silent(m_port);
        QTRY_VERIFY_WITH_TIMEOUT(silent.closed, 10'000);
    }

    void tlsMaterialErrors()
    {
        auto missing = TlsMaterial::load(m_tmp.filePath(u"nope.pem"_qs), m_tmp.filePath(u"nope.key"_qs));
        QVERIFY(!missing.ok());
        QCOMPARE(missing.error().code, ErrorCode::NotFound);

        QTemporaryDir a;
        QTemporaryDir b;
        auto first = TlsMaterial::loadOrCreateSelfSigned(a.path(), u"a"_qs);
        auto second = TlsMaterial::loadOrCreateSelfSigned(b.path(), u"b"_qs);
        QVERIFY(first.ok() && second.ok());
        auto mismatched = TlsMaterial::load(a.filePath(u"api-cert.pem"_qs), b.filePath(u"api-key.pem"_qs));
        QVERIFY(!mismatched.ok());
        QVERIFY(mismatched.error().message.contains(u"does not belong"));

        QFile junk(a.filePath(u"junk.pem"_qs));
        QVERIFY(junk.open(QIODevice::WriteOnly));
        junk.write("not a certificate");
        junk.close();
        auto garbage = TlsMaterial::load(junk.fileName(), a.filePath(u"api-key.pem"_qs));
        QVERIFY(!garbage.ok());
        QCOMPARE(garbage.error().code, ErrorCode::InvalidInput);
    }
};

QTEST_GUILESS_MAIN(TestHardenedListener)
#include "tst_hardenedlistener.moc"
