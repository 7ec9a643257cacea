#pragma once

#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

// A stand-in for the hub's engineer directory (docs/api.md, `GET
// /api/v1/directory`), over plain HTTP on loopback as it would be inside the
// tunnel: it accepts exactly one registration's credentials (HTTP Basic with
// the request id and its poll secret), answers 403 once that registration is
// revoked, and counts what it was asked.
namespace fvpn::test {

class FakeDirectory
{
public:
    explicit FakeDirectory(const QHostAddress &address = QHostAddress::LocalHost, quint16 listenPort = 0)
    {
        using Method = QHttpServerRequest::Method;
        m_server.route(
            QStringLiteral("/api/v1/directory"), Method::Get, [this](const QHttpServerRequest &request) {
                ++requests;
                lastAuthorization = request.value("Authorization");
                const QByteArray expected = "Basic " + QString(requestId + u':' + secret).toUtf8().toBase64();
                if (requestId.isEmpty() || lastAuthorization != expected)
                    return error(401, QStringLiteral("unauthorized"),
                                 QStringLiteral("unknown registration or wrong secret"));
                if (revoked)
                    return error(403, QStringLiteral("forbidden"),
                                 QStringLiteral("the registration is not approved"));
                if (!rawAnswer.isEmpty())
                    return QHttpServerResponse(QByteArrayLiteral("application/json"), rawAnswer);
                return QHttpServerResponse(answer);
            });
        m_server.route(QStringLiteral("/elsewhere"), Method::Get, [this]() {
            ++elsewhere;
            return QHttpServerResponse(answer);
        });
        m_server.route(QStringLiteral("/moved"), Method::Get, [this]() {
            QHttpServerResponse response(QHttpServerResponse::StatusCode::Found);
            response.setHeader("Location", url(QStringLiteral("/elsewhere")).toString().toUtf8());
            return response;
        });
        port = m_server.listen(address, listenPort);
        m_host = address.toString();
    }

    QUrl url(const QString &path = QStringLiteral("/api/v1/directory")) const
    {
        return QUrl(QStringLiteral("http://%1:%2%3").arg(m_host).arg(port).arg(path));
    }

    static QJsonObject device(const QString &name, const QString &address, const QString &state,
                              const QString &lastHandshake = {})
    {
        QJsonObject object { { QStringLiteral("name"), name },
                             { QStringLiteral("address"), address },
                             { QStringLiteral("state"), state } };
        object.insert(QStringLiteral("last_handshake"),
                      lastHandshake.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(lastHandshake));
        return object;
    }

    quint16 port = 0;
    QString requestId;
    QString secret;
    bool revoked = false;
    QJsonObject answer;
    QByteArray rawAnswer; // when set, sent as is instead of `answer`
    int requests = 0;
    int elsewhere = 0;
    QByteArray lastAuthorization;

private:
    static QHttpServerResponse error(int status, const QString &code, const QString &message)
    {
        const QJsonObject body { { QStringLiteral("error"),
                                   QJsonObject { { QStringLiteral("code"), code },
                                                 { QStringLiteral("message"), message } } } };
        return QHttpServerResponse(body, QHttpServerResponse::StatusCode(status));
    }

    QHttpServer m_server;
    QString m_host;
};

} // namespace fvpn::test
