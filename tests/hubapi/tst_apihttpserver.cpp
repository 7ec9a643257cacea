// The API router on core/http: JSON answers in one shape (also for requests the
// server refuses itself), routing errors, path arguments, where handlers run
// (Worker / State), asynchronous answers, the waiting class's 503, and the TLS
// material the public listener serves. The listener's own behaviour (limits,
// deadlines, caps, streams) is tested in tests/http/tst_httpserver.
#include "ApiHttpServer.h"
#include "HttpServer.h"
#include "RawClient.h"
#include "TlsMaterial.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>
#include <QtTest>

#include <atomic>
#include <memory>
#include <sys/stat.h>
#include <thread>

using namespace fvpn;

namespace {

ListenerLimits testLimits()
{
    ListenerLimits l;
    l.requestDeadlineMs = 400;
    l.idleTimeoutMs = 2000;
    l.lingerMs = 300;
    l.maxWaiting = 1;
    l.maxWaitingPerSource = 1;
    l.waitingRetryAfterSecs = 3;
    return l;
}

QString threadName()
{
    return QThread::currentThread() == QCoreApplication::instance()->thread() ? u"main"_qs : u"worker"_qs;
}

} // namespace

class TestApiHttpServer : public QObject
{
    Q_OBJECT

    std::unique_ptr<ApiHttpServer> m_server;
    quint16 m_port = 0;
    QTemporaryDir m_tmp;
    std::atomic<int> m_stateCalls { 0 };
    QList<ApiResponder> m_waiting;

    void startServer(const std::optional<TlsMaterial> &tls = std::nullopt)
    {
        m_server = std::make_unique<ApiHttpServer>();
        m_server->addRoute(ApiMethod::Get, QStringLiteral("/ping"), [](const ApiRequest &r) {
            return ApiResponse::json(QJsonObject { { u"ok"_qs, true }, { u"source"_qs, r.source } });
        });
        m_server->addRoute(ApiMethod::Post, QStringLiteral("/echo"), [](const ApiRequest &r) {
            return ApiResponse::json(QJsonObject { { u"size"_qs, r.body().size() } });
        });
        m_server->addRoute(ApiMethod::Get, QStringLiteral("/items/{}"), [](const ApiRequest &r) {
            return ApiResponse::json(
                QJsonObject { { u"id"_qs, r.args.value(0) },
                              { u"q"_qs, r.query().queryItemValue(u"q"_qs, QUrl::FullyDecoded) } });
        });
        m_server->addRoute(ApiMethod::Get, QStringLiteral("/where"), [](const ApiRequest &) {
            return ApiResponse::json(QJsonObject { { u"thread"_qs, threadName() } });
        });
        m_server->addRoute(
            ApiMethod::Get, QStringLiteral("/where/worker"),
            [](const ApiRequest &) {
                return ApiResponse::json(QJsonObject { { u"thread"_qs, threadName() } });
            },
            RouteThread::Worker);
        m_server->addRoute(ApiMethod::Get, QStringLiteral("/counted"), [this](const ApiRequest &) {
            ++m_stateCalls;
            return ApiResponse::noContent();
        });
        // Answered later, from the main thread (as an approval is, once applied).
        m_server->addAsyncRoute(
            ApiMethod::Post, QStringLiteral("/later"), [this](const ApiRequest &r, ApiResponder responder) {
                const QByteArray body = r.body();
                QTimer::singleShot(100, this, [responder, body] {
                    responder.respond(
                        ApiResponse::json(QJsonObject { { u"later"_qs, QString::fromLatin1(body) } }, 201));
                });
            });
        // A worker route that hands its work to another thread.
        m_server->addAsyncRoute(
            ApiMethod::Get, QStringLiteral("/elsewhere"),
            [](const ApiRequest &, ApiResponder responder) {
                std::thread([responder] {
                    responder.respond(ApiResponse::json(QJsonObject { { u"from"_qs, u"thread"_qs } }));
                }).detach();
            },
            RouteThread::Worker);
        m_server->addAsyncRoute(ApiMethod::Get, QStringLiteral("/wait"),
                                [this](const ApiRequest &, ApiResponder responder) {
                                    if (responder.enterWaiting())
                                        m_waiting.append(responder);
                                });
        auto port = m_server->listen(QHostAddress::LocalHost, 0,
                                     tls ? std::optional(tls->configuration()) : std::nullopt, testLimits());
        QVERIFY2(port.ok(), qPrintable(port.ok() ? QString() : port.error().message));
        m_port = port.value();
    }

private Q_SLOTS:
    void init()
    {
        m_stateCalls = 0;
        m_waiting.clear();
        startServer();
    }
    void cleanup()
    {
        m_waiting.clear();
        m_server.reset();
    }

