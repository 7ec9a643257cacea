#pragma once

#include "ListenerLimits.h"

#include <QHash>
#include <QSslConfiguration>
#include <QTcpServer>

#include <optional>

QT_BEGIN_NAMESPACE
class QTcpSocket;
QT_END_NAMESPACE

namespace fvpn {

// The QTcpServer handed to QHttpServer::bind() for every API listener. It adds
// what QHttpServer lacks: caps on connections (total and per source address),
// TLS with a handshake deadline, and a ConnectionGuard per connection that bounds
// request size and time. Refused connections are closed at once.
class HardenedTcpServer : public QTcpServer
{
    Q_OBJECT

public:
    explicit HardenedTcpServer(const ListenerLimits &limits, QObject *parent = nullptr);

    // Serve TLS with this configuration (certificate and key set); plain HTTP otherwise.
    void setTls(const QSslConfiguration &configuration);
    bool isTls() const { return m_tls.has_value(); }

    int activeConnections() const { return m_active; }
    const ListenerLimits &limits() const { return m_limits; }

Q_SIGNALS:
    // A connection closed because of a limit (for logs and tests); no secrets in `why`.
    void connectionRefused(const QString &source, const QString &why);

protected:
    void incomingConnection(qintptr handle) override;

private:
    void track(QTcpSocket *socket, const QString &source);
    void hand(QTcpSocket *socket);

    ListenerLimits m_limits;
    std::optional<QSslConfiguration> m_tls;
    int m_active = 0;
    QHash<QString, int> m_perSource;
};

} // namespace fvpn
