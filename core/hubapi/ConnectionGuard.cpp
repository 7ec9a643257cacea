#include "ConnectionGuard.h"

#include "ApiError.h"

#include <QTcpSocket>

namespace fvpn {

namespace {

// Input drained after a refusal is thrown away; past this the client is not listening.
constexpr qint64 MaxDrainBytes = 1024 * 1024;

} // namespace

ConnectionGuard::ConnectionGuard(QTcpSocket *socket, const ListenerLimits &limits)
    : QObject(socket)
    , m_socket(socket)
    , m_limits(limits)
    , m_framer(limits.framing)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &ConnectionGuard::timedOut);
    connect(socket, &QIODevice::readyRead, this, &ConnectionGuard::beforeServerReads);
    // Until the server takes over (TLS handshake), the idle deadline is the handshake's.
    m_timer.start(limits.handshakeTimeoutMs);
}

void ConnectionGuard::attachedToServer()
{
    connect(m_socket, &QIODevice::readyRead, this, &ConnectionGuard::afterServerReads);
    m_unread = m_socket->bytesAvailable();
    armTimer();
    // Bytes that arrived with the handshake get no readyRead of their own.
    if (m_socket->bytesAvailable() > 0)
        QMetaObject::invokeMethod(m_socket, &QIODevice::readyRead, Qt::QueuedConnection);
}

void ConnectionGuard::beforeServerReads()
{
    if (m_refusing)
        return;
    const qint64 available = m_socket->bytesAvailable();
    const qint64 fresh = available - m_unread;
    if (fresh > 0) {
        const QByteArray buffered = m_socket->peek(available);
        const auto progress = m_framer.feed(QByteArrayView(buffered).last(qsizetype(fresh)));
        if (m_framer.rejected()) {
            refuse(m_framer.rejection().status, m_framer.rejection().message);
            return;
        }
        // A new request (or the end of one) resets the clock: the deadline is per request.
        if (progress.started > 0 || progress.completed > 0)
            m_requestTimerRunning = false;
    }
    m_unread = available;
    armTimer();
}

void ConnectionGuard::afterServerReads()
{
    if (m_refusing)
        return;
    m_unread = m_socket->bytesAvailable();
    // The server answers one request per turn and leaves the rest unread; once
    // everything up to a "Connection: close" request is answered, close (after
    // the answer is flushed).
    if (m_framer.closeRequested() && !m_framer.inRequest() && m_unread == 0)
        m_socket->disconnectFromHost();
}

void ConnectionGuard::armTimer()
{
    if (m_framer.inRequest()) {
        if (!m_requestTimerRunning) {
            m_requestTimerRunning = true;
            m_timer.start(m_limits.requestDeadlineMs);
        }
    } else {
        m_requestTimerRunning = false;
        m_timer.start(m_limits.idleTimeoutMs);
    }
}

void ConnectionGuard::timedOut()
{
    if (m_refusing) {
        m_socket->abort();
        return;
    }
    if (m_framer.inRequest()) {
        refuse(408,
               QStringLiteral("the request was not received within %1 seconds")
                   .arg(m_limits.requestDeadlineMs / 1000.0));
        return;
    }
    m_socket->disconnectFromHost();
}

void ConnectionGuard::refuse(int status, const QString &message)
{
    m_refusing = true;
    // The server must never see this connection's input again, so drop every
    // readyRead connection (its slot too, even mid-emission) and drain instead.
    QObject::disconnect(m_socket, &QIODevice::readyRead, nullptr, nullptr);
    connect(m_socket, &QIODevice::readyRead, this, &ConnectionGuard::drain);
    // A read transaction the server started would keep every drained byte.
    if (m_socket->isTransactionStarted())
        m_socket->commitTransaction();

    const ApiError error = ApiError::fromStatus(status, message);
    const QByteArray body = error.body();
    QByteArray response = "HTTP/1.1 " + QByteArray::number(status) + ' ' + httpReasonPhrase(status) + "\r\n";
    response += "Content-Type: application/json\r\nConnection: close\r\nContent-Length: "
        + QByteArray::number(body.size()) + "\r\n\r\n" + body;
    if (m_socket->state() == QAbstractSocket::ConnectedState)
        m_socket->write(response);
    drain();
    // Linger so the client reads the answer instead of a reset caused by unread
    // input; the client closes (Connection: close) or the timer does.
    m_timer.start(m_limits.lingerMs);
}

void ConnectionGuard::drain()
{
    // skip() on a socket still reads into a scratch buffer; read in bounded chunks.
    char scratch[4096];
    while (m_socket->bytesAvailable() > 0) {
        const qint64 n = m_socket->read(scratch, sizeof scratch);
        if (n <= 0)
            break;
        m_drained += n;
    }
    if (m_drained > MaxDrainBytes)
        m_socket->abort();
}

} // namespace fvpn
