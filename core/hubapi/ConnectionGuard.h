#pragma once

#include "HttpRequestFramer.h"
#include "ListenerLimits.h"

#include <QObject>
#include <QTimer>

QT_BEGIN_NAMESPACE
class QTcpSocket;
QT_END_NAMESPACE

namespace fvpn {

// Watches one connection on behalf of HardenedTcpServer: sees every byte before
// QHttpServer does (its readyRead slot is connected first), refuses requests whose
// headers break the limits before their bodies are buffered, and closes
// connections that trickle or idle. Lives as a child of the socket.
class ConnectionGuard : public QObject
{
    Q_OBJECT

public:
    ConnectionGuard(QTcpSocket *socket, const ListenerLimits &limits);

    // Called once the socket is handed to QHttpServer, so this guard's second
    // readyRead slot runs after the server's and learns what it left unread.
    void attachedToServer();

    bool refused() const { return m_refusing; }

private:
    void beforeServerReads();
    void afterServerReads();
    void timedOut();
    void refuse(int status, const QString &message);
    void drain();
    void armTimer();

    QTcpSocket *m_socket;
    ListenerLimits m_limits;
    HttpRequestFramer m_framer;
    QTimer m_timer;
    qint64 m_unread = 0; // bytes QHttpServer left in the socket after its last read
    qint64 m_drained = 0;
    bool m_refusing = false;
    bool m_requestTimerRunning = false;
};

} // namespace fvpn
