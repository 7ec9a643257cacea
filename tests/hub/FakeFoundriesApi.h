#pragma once

#include <QHash>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

// Shared by the tests that talk to the Foundries API in-process.
namespace fvpn::testapi {

// An in-process stand-in for api.foundries.io: records every request and answers
// from a queue (the last answer repeats).
class FakeApi
{
public:
    struct Request
    {
        QByteArray method;
        QString path;
        QByteArray token;
        QByteArray authorization;
        QByteArray body;
    };
    struct Answer
    {
        int status = 200;
        QByteArray body;
    };

    FakeApi()
    {
        m_server.setMissingHandler([this](const QHttpServerRequest &request,
                                          QHttpServerResponder &&responder) {
            static const QHash<QHttpServerRequest::Method, QByteArray> methods {
                { QHttpServerRequest::Method::Get, "GET" },
                { QHttpServerRequest::Method::Patch, "PATCH" },
                { QHttpServerRequest::Method::Post, "POST" },
            };
            requests.append({ methods.value(request.method(), "OTHER"), request.url().path(),
                              request.value("OSF-TOKEN"), request.value("Authorization"), request.body() });
            const Answer answer = answers.size() > 1 ? answers.takeFirst() : answers.value(0);
            responder.write(answer.body, "application/json",
                            static_cast<QHttpServerResponder::StatusCode>(answer.status));
        });
        m_port = m_server.listen(QHostAddress::LocalHost, 0);
    }

    QUrl url() const { return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_port)); }
    bool listening() const { return m_port != 0; }

    QList<Request> requests;
    QList<Answer> answers;

private:
    QHttpServer m_server;
    quint16 m_port = 0;
};

// A GET /ota/factories/{f}/config/ answer whose current config holds `serverFile`
// as its wireguard-server file.
inline QByteArray configJson(const QString &serverFile)
{
    const QJsonObject file { { QStringLiteral("name"), QStringLiteral("wireguard-server") },
                             { QStringLiteral("value"), serverFile } };
    const QJsonObject entry { { QStringLiteral("files"), QJsonArray { file } } };
    return QJsonDocument(QJsonObject { { QStringLiteral("config"), QJsonArray { entry } },
                                       { QStringLiteral("total"), 1 } })
        .toJson();
}

} // namespace fvpn::testapi
