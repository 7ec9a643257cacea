#pragma once

// What tst_httpserver and tst_httpwaiting share: one HttpServer on 127.0.0.1
// with small limits, and a handler whose paths answer at once, later, from
// another thread, hold (long-poll), stream, time out or never answer.

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

namespace fvpn::testing {

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

inline HttpResponse text(int status, const QByteArray &body)
{
    return HttpResponse(status, "text/plain", body);
}

inline QByteArray bigBody()
{
    QByteArray b;
    b.reserve(2'500'000);
    for (int i = 0; b.size() < 2'500'000; ++i)
        b += QByteArray::number(i) + ',';
    return b;
}

class HttpServerFixture : public QObject
{
protected:
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
                [this, exchange]() mutable {
                    QTimer::singleShot(150, this,
                                       [exchange]() mutable { exchange.respond(text(200, "later")); });
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

    void startFixture()
    {
        m_mainThread = QThread::currentThread();
        m_requests = 0;
        m_gone = 0;
        m_refusedWaiting = 0;
        m_held.clear();
        m_paths.clear();
        startServer();
    }
    void stopFixture()
    {
        m_server.reset();
        m_held.clear();
    }
};

} // namespace fvpn::testing
