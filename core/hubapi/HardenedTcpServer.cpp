#include "HardenedTcpServer.h"

#include "ConnectionGuard.h"

#include <QSslSocket>
#include <QTcpSocket>

#include <unistd.h>

namespace fvpn {

namespace {

// Set once QHttpServer owns the socket (and deletes it on disconnect).
constexpr char HandedProperty[] = "fvpnHandedToServer";

QString sourceOf(const QTcpSocket *socket)
{
    QHostAddress address = socket->peerAddress();
    // An IPv4 client on a dual-stack socket shows up as ::ffff:a.b.c.d; count it as a.b.c.d.
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4);
    if (isV4)
        address = QHostAddress(v4);
    return address.toString();
}

} // namespace

HardenedTcpServer::HardenedTcpServer(const ListenerLimits &limits, QObject *parent)
    : QTcpServer(parent)
    , m_limits(limits)
{
    // The kernel backlog is not ours to fill: QHttpServer takes connections at once.
    setMaxPendingConnections(limits.maxConnections);
}

void HardenedTcpServer::setTls(const QSslConfiguration &configuration)
{
    m_tls = configuration;
}

void HardenedTcpServer::incomingConnection(qintptr handle)
{
    QTcpSocket *socket = nullptr;
    if (m_tls) {
        auto *ssl = new QSslSocket(this);
        ssl->setSslConfiguration(*m_tls);
        socket = ssl;
    } else {
        socket = new QTcpSocket(this);
    }
    if (!socket->setSocketDescriptor(handle)) {
        delete socket;
        ::close(int(handle));
        return;
    }
    const QString source = sourceOf(socket);
    if (m_active >= m_limits.maxConnections) {
        Q_EMIT connectionRefused(source, QStringLiteral("too many connections"));
        socket->abort();
        socket->deleteLater();
        return;
    }
    if (m_perSource.value(source) >= m_limits.maxConnectionsPerSource) {
        Q_EMIT connectionRefused(source, QStringLiteral("too many connections from this address"));
        socket->abort();
        socket->deleteLater();
        return;
    }
    track(socket, source);
    // Bounds what the socket itself buffers: at most one full request plus slack,
    // whatever the client sends behind it.
    socket->setReadBufferSize(m_limits.framing.maxHeaderBytes + m_limits.framing.maxBodyBytes + 16 * 1024);
    auto *guard = new ConnectionGuard(socket, m_limits);
    Q_UNUSED(guard);

    if (auto *ssl = qobject_cast<QSslSocket *>(socket)) {
        connect(ssl, &QSslSocket::encrypted, this, [this, ssl] { hand(ssl); });
        // A failed handshake ends here; the socket never reaches the HTTP server.
        connect(ssl, &QAbstractSocket::disconnected, this, [ssl] {
            if (!ssl->property(HandedProperty).toBool())
                ssl->deleteLater();
        });
        connect(ssl, &QSslSocket::sslErrors, this, [this, ssl, source](const QList<QSslError> &) {
            Q_EMIT connectionRefused(source, QStringLiteral("TLS handshake failed"));
            ssl->abort();
        });
        ssl->startServerEncryption();
    } else {
        hand(socket);
    }
}

void HardenedTcpServer::track(QTcpSocket *socket, const QString &source)
{
    ++m_active;
    ++m_perSource[source];
    connect(socket, &QObject::destroyed, this, [this, source] {
        --m_active;
        auto it = m_perSource.find(source);
        if (it != m_perSource.end() && --it.value() <= 0)
            m_perSource.erase(it);
    });
}

void HardenedTcpServer::hand(QTcpSocket *socket)
{
    auto *guard = socket->findChild<ConnectionGuard *>(QString(), Qt::FindDirectChildrenOnly);
    socket->setProperty(HandedProperty, true);
    addPendingConnection(socket);
    if (guard)
        guard->attachedToServer();
}

} // namespace fvpn
