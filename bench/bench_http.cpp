// The HTTP servers under load, for bench/bench_http.sh (docs/benchmarks.md):
//
//   bench_http serve old|worker|state [--tls DIR]   serve until killed, print the port
//   bench_http hold PORT COUNT [--tls]              open COUNT connections that wait
//
// "old" is QHttpServer (Qt 6.4), the server the hub used before core/http, with
// the same answers; "worker" is core/http's HttpServer answering on its worker
// threads (where snapshot reads will run); "state" is the hub API's router with
// the route on the main thread, as every hub route runs today. Each serves
//   GET /api/v1/health   the hub's health answer
//   GET /static          a 2.5 MB answer (about GET /api/v1/devices at 10,000 devices)
// and the new servers also
//   GET /hold            a long-poll that never ends (bench only, not a hub route)
//   GET /stats           quick and waiting connection counts
#include "ApiHttpServer.h"
#include "HttpServer.h"
#include "HttpWorker.h"
#include "TlsMaterial.h"

#include <QCoreApplication>
#include <QHttpServer>
#include <QHttpServerResponse>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSslSocket>
#include <QTcpServer>
#include <QTextStream>
#include <QTimer>

#include <cstdio>
#include <memory>

using namespace fvpn;

namespace {

QByteArray healthBody()
{
    return QJsonDocument(QJsonObject { { QStringLiteral("status"), QStringLiteral("ok") },
                                       { QStringLiteral("api"), QStringLiteral("v1") },
                                       { QStringLiteral("version"), QStringLiteral(FACTORYVPN_VERSION) } })
        .toJson(QJsonDocument::Compact);
}

QByteArray staticBody()
{
    QByteArray b = "{\"devices\":[";
    for (int i = 0; b.size() < 2'500'000; ++i) {
        b += "{\"name\":\"press-" + QByteArray::number(i) + "\",\"address\":\"10.42."
            + QByteArray::number(i / 250) + '.' + QByteArray::number(i % 250)
            + "\",\"public_key\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\","
            + "\"online\":true,\"rx\":123456,\"tx\":654321,\"endpoint\":\"192.0.2.7:51820\"},";
    }
    b.chop(1);
    return b + "]}";
}

ListenerLimits benchLimits()
{
    ListenerLimits limits;
    // wrk's connections all come from 127.0.0.1, and the holder's 1,000 too.
    limits.maxConnections = 4096;
    limits.maxConnectionsPerSource = 4096;
    limits.maxWaiting = 4096;
    limits.maxWaitingPerSource = 4096;
    limits.idleTimeoutMs = 600'000;
    return limits;
}

int serve(const QString &kind, const QString &tlsDir)
{
    static const QByteArray health = healthBody();
    static const QByteArray big = staticBody();
    std::optional<QSslConfiguration> tls;
    if (!tlsDir.isEmpty()) {
        auto material = TlsMaterial::loadOrCreateSelfSigned(tlsDir, QStringLiteral("bench"));
        if (!material) {
            std::fprintf(stderr, "%s\n", qPrintable(material.error().message));
            return 1;
        }
        tls = material->configuration();
    }
    quint16 port = 0;
    std::unique_ptr<QObject> keep;
    if (kind == u"old") {
        if (tls) {
            std::fprintf(stderr, "old: no TLS in this benchmark\n");
            return 1;
        }
        auto *server = new QHttpServer;
        keep.reset(server);
        server->route(QStringLiteral("/api/v1/health"),
                      [] { return QHttpServerResponse("application/json", health); });
        server->route(QStringLiteral("/static"), [] { return QHttpServerResponse("application/json", big); });
        port = quint16(server->listen(QHostAddress::LocalHost, 0));
    } else if (kind == u"worker") {
        auto *server = new HttpServer(benchLimits());
        keep.reset(server);
        server->setHandler([server](HttpExchange exchange) {
            const QByteArray &path = exchange.request().path;
            if (path == "/api/v1/health") {
                exchange.respond(HttpResponse(200, "application/json", health));
            } else if (path == "/static") {
                exchange.respond(HttpResponse(200, "application/json", big));
            } else if (path == "/hold") {
                if (!exchange.enterWaiting())
                    exchange.respond(HttpResponse(503, "text/plain", "busy"));
            } else if (path == "/stats") {
                exchange.respond(HttpResponse(
                    200, "application/json",
                    QJsonDocument(QJsonObject { { QStringLiteral("quick"), server->quickConnections() },
                                                { QStringLiteral("waiting"), server->waitingConnections() } })
                        .toJson(QJsonDocument::Compact)));
            } else {
                exchange.respond(HttpResponse(404, "text/plain", "no"));
            }
        });
        if (tls)
            server->setTls(*tls);
        port = server->listen(QHostAddress::LocalHost, 0);
    } else if (kind == u"state") {
        auto *server = new ApiHttpServer;
        keep.reset(server);
        server->addRoute(ApiMethod::Get, QStringLiteral("/api/v1/health"), [](const ApiRequest &) {
            ApiResponse r;
            r.body = health;
            return r;
        });
        server->addRoute(ApiMethod::Get, QStringLiteral("/static"), [](const ApiRequest &) {
            ApiResponse r;
            r.body = big;
            return r;
        });
        server->addAsyncRoute(ApiMethod::Get, QStringLiteral("/hold"),
                              [](const ApiRequest &, ApiResponder responder) { responder.enterWaiting(); });
        server->addRoute(ApiMethod::Get, QStringLiteral("/stats"), [server](const ApiRequest &) {
            HttpServer *http = server->servers().first();
            return ApiResponse::json(
                QJsonObject { { QStringLiteral("quick"), http->quickConnections() },
                              { QStringLiteral("waiting"), http->waitingConnections() } });
        });
        auto bound = server->listen(QHostAddress::LocalHost, 0, tls, benchLimits());
        port = bound ? bound.value() : 0;
    } else {
        std::fprintf(stderr, "serve old|worker|state\n");
        return 2;
    }
    if (port == 0) {
        std::fprintf(stderr, "cannot listen\n");
        return 1;
    }
    std::printf("%d\n", port);
    std::fflush(stdout);
    return QCoreApplication::exec();
}

// COUNT connections, each with one GET /hold that the server never answers.
int hold(quint16 port, int count, bool tls)
{
    auto *ready = new int(0);
    for (int i = 0; i < count; ++i) {
        QTcpSocket *socket = tls ? new QSslSocket : new QTcpSocket;
        const QByteArray request = "GET /hold HTTP/1.1\r\nHost: bench\r\n\r\n";
        auto sendIt = [socket, request, ready, count] {
            socket->write(request);
            if (++*ready == count) {
                std::printf("holding %d\n", count);
                std::fflush(stdout);
            }
        };
        if (auto *ssl = qobject_cast<QSslSocket *>(socket)) {
            ssl->setPeerVerifyMode(QSslSocket::VerifyNone);
            QObject::connect(ssl, &QSslSocket::encrypted, ssl, sendIt);
            ssl->connectToHostEncrypted(QStringLiteral("127.0.0.1"), port);
        } else {
            QObject::connect(socket, &QAbstractSocket::connected, socket, sendIt);
            socket->connectToHost(QHostAddress::LocalHost, port);
        }
        QObject::connect(socket, &QAbstractSocket::disconnected, socket,
                         [] { std::fprintf(stderr, "a held connection was closed\n"); });
        // Spread the handshakes a little, as real clients would arrive.
        if (i % 50 == 49)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    }
    return QCoreApplication::exec();
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() >= 3 && args[1] == u"serve") {
        const qsizetype tlsAt = args.indexOf(QStringLiteral("--tls"));
        return serve(args[2], tlsAt > 0 ? args.value(tlsAt + 1) : QString());
    }
    if (args.size() >= 4 && args[1] == u"hold")
        return hold(quint16(args[2].toUInt()), args[3].toInt(), args.contains(QStringLiteral("--tls")));
    std::fprintf(stderr, "usage: bench_http serve old|worker|state [--tls DIR] | hold PORT COUNT [--tls]\n");
    return 2;
}
