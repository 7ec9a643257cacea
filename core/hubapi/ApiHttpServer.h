#pragma once

#include "ApiError.h"

#include <QAbstractHttpServer>
#include <QHttpServerRequest>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QStringList>

#include <functional>

namespace fvpn {

// One API request as handlers see it.
struct ApiRequest
{
    const QHttpServerRequest &http;
    QStringList args; // the path segments matched by "{}" placeholders, decoded
    QString source; // the client's address (IPv4-mapped IPv6 shown as IPv4)

    QByteArray header(const QByteArray &name) const { return http.value(name); }
};

struct ApiResponse
{
    int status = 200;
    QByteArray body;
    QByteArray contentType = "application/json";
    QList<QPair<QByteArray, QByteArray>> headers;

    static ApiResponse json(const QJsonObject &object, int status = 200);
    static ApiResponse json(const QJsonArray &array, int status = 200);
    static ApiResponse error(const ApiError &error);
    // A core Error through the one ErrorCode → status mapping (ApiError::fromError).
    static ApiResponse error(const Error &error);
    static ApiResponse invalidInput(const QString &message);
    static ApiResponse noContent();
    ApiResponse &withHeader(QByteArray name, QByteArray value);
};

using ApiHandler = std::function<ApiResponse(const ApiRequest &)>;

// The HTTP server behind each API listener. Routing is ours rather than
// QHttpServer's router so that every answer — unknown path (404), known path with
// another method (405 + Allow), handler result — is JSON in one shape, written
// compactly, with Cache-Control: no-store (answers can carry secrets).
class ApiHttpServer : public QAbstractHttpServer
{
    Q_OBJECT

public:
    explicit ApiHttpServer(QObject *parent = nullptr);

    // `pattern` is an absolute path whose "{}" segments match any one segment:
    // "/api/v1/requests/{}/approve".
    void addRoute(QHttpServerRequest::Method method, const QString &pattern, ApiHandler handler);

    // Routes a request without a socket (also used by tests).
    ApiResponse dispatch(const QHttpServerRequest &request) const;

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    struct Route
    {
        QHttpServerRequest::Method method;
        QStringList segments;
        ApiHandler handler;
    };

    void write(const QHttpServerRequest &request, QTcpSocket *socket, const ApiResponse &response);

    QList<Route> m_routes;
};

QString normalizedSource(const QHostAddress &address);

} // namespace fvpn
