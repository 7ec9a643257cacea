#include "HttpServer.h"

#include "HttpServerContext.h"
#include "HttpWorker.h"

#include <QSslCipher>
#include <QTcpServer>

#include <sys/socket.h>
#include <unistd.h>

namespace fvpn {

// Hands every accepted descriptor to the server before Qt makes a socket of it:
// the socket is made on the worker that will own it.
class HttpListener : public QTcpServer
{
public:
    explicit HttpListener(HttpServer *server)
        : QTcpServer(server)
        , m_server(server)
    { }

protected:
    void incomingConnection(qintptr descriptor) override { m_server->accept(descriptor); }

private:
    HttpServer *m_server;
};

namespace {

QHostAddress peerOf(qintptr descriptor)
{
    sockaddr_storage address {};
    socklen_t size = sizeof address;
    if (::getpeername(int(descriptor), reinterpret_cast<sockaddr *>(&address), &size) != 0)
        return {};
    return QHostAddress(reinterpret_cast<const sockaddr *>(&address));
}

} // namespace

QString normalizedSource(const QHostAddress &address)
{
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4);
    return isV4 ? QHostAddress(v4).toString() : address.toString();
}

HttpServer::HttpServer(const ListenerLimits &limits, std::shared_ptr<HttpWorkerPool> workers, QObject *parent)
    : QObject(parent)
    , m_context(std::make_shared<HttpServerContext>())
    , m_workers(workers ? std::move(workers) : std::make_shared<HttpWorkerPool>())
{
    m_context->limits = limits;
    m_context->budget = std::make_shared<ConnectionBudget>(limits);
    m_context->handler = [](HttpExchange exchange) {
        exchange.respond(HttpResponse(404, "text/plain; charset=utf-8", "not found\n"));
    };
}

HttpServer::~HttpServer()
{
    for (QTcpServer *listener : std::as_const(m_listeners))
        listener->close();
    // No handler of this server runs, or is called, once this returns.
    m_workers->closeAll(m_context.get());
}

void HttpServer::setHandler(Handler handler)
{
    Q_ASSERT(!m_frozen);
    if (!m_frozen)
        m_context->handler = std::move(handler);
}

void HttpServer::setRejectionFormatter(RejectionFormatter formatter)
{
    Q_ASSERT(!m_frozen);
    if (!m_frozen)
        m_context->rejection = std::move(formatter);
}

void HttpServer::setTls(const QSslConfiguration &configuration)
{
    Q_ASSERT(!m_frozen);
    if (m_frozen)
        return;
    // Only the OpenSSL context is kept: no second copy of the key in Qt's structures.
    m_context->tls = true;
    m_context->tlsError.clear();
    m_context->tlsContext = TlsContext::create(restrictTls(configuration), &m_context->tlsError);
}

bool HttpServer::isTls() const
{
    return m_context->tls;
}

const ListenerLimits &HttpServer::limits() const
{
    return m_context->limits;
}

int HttpServer::quickConnections() const
{
    return m_context->budget->quick();
}

int HttpServer::waitingConnections() const
{
    return m_context->budget->waiting();
}

quint16 HttpServer::listen(const QHostAddress &address, quint16 port, QString *error)
{
    m_frozen = true;
    if (m_context->tls && !m_context->tlsContext) {
        if (error)
            *error = m_context->tlsError;
        return 0;
    }
    auto *listener = new HttpListener(this);
    // Bursts of connections (a NAT full of engineers reconnecting) queue in the kernel.
    listener->setListenBacklogSize(1024);
    if (!listener->listen(address, port)) {
        if (error)
            *error = listener->errorString();
        delete listener;
        return 0;
    }
    m_listeners.append(listener);
    return listener->serverPort();
}

void HttpServer::accept(qintptr descriptor)
{
    const QHostAddress peer = peerOf(descriptor);
    const QString source = normalizedSource(peer);
    if (const QString refused = m_context->budget->admitQuick(source); !refused.isEmpty()) {
        ::close(int(descriptor));
        Q_EMIT connectionRefused(source, refused);
        return;
    }
    HttpWorker *worker = m_workers->pick();
    std::shared_ptr<const HttpServerContext> context = m_context;
    const bool posted = worker->mailbox()->run(
        [worker, descriptor, context, source, peer] { worker->adopt(descriptor, context, source, peer); });
    if (!posted) {
        ::close(int(descriptor));
        m_context->budget->releaseQuick(source);
    }
}

QSslConfiguration HttpServer::restrictTls(QSslConfiguration configuration)
{
    configuration.setProtocol(QSsl::TlsV1_2OrLater);
    // TLS 1.2 suites only; OpenSSL keeps its TLS 1.3 suites (all AEAD) apart.
    static const char *const Tls12Suites[] = {
        "ECDHE-ECDSA-AES128-GCM-SHA256", "ECDHE-RSA-AES128-GCM-SHA256",   "ECDHE-ECDSA-AES256-GCM-SHA384",
        "ECDHE-RSA-AES256-GCM-SHA384",   "ECDHE-ECDSA-CHACHA20-POLY1305", "ECDHE-RSA-CHACHA20-POLY1305",
    };
    QList<QSslCipher> ciphers;
    for (const char *name : Tls12Suites) {
        const QSslCipher cipher(QString::fromLatin1(name));
        if (!cipher.isNull())
            ciphers.append(cipher);
    }
    configuration.setCiphers(ciphers);
    return configuration;
}

} // namespace fvpn
