#pragma once

#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QUrl>
#include <QUrlQuery>

#include <memory>

// A stand-in for the hub's registration poll as the push contract has it
// (docs/api.md, "Registration long-poll"), over plain HTTP/1.1 on loopback with
// keep-alive: every answer carries the request's ETag; with a matching
// If-None-Match and `wait` it holds the question until the request changes
// (200) or the wait ends (304). It can also play the hubs the app must cope
// with: one without ETags, one that ignores If-None-Match, one that answers a
// wait at once, and one that is full (503 with Retry-After).
//
// It is written by hand on QTcpServer because QHttpServer (Qt 6.4) cannot hold
// an answer back safely. TLS and pinning are HubClient's business, tested
// against tests/client/FakeHub.h; what is tested here is the waiting.
namespace fvpn::test {

class FakeLongPollHub : public QObject
{
public:
    enum class Kind
    {
        Current, // ETag, If-None-Match, wait
        NoEtag, // an old hub: no ETag, answers at once
        IgnoresConditions, // ETag, but always 200 at once
        HoldsNothing, // 304 at once, whatever the wait
    };

    struct Seen
    {
        QString id;
        int wait = 0; // 0: none asked
        QByteArray ifNoneMatch;
        QElapsedTimer at;
    };

    Kind kind = Kind::Current;
    int busyAnswers = 0; // the next this many waits get 503
    int retryAfterSeconds = 1;
    QList<Seen> seen;

    FakeLongPollHub()
    {
        QObject::connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                socket->setParent(this);
                auto buffer = std::make_shared<QByteArray>();
                QObject::connect(socket, &QTcpSocket::readyRead, this, [this, socket, buffer] {
                    buffer->append(socket->readAll());
                    serve(socket, *buffer);
                });
                QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
        m_server.listen(QHostAddress::LocalHost, 0);
    }

    QUrl url() const { return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort())); }

    QString addRequest(const QString &secret)
    {
        const QString id = QStringLiteral("req-%1").arg(m_requests.size() + 1);
        m_requests.insert(id,
                          Request { secret,
                                    { { QStringLiteral("id"), id },
                                      { QStringLiteral("status"), QStringLiteral("pending") } },
                                    1 });
        return id;
    }

    // The request's new state (as the poll shows it); waiting questions get it at once.
    void setState(const QString &id, const QJsonObject &body)
    {
        Request &r = m_requests[id];
        r.body = body;
        r.body.insert(QStringLiteral("id"), id);
        ++r.version;
        const auto held = std::exchange(m_held, {});
        for (const Held &h : held) {
            if (h.id == id && h.socket)
                answer(h.socket, 200, r);
            else
                m_held.append(h);
        }
    }

    QByteArray etag(const QString &id) const { return etagOf(m_requests.value(id)); }
    int holding() const
    {
        int n = 0;
        for (const Held &h : m_held)
            n += (h.socket && h.socket->state() == QAbstractSocket::ConnectedState) ? 1 : 0;
        return n;
    }

private:
    struct Request
    {
        QString secret;
        QJsonObject body;
        int version = 1;
    };
    struct Held
    {
        QPointer<QTcpSocket> socket;
        QString id;
        std::shared_ptr<QTimer> timer;
    };

    static QByteArray etagOf(const Request &r) { return "\"r" + QByteArray::number(r.version) + '"'; }

    void serve(QTcpSocket *socket, QByteArray &buffer)
    {
        // One request at a time (the app does not pipeline); the rest stays buffered.
        const qsizetype end = buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        const QList<QByteArray> lines = buffer.left(end).split('\n');
        buffer.remove(0, end + 4);
        const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
        QHash<QByteArray, QByteArray> headers;
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const qsizetype colon = lines[i].indexOf(':');
            headers.insert(lines[i].left(colon).trimmed().toLower(), lines[i].mid(colon + 1).trimmed());
        }
        const QUrl target(QString::fromLatin1(requestLine.value(1)));
        const QString prefix = QStringLiteral("/api/v1/registrations/");
        if (requestLine.value(0) != "GET" || !target.path().startsWith(prefix))
            return plain(socket, 404, "{\"error\":{\"code\":\"not_found\",\"message\":\"no such route\"}}");
        const QString id = target.path().mid(prefix.size());
        Seen s;
        s.id = id;
        s.wait = QUrlQuery(target).queryItemValue(QStringLiteral("wait")).toInt();
        s.ifNoneMatch = headers.value("if-none-match");
        s.at.start();
        seen.append(s);
        const auto found = m_requests.constFind(id);
        if (found == m_requests.constEnd())
            return plain(socket, 404, "{\"error\":{\"code\":\"not_found\",\"message\":\"no such request\"}}");
        if (headers.value("authorization") != "Bearer " + found->secret.toUtf8())
            return plain(socket, 401, "{\"error\":{\"code\":\"unauthorized\",\"message\":\"wrong secret\"}}");
        if (kind == Kind::Current && s.wait > 0 && busyAnswers > 0) {
            --busyAnswers;
            return plain(socket, 503,
                         "{\"error\":{\"code\":\"unavailable\",\"message\":\"too many waiting\"}}",
                         "Retry-After: " + QByteArray::number(retryAfterSeconds) + "\r\n");
        }
        const bool matches = !s.ifNoneMatch.isEmpty() && s.ifNoneMatch == etagOf(*found);
        switch (kind) {
        case Kind::NoEtag:
        case Kind::IgnoresConditions:
            return answer(socket, 200, *found);
        case Kind::HoldsNothing:
            return answer(socket, matches ? 304 : 200, *found);
        case Kind::Current:
            break;
        }
        if (!matches || s.wait <= 0)
            return answer(socket, matches ? 304 : 200, *found);
        auto timer = std::make_shared<QTimer>();
        timer->setSingleShot(true);
        QPointer<QTcpSocket> guard(socket);
        QObject::connect(timer.get(), &QTimer::timeout, this, [this, guard, id] {
            m_held.removeIf([&guard](const Held &h) { return h.socket == guard; });
            if (guard)
                answer(guard, 304, m_requests.value(id));
        });
        timer->start(s.wait * 1000);
        m_held.append(Held { guard, id, timer });
    }

    void answer(QTcpSocket *socket, int status, const Request &r)
    {
        const QByteArray etag = kind == Kind::NoEtag ? QByteArray() : "ETag: " + etagOf(r) + "\r\n";
        if (status == 304) {
            socket->write("HTTP/1.1 304 Not Modified\r\n" + etag + "Content-Length: 0\r\n\r\n");
            return;
        }
        plain(socket, status, QJsonDocument(r.body).toJson(QJsonDocument::Compact), etag);
    }

    static void plain(QTcpSocket *socket, int status, const QByteArray &body, const QByteArray &extra = {})
    {
        socket->write("HTTP/1.1 " + QByteArray::number(status) + " X\r\nContent-Type: application/json\r\n"
                      + extra + "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body);
    }

    QTcpServer m_server;
    QHash<QString, Request> m_requests;
    QList<Held> m_held;
};

} // namespace fvpn::test
