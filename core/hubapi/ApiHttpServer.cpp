#include "ApiHttpServer.h"

#include "TextRules.h"

#include <QHttpServerResponder>
#include <QJsonDocument>
#include <QTcpSocket>
#include <QUrl>

namespace fvpn {

namespace {

QByteArray methodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get:
        return "GET";
    case QHttpServerRequest::Method::Put:
        return "PUT";
    case QHttpServerRequest::Method::Delete:
        return "DELETE";
    case QHttpServerRequest::Method::Post:
        return "POST";
    case QHttpServerRequest::Method::Patch:
        return "PATCH";
    default:
        return "OTHER";
    }
}

// Splits the raw (still percent-encoded) path so an encoded '/' inside a segment
// cannot change which route matches; each segment is decoded afterwards.
bool splitPath(const QUrl &url, QStringList *segments)
{
    const QString raw = url.path(QUrl::FullyEncoded);
    if (!raw.startsWith(u'/'))
        return false;
    const QStringList parts = raw.mid(1).split(u'/');
    for (const QString &part : parts) {
        const QString decoded = QUrl::fromPercentEncoding(part.toLatin1());
        if (decoded.size() > 512 || TextRules::containsControlCharacters(decoded))
            return false;
        segments->append(decoded);
    }
    // "/api/v1/health/" is not "/api/v1/health".
    return true;
}

} // namespace

QString normalizedSource(const QHostAddress &address)
{
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4);
    return isV4 ? QHostAddress(v4).toString() : address.toString();
}

ApiResponse ApiResponse::json(const QJsonObject &object, int status)
{
    ApiResponse r;
    r.status = status;
    r.body = QJsonDocument(object).toJson(QJsonDocument::Compact);
    return r;
}

ApiResponse ApiResponse::json(const QJsonArray &array, int status)
{
    ApiResponse r;
    r.status = status;
    r.body = QJsonDocument(array).toJson(QJsonDocument::Compact);
    return r;
}

ApiResponse ApiResponse::error(const ApiError &error)
{
    ApiResponse r;
    r.status = error.status;
    r.body = error.body();
    r.headers = error.headers;
    return r;
}

ApiResponse ApiResponse::error(const Error &error)
{
    return ApiResponse::error(ApiError::fromError(error));
}

ApiResponse ApiResponse::invalidInput(const QString &message)
{
    return ApiResponse::error(makeError(ErrorCode::InvalidInput, message));
}

ApiResponse ApiResponse::noContent()
{
    ApiResponse r;
    r.status = 204;
    r.contentType.clear();
    return r;
}

ApiResponse &ApiResponse::withHeader(QByteArray name, QByteArray value)
{
    headers.append({ std::move(name), std::move(value) });
    return *this;
}

ApiHttpServer::ApiHttpServer(QObject *parent)
    : QAbstractHttpServer(parent)
{ }

void ApiHttpServer::addRoute(QHttpServerRequest::Method method, const QString &pattern, ApiHandler handler)
{
    Q_ASSERT(pattern.startsWith(u'/'));
    m_routes.append(Route { method, pattern.mid(1).split(u'/'), std::move(handler) });
}

ApiResponse ApiHttpServer::dispatch(const QHttpServerRequest &request) const
{
    QStringList segments;
    if (!splitPath(request.url(), &segments))
        return ApiResponse::error(ApiError::routeNotFound());
    QByteArray allowed;
    for (const Route &route : m_routes) {
        if (route.segments.size() != segments.size())
            continue;
        QStringList args;
        bool match = true;
        for (qsizetype i = 0; i < segments.size() && match; ++i) {
            if (route.segments[i] == u"{}") {
                match = !segments[i].isEmpty();
                args.append(segments[i]);
            } else {
                match = route.segments[i] == segments[i];
            }
        }
        if (!match)
            continue;
        if (route.method != request.method()) {
            const QByteArray name = methodName(route.method);
            if (!allowed.split(',').contains(name))
                allowed += (allowed.isEmpty() ? "" : ",") + name;
            continue;
        }
        ApiRequest apiRequest { request, args, normalizedSource(request.remoteAddress()) };
        return route.handler(apiRequest);
    }
    if (!allowed.isEmpty())
        return ApiResponse::error(ApiError::methodNotAllowed(allowed.replace(",", ", ")));
    return ApiResponse::error(ApiError::routeNotFound());
}

bool ApiHttpServer::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    write(request, socket, dispatch(request));
    return true;
}

void ApiHttpServer::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    write(request, socket, ApiResponse::error(ApiError::routeNotFound()));
}

void ApiHttpServer::write(const QHttpServerRequest &request, QTcpSocket *socket, const ApiResponse &response)
{
    if (socket->state() != QAbstractSocket::ConnectedState)
        return;
    QHttpServerResponder responder = makeResponder(request, socket);
    responder.writeStatusLine(QHttpServerResponder::StatusCode(response.status));
    if (!response.contentType.isEmpty())
        responder.writeHeader("Content-Type", response.contentType);
    responder.writeHeader("Cache-Control", "no-store");
    for (const auto &[name, value] : response.headers)
        responder.writeHeader(name, value);
    // RFC 9110: no Content-Length on a 204.
    if (response.status != 204)
        responder.writeHeader("Content-Length", QByteArray::number(response.body.size()));
    responder.writeBody(response.body);
}

} // namespace fvpn
