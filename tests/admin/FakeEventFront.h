#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTcpServer>

#include <functional>

class QTcpSocket;

namespace fvpn::test {

// The front door of the stand-in hub (FakeHub): one loopback port that serves
// GET /api/v1/events itself, as a real text/event-stream over HTTP/1.1 chunked
// encoding (QHttpServer cannot stream), and passes every other connection
// through, byte for byte, to the QHttpServer behind it.
//
// The stream follows the push contract (docs/api.md): `retry:`, a `hello`
// without id, then the events with their revision as `id:`; Last-Event-ID
// replays what the log still holds, else `reset` first. Tests steer it: keep-
// alives, a stream that is cut or ended, one that never says anything, 503 with
// Retry-After, or 404 as from a hub older than the stream.
class FakeEventFront : public QObject
{
    Q_OBJECT

public:
    explicit FakeEventFront(QObject *parent = nullptr);
    ~FakeEventFront() override;

    bool listen(quint16 backendPort);
    quint16 port() const { return m_server.serverPort(); }

    // How the next GET /api/v1/events is answered.
    QByteArray token; // the bearer token it wants
    int status = 200; // 404: an old hub; 503 with retryAfterSeconds
    int retryAfterSeconds = -1;
    int retryMs = 2000; // sent as `retry:`
    bool silent = false; // headers, then nothing at all (not even hello)
    std::function<quint64()> revision; // the hub's revision, for hello and reset

    // Appends an event to the log and sends it on every open stream.
    void publish(quint64 id, const QString &type, const QJsonObject &data);
    // The log keeps only events after `id`: older positions get `reset`.
    void forgetUpTo(quint64 id);
    void keepAlive(); // a comment on every open stream
    void cutStreams(); // as a network failure: the connection is reset
    void endStreams(); // as a hub shutting down: the last chunk, then close
    // Raw bytes on every open stream, as one chunk (for malformed events).
    void sendRaw(const QByteArray &bytes);

    int openStreams() const;
    int streamRequests = 0; // GET /api/v1/events seen
    QList<QByteArray> lastEventIds; // the Last-Event-ID of each (empty when none)

Q_SIGNALS:
    void streamOpened();

private:
    struct Event
    {
        quint64 id;
        QString type;
        QJsonObject data;
    };
    void onConnection();
    void onHead(QTcpSocket *socket);
    void serveStream(QTcpSocket *socket, const QList<QByteArray> &headerLines);
    void passThrough(QTcpSocket *socket);
    void writeChunk(QTcpSocket *socket, const QByteArray &bytes);
    static QByteArray format(const Event &event);

    QTcpServer m_server;
    quint16 m_backendPort = 0;
    QList<Event> m_log;
    quint64 m_forgotten = 0; // ids up to this are gone from the log
    QList<QPointer<QTcpSocket>> m_streams;
};

} // namespace fvpn::test
