#include "FakeEventFront.h"

#include <QHostAddress>
#include <QJsonDocument>
#include <QTcpSocket>

namespace fvpn::test {

namespace {

constexpr qsizetype MaxHeadBytes = 32 * 1024;

QByteArray jsonText(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

} // namespace

FakeEventFront::FakeEventFront(QObject *parent)
    : QObject(parent)
{
    connect(&m_server, &QTcpServer::newConnection, this, &FakeEventFront::onConnection);
}

FakeEventFront::~FakeEventFront()
{
    for (const QPointer<QTcpSocket> &s : std::as_const(m_streams)) {
        if (s)
            s->abort();
    }
}

bool FakeEventFront::listen(quint16 backendPort)
{
    m_backendPort = backendPort;
    return m_server.listen(QHostAddress::LocalHost, 0);
}

void FakeEventFront::onConnection()
{
    while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        socket->setParent(this);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onHead(socket); });
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    }
}

void FakeEventFront::onHead(QTcpSocket *socket)
{
    // Only peeks: a connection passed through must reach the backend whole.
    const QByteArray head = socket->peek(MaxHeadBytes);
    const qsizetype end = head.indexOf("\r\n\r\n");
    if (end < 0) {
        if (head.size() >= MaxHeadBytes)
            socket->abort();
        return;
    }
    socket->disconnect(this);
    const QList<QByteArray> lines = head.left(end).split('\n');
    const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
    const QByteArray target = requestLine.value(1);
    if (requestLine.value(0) == "GET" && target.split('?').value(0) == "/api/v1/events") {
        socket->read(end + 4);
        serveStream(socket, lines.mid(1));
    } else {
        passThrough(socket);
    }
}

void FakeEventFront::passThrough(QTcpSocket *socket)
{
    auto *backend = new QTcpSocket(socket);
    connect(backend, &QTcpSocket::connected, socket,
            [socket, backend] { backend->write(socket->readAll()); });
    connect(socket, &QTcpSocket::readyRead, backend, [socket, backend] {
        if (backend->state() == QAbstractSocket::ConnectedState)
            backend->write(socket->readAll());
    });
    connect(backend, &QTcpSocket::readyRead, socket,
            [socket, backend] { socket->write(backend->readAll()); });
    connect(backend, &QTcpSocket::disconnected, socket, [socket] { socket->disconnectFromHost(); });
    connect(socket, &QTcpSocket::disconnected, backend, [backend] { backend->disconnectFromHost(); });
    backend->connectToHost(QHostAddress::LocalHost, m_backendPort);
}

void FakeEventFront::serveStream(QTcpSocket *socket, const QList<QByteArray> &headerLines)
{
    ++streamRequests;
    QByteArray authorization;
    QByteArray lastEventId;
    for (const QByteArray &line : headerLines) {
        const qsizetype colon = line.indexOf(':');
        const QByteArray name = line.left(colon).trimmed().toLower();
        const QByteArray value = line.mid(colon + 1).trimmed();
        if (name == "authorization")
            authorization = value;
        else if (name == "last-event-id")
            lastEventId = value;
    }
    lastEventIds.append(lastEventId);

    auto refuse = [socket](int code, const QByteArray &reason, const QByteArray &extra) {
        const QByteArray body = "{\"error\":{\"code\":\"" + reason + "\",\"message\":\"" + reason + "\"}}";
        socket->write("HTTP/1.1 " + QByteArray::number(code) + ' ' + reason
                      + "\r\nContent-Type: "
                        "application/json\r\nContent-Length: "
                      + QByteArray::number(body.size()) + "\r\nConnection: close\r\n" + extra + "\r\n"
                      + body);
        socket->disconnectFromHost();
    };
    if (authorization != "Bearer " + token)
        return refuse(401, "unauthorized", {});
    if (status == 503)
        return refuse(503, "unavailable",
                      retryAfterSeconds >= 0
                          ? "Retry-After: " + QByteArray::number(retryAfterSeconds) + "\r\n"
                          : QByteArray());
    if (status != 200)
        return refuse(status, status == 404 ? "not_found" : "failed", {});

    socket->write("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\n"
                  "Transfer-Encoding: chunked\r\n\r\n");
    m_streams.append(socket);
    connect(socket, &QObject::destroyed, this,
            [this] { m_streams.removeIf([](const QPointer<QTcpSocket> &s) { return s.isNull(); }); });
    if (silent)
        return;

    const quint64 now = revision ? revision() : 0;
    QByteArray start = "retry: " + QByteArray::number(retryMs) + "\n\n";
    start += "event: hello\ndata: " + jsonText({ { QStringLiteral("revision"), double(now) } }) + "\n\n";
    if (!lastEventId.isEmpty()) {
        bool ok = false;
        const quint64 from = lastEventId.toULongLong(&ok);
        // A position the log no longer covers (or never did): reset, then go on from now.
        if (!ok || from < m_forgotten || from > now) {
            start += "event: reset\ndata: " + jsonText({ { QStringLiteral("revision"), double(now) } })
                + "\n\n";
        } else {
            for (const Event &e : std::as_const(m_log)) {
                if (e.id > from)
                    start += format(e);
            }
        }
    }
    writeChunk(socket, start);
    Q_EMIT streamOpened();
}

QByteArray FakeEventFront::format(const Event &event)
{
    return "id: " + QByteArray::number(event.id) + "\nevent: " + event.type.toUtf8()
        + "\ndata: " + jsonText(event.data) + "\n\n";
}

void FakeEventFront::writeChunk(QTcpSocket *socket, const QByteArray &bytes)
{
    if (bytes.isEmpty() || socket->state() != QAbstractSocket::ConnectedState)
        return;
    socket->write(QByteArray::number(bytes.size(), 16) + "\r\n" + bytes + "\r\n");
}

void FakeEventFront::publish(quint64 id, const QString &type, const QJsonObject &data)
{
    const Event event { id, type, data };
    m_log.append(event);
    const QByteArray bytes = format(event);
    for (const QPointer<QTcpSocket> &s : std::as_const(m_streams)) {
        if (s)
            writeChunk(s, bytes);
    }
}

void FakeEventFront::forgetUpTo(quint64 id)
{
    m_forgotten = qMax(m_forgotten, id);
    m_log.removeIf([id](const Event &e) { return e.id <= id; });
}

void FakeEventFront::keepAlive()
{
    sendRaw(": keep-alive\n\n");
}

void FakeEventFront::sendRaw(const QByteArray &bytes)
{
    for (const QPointer<QTcpSocket> &s : std::as_const(m_streams)) {
        if (s)
            writeChunk(s, bytes);
    }
}

void FakeEventFront::cutStreams()
{
    const auto streams = std::exchange(m_streams, {});
    for (const QPointer<QTcpSocket> &s : streams) {
        if (s)
            s->abort();
    }
}

void FakeEventFront::endStreams()
{
    const auto streams = std::exchange(m_streams, {});
    for (const QPointer<QTcpSocket> &s : streams) {
        if (s) {
            s->write("0\r\n\r\n");
            s->disconnectFromHost();
        }
    }
}

int FakeEventFront::openStreams() const
{
    int n = 0;
    for (const QPointer<QTcpSocket> &s : m_streams)
        n += (s && s->state() == QAbstractSocket::ConnectedState) ? 1 : 0;
    return n;
}

} // namespace fvpn::test
