#pragma once

// A client that speaks raw bytes, so tests can send what no HTTP library would,
// and reads the answers back strictly (status line, headers, Content-Length or
// chunked bodies) to check exactly what the server wrote.

#include <QHostAddress>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPair>
#include <QSslSocket>
#include <QTcpSocket>

struct RawResponse
{
    QByteArray statusLine;
    int status = 0;
    QList<QPair<QByteArray, QByteArray>> headers; // names lower-cased
    QByteArray body; // decoded
    bool complete = false;

    QByteArray header(const QByteArray &name) const
    {
        for (const auto &[key, value] : headers) {
            if (key == name.toLower())
                return value;
        }
        return {};
    }
    bool hasHeader(const QByteArray &name) const
    {
        for (const auto &[key, value] : headers) {
            if (key == name.toLower())
                return true;
        }
        return false;
    }
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    QString errorCode() const
    {
        return json().value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString();
    }
};

// Parses a server's byte stream into answers. `headRequests` lists, by index,
// answers to HEAD (no body whatever the headers say). The last answer may be
// incomplete. `closed`: the connection ended, which ends a body without length.
inline QList<RawResponse> parseResponses(const QByteArray &stream, bool closed = false,
                                         const QList<int> &headRequests = {})
{
    QList<RawResponse> out;
    qsizetype pos = 0;
    while (pos < stream.size()) {
        const qsizetype end = stream.indexOf("\r\n\r\n", pos);
        if (end < 0)
            break;
        RawResponse r;
        const QList<QByteArray> lines = stream.mid(pos, end - pos).split('\n');
        r.statusLine = lines.first().trimmed();
        r.status = r.statusLine.mid(9, 3).toInt();
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray line = lines[i].trimmed();
            const qsizetype colon = line.indexOf(':');
            if (colon > 0)
                r.headers.append({ line.left(colon).toLower(), line.mid(colon + 1).trimmed() });
        }
        pos = end + 4;
        const bool noBody
            = r.status < 200 || r.status == 204 || r.status == 304 || headRequests.contains(int(out.size()));
        if (noBody) {
            r.complete = true;
        } else if (r.hasHeader("content-length")) {
            const qsizetype length = r.header("content-length").toLongLong();
            r.body = stream.mid(pos, length);
            r.complete = r.body.size() == length;
            pos += r.body.size();
        } else if (r.header("transfer-encoding") == "chunked") {
            while (true) {
                const qsizetype lineEnd = stream.indexOf("\r\n", pos);
                if (lineEnd < 0)
                    break;
                bool ok = false;
                const qsizetype size = stream.mid(pos, lineEnd - pos).split(';').first().toLongLong(&ok, 16);
                if (!ok || stream.size() < lineEnd + 2 + size + 2)
                    break;
                if (size == 0) {
                    const qsizetype trailerEnd = stream.indexOf("\r\n", lineEnd + 2);
                    if (trailerEnd < 0)
                        break;
                    pos = trailerEnd + 2;
                    r.complete = true;
                    break;
                }
                r.body += stream.mid(lineEnd + 2, size);
                pos = lineEnd + 2 + size + 2;
            }
            if (!r.complete)
                pos = stream.size();
        } else {
            r.body = stream.mid(pos);
            r.complete = closed;
            pos = stream.size();
        }
        // 1xx answers precede the final one and are kept in the list.
        out.append(r);
    }
    return out;
}

class RawClient : public QObject
{
public:
    explicit RawClient(quint16 port, const QString &bindAddress = QString(), bool tls = false,
                       const QHostAddress &host = QHostAddress::LocalHost)
    {
        m_socket = tls ? new QSslSocket(this) : new QTcpSocket(this);
        connect(m_socket, &QIODevice::readyRead, this, [this] { received += m_socket->readAll(); });
        connect(m_socket, &QAbstractSocket::disconnected, this, [this] { closed = true; });
        connect(m_socket, &QAbstractSocket::connected, this, [this] { connected = true; });
        if (!bindAddress.isEmpty())
            m_socket->bind(QHostAddress(bindAddress));
        if (auto *ssl = qobject_cast<QSslSocket *>(m_socket)) {
            connect(ssl, &QSslSocket::sslErrors, this,
                    [ssl](const QList<QSslError> &) { ssl->ignoreSslErrors(); });
            connect(ssl, &QSslSocket::encrypted, this, [this] { encrypted = true; });
            ssl->setPeerVerifyMode(QSslSocket::QueryPeer);
            ssl->connectToHostEncrypted(host.toString(), port);
        } else {
            m_socket->connectToHost(host, port);
        }
    }

    QTcpSocket *socket() const { return m_socket; }
    void send(const QByteArray &bytes) { m_socket->write(bytes); }
    void close() { m_socket->disconnectFromHost(); }
    void abort() { m_socket->abort(); }

    QList<RawResponse> answers(const QList<int> &headRequests = {}) const
    {
        return parseResponses(received, closed, headRequests);
    }
    // Complete final answers (1xx not counted).
    int responses() const
    {
        int n = 0;
        for (const RawResponse &r : answers())
            n += (r.complete && r.status >= 200) ? 1 : 0;
        return n;
    }
    int firstStatus() const
    {
        const auto all = answers();
        return all.isEmpty() ? 0 : all.first().status;
    }
    RawResponse first() const
    {
        const auto all = answers();
        return all.isEmpty() ? RawResponse() : all.first();
    }

    QByteArray received;
    bool closed = false;
    bool connected = false;
    bool encrypted = false;

private:
    QTcpSocket *m_socket;
};
