#pragma once

#include "HttpExchange.h"
#include "ListenerLimits.h"

#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QSslConfiguration>

#include <functional>
#include <memory>

QT_BEGIN_NAMESPACE
class QTcpServer;
QT_END_NAMESPACE

namespace fvpn {

class HttpWorkerPool;
struct HttpServerContext;

// Our own strict HTTP/1.1 server (docs/hub-internals.md §HTTP). Lives on the
// main thread, where it accepts (and refuses, over the connection caps) on one
// or more addresses; each accepted connection lives on a worker thread of the
// pool, which parses (HttpRequestParser: one parser decides what a request is),
// enforces the deadlines and limits, calls the handler and writes the answers.
//
// The handler runs on the connection's worker thread, once per request, and must
// not block: it answers through the HttpExchange at once or later, from any
// thread (posting work elsewhere and answering from there is the usual way).
class HttpServer : public QObject
{
    Q_OBJECT

public:
    using Handler = std::function<void(HttpExchange)>;
    // The answer to a request the server refuses itself (400, 408, 413, 414,
    // 417, 431, 501, 505); text/plain by default.
    using RejectionFormatter = std::function<HttpResponse(int status, const QString &message)>;

    explicit HttpServer(const ListenerLimits &limits, std::shared_ptr<HttpWorkerPool> workers = nullptr,
                        QObject *parent = nullptr);
    // Ends every connection (waiting for a handler running on a worker to return).
    ~HttpServer() override;

    // Set before the first listen(); fixed afterwards.
    void setHandler(Handler handler);
    void setRejectionFormatter(RejectionFormatter formatter);
    // Serves TLS with this certificate and key, limited to TLS 1.2+ with AEAD
    // suites (restrictTls()).
    void setTls(const QSslConfiguration &configuration);
    bool isTls() const;

    // The port bound (useful with port 0), or 0 with `error` set.
    quint16 listen(const QHostAddress &address, quint16 port, QString *error = nullptr);

    const ListenerLimits &limits() const;
    int quickConnections() const;
    int waitingConnections() const;

    // TLS 1.2 or later; TLS 1.2 only with ECDHE key exchange and AEAD ciphers
    // (Mozilla "intermediate"); TLS 1.3 as OpenSSL offers it.
    static QSslConfiguration restrictTls(QSslConfiguration configuration);

Q_SIGNALS:
    // A connection closed at once because of the caps (for logs and tests); no secrets in `why`.
    void connectionRefused(const QString &source, const QString &why);

private:
    friend class HttpListener;
    void accept(qintptr descriptor);

    std::shared_ptr<HttpServerContext> m_context;
    std::shared_ptr<HttpWorkerPool> m_workers;
    QList<QTcpServer *> m_listeners;
    bool m_frozen = false;
};

// The client's address as text; an IPv4-mapped IPv6 address shows as IPv4.
QString normalizedSource(const QHostAddress &address);

} // namespace fvpn