    void answersJson()
    {
        RawClient c(m_port);
        c.send("GET /ping HTTP/1.1\r\nHost: x\r\n\r\n");
        QTRY_COMPARE(c.responses(), 1);
        const RawResponse r = c.first();
        QCOMPARE(r.status, 200);
        QCOMPARE(r.header("cache-control"), QByteArray("no-store"));
        QCOMPARE(r.header("content-type"), QByteArray("application/json"));
        QCOMPARE(r.json().value(u"ok"_qs).toBool(), true);
        QCOMPARE(r.json().value(u"source"_qs).toString(), u"127.0.0.1"_qs);
        QVERIFY(!r.body.contains('\n'));
    }

    void routingErrors_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("code");
        QTest::newRow("unknown path")
            << QByteArray("GET /nope HTTP/1.1\r\nHost: x\r\n\r\n") << 404 << "not_found";
        QTest::newRow("trailing slash")
            << QByteArray("GET /ping/ HTTP/1.1\r\nHost: x\r\n\r\n") << 404 << "not_found";
        QTest::newRow("dot segments")
            << QByteArray("GET /items/../ping HTTP/1.1\r\nHost: x\r\n\r\n") << 404 << "not_found";
        QTest::newRow("wrong method")
            << QByteArray("DELETE /ping HTTP/1.1\r\nHost: x\r\n\r\n") << 405 << "method_not_allowed";
        QTest::newRow("HEAD") << QByteArray("HEAD /ping HTTP/1.1\r\nHost: x\r\n\r\n") << 405
                              << "method_not_allowed";
        QTest::newRow("encoded slash")
            << QByteArray("GET /items/a%2Fb/c HTTP/1.1\r\nHost: x\r\n\r\n") << 404 << "not_found";
        QTest::newRow("control char in segment")
            << QByteArray("GET /items/a%0Ab HTTP/1.1\r\nHost: x\r\n\r\n") << 404 << "not_found";
        // Refused by the server itself, in the API's shape.
        QTest::newRow("space before colon")
            << QByteArray("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length : 2\r\n\r\n{}") << 400
            << "bad_request";
        QTest::newRow("HTTP/1.10") << QByteArray("GET /ping HTTP/1.10\r\nHost: x\r\n\r\n") << 400
                                   << "bad_request";
        QTest::newRow("HTTP/2.0") << QByteArray("GET /ping HTTP/2.0\r\nHost: x\r\n\r\n") << 505
                                  << "http_version_not_supported";
        QTest::newRow("gzip coding") << QByteArray(
            "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n")
                                     << 501 << "not_implemented";
        QTest::newRow("huge headers")
            << QByteArray("GET /ping HTTP/1.1\r\nHost: x\r\nX: " + QByteArray(20000, 'a') + "\r\n\r\n") << 431
            << "headers_too_large";
        QTest::newRow("long path") << QByteArray("GET /" + QByteArray(9000, 'a') + " HTTP/1.1\r\n\r\n") << 414
                                   << "uri_too_long";
        QTest::newRow("expectation") << QByteArray(
            "POST /echo HTTP/1.1\r\nHost: x\r\nExpect: x\r\nContent-Length: 2\r\n\r\n{}")
                                     << 417 << "expectation_failed";
        QTest::newRow("body too large")
            << QByteArray("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 70000\r\n\r\n") << 413
            << "payload_too_large";
        QTest::newRow("trickle") << QByteArray("GET /ping HTTP/1.1\r\nHost: x\r\n") << 408
                                 << "request_timeout";
    }
    void routingErrors()
    {
        QFETCH(QByteArray, request);
        QFETCH(int, status);
        QFETCH(QString, code);
        RawClient c(m_port);
        c.send(request);
        // A HEAD answer has headers only.
        const bool head = request.startsWith("HEAD ");
        auto answers = [&c, head] {
            return parseResponses(c.received, c.closed, head ? QList<int> { 0 } : QList<int> {});
        };
        QTRY_VERIFY_WITH_TIMEOUT(!answers().isEmpty() && answers().constFirst().complete, 10'000);
        const RawResponse r = answers().constFirst();
        QCOMPARE(r.status, status);
        QCOMPARE(r.header("cache-control"), QByteArray("no-store"));
        if (status == 405)
            QCOMPARE(r.header("allow"), QByteArray("GET"));
        if (head) {
            QVERIFY(r.body.isEmpty());
            QVERIFY(r.header("content-length").toInt() > 0);
            return;
        }
        QCOMPARE(r.errorCode(), code);
        QVERIFY(r.json().value(u"error"_qs).toObject().value(u"message"_qs).toString().size() > 10);
    }

    void hostHeaders_data()
    {
        QTest::addColumn<QByteArray>("host");
        QTest::addColumn<int>("status");
        QTest::newRow("name") << QByteArray("hub.example.com") << 200;
        QTest::newRow("name and port") << QByteArray("hub.example.com:8443") << 200;
        QTest::newRow("IPv6") << QByteArray("[fd00::1]:8444") << 200;
        QTest::newRow("empty") << QByteArray("") << 200;
        QTest::newRow("path in host") << QByteArray("evil/../ping") << 400;
        QTest::newRow("query in host") << QByteArray("a?b#c") << 400;
        QTest::newRow("credentials") << QByteArray("user:pw@x") << 400;
        QTest::newRow("spaces") << QByteArray("a b c") << 400;
    }
    void hostHeaders()
    {
        // The Host header never changes which route a path reaches: it is valid
        // (and ignored) or the request is refused.
        QFETCH(QByteArray, host);
        QFETCH(int, status);
        RawClient c(m_port);
        c.send("GET /ping HTTP/1.1\r\nHost: " + host + "\r\n\r\n");
        QTRY_COMPARE(c.responses(), 1);
        QCOMPARE(c.firstStatus(), status);
    }

    void decodesPathArgumentsAndQueries()
    {
        RawClient c(m_port);
        c.send("GET /items/a%20b?q=x%26y HTTP/1.1\r\nHost: x\r\n\r\n");
        QTRY_COMPARE(c.responses(), 1);
        QCOMPARE(c.first().json().value(u"id"_qs).toString(), u"a b"_qs);
        QCOMPARE(c.first().json().value(u"q"_qs).toString(), u"x&y"_qs);
    }

    void whereHandlersRun()
    {
        RawClient c(m_port);
        c.send("GET /where HTTP/1.1\r\nHost: x\r\n\r\nGET /where/worker HTTP/1.1\r\nHost: x\r\n\r\n");
        QTRY_COMPARE(c.responses(), 2);
        QCOMPARE(c.answers().at(0).json().value(u"thread"_qs).toString(), u"main"_qs);
        QCOMPARE(c.answers().at(1).json().value(u"thread"_qs).toString(), u"worker"_qs);
    }

    void asynchronousAnswers()
    {
        RawClient c(m_port);
        c.send("POST /later HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nhiGET /elsewhere "
               "HTTP/1.1\r\nHost: x\r\n\r\n"
               "GET /ping HTTP/1.1\r\nHost: x\r\n\r\n");
        QTRY_COMPARE(c.responses(), 3);
        const auto answers = c.answers();
        QCOMPARE(answers[0].status, 201);
        QCOMPARE(answers[0].json().value(u"later"_qs).toString(), u"hi"_qs);
        QCOMPARE(answers[0].header("cache-control"), QByteArray("no-store"));
        QCOMPARE(answers[1].json().value(u"from"_qs).toString(), u"thread"_qs);
        QCOMPARE(answers[2].status, 200);
    }

    void stateRouteIsSkippedForAClientThatLeft()
    {
        RawClient c(m_port);
        QTRY_COMPARE(m_server->servers().first()->quickConnections(), 1);
        c.send("GET /counted HTTP/1.1\r\nHost: x\r\n\r\n");
        c.socket()->flush();
        // The main thread does not run its events meanwhile: the worker reads the
        // request and posts it here, then sees the client leave.
        QThread::msleep(300);
        c.abort();
        for (int i = 0; i < 1000 && m_server->servers().first()->quickConnections() > 0; ++i)
            QThread::msleep(10);
        QCOMPARE(m_server->servers().first()->quickConnections(), 0);
        QTest::qWait(200);
        QCOMPARE(m_stateCalls.load(), 0);
        // A client that stays is served.
        RawClient d(m_port);
        d.send("GET /counted HTTP/1.1\r\nHost: x\r\n\r\n");
        QTRY_COMPARE(d.responses(), 1);
        QCOMPARE(d.firstStatus(), 204);
        QCOMPARE(m_stateCalls.load(), 1);
    }

    void waitingCapAnswers503()
    {
        RawClient a(m_port);
        a.send("GET /wait HTTP/1.1\r\nHost: x\r\n\r\n");
        QTRY_COMPARE(m_waiting.size(), 1);
        RawClient b(m_port);
        b.send("GET /wait HTTP/1.1\r\nHost: x\r\n\r\n");
        QTRY_COMPARE(b.responses(), 1);
        QCOMPARE(b.firstStatus(), 503);
        QCOMPARE(b.first().errorCode(), u"unavailable"_qs);
        QCOMPARE(b.first().header("retry-after"), QByteArray("3"));
        QVERIFY(m_waiting.first().isOpen());
        m_waiting.first().respond(ApiResponse::json(QJsonObject { { u"changed"_qs, true } }));
        QTRY_COMPARE(a.responses(), 1);
        QVERIFY(!m_waiting.first().isOpen());
    }

    void tlsMaterial()
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
        c.send("GET /ping HTTP/1.1\r\nHost: x\r\n\r\n");
        QTRY_COMPARE(c.responses(), 1);
        QCOMPARE(c.firstStatus(), 200);
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

    void listenErrorNamesTheAddress()
    {
        auto again = m_server->listen(QHostAddress::LocalHost, m_port, std::nullopt, testLimits());
        QVERIFY(!again.ok());
        QVERIFY(again.error().message.contains(u"cannot listen on 127.0.0.1 port"_qs));
    }
};

QTEST_GUILESS_MAIN(TestApiHttpServer)
#include "tst_apihttpserver.moc"
