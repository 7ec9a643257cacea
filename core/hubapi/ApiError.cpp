#include "ApiError.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace fvpn {

ApiError ApiError::fromError(const Error &error)
{
    ApiError api;
    api.message = error.message;
    api.lineErrors = error.lineErrors;
    switch (error.code) {
    case ErrorCode::InvalidInput:
        // A document that arrived whole but does not validate line by line.
        api.status = error.lineErrors.isEmpty() ? 400 : 422;
        api.code = QStringLiteral("invalid_input");
        break;
    case ErrorCode::NotFound:
        api.status = 404;
        api.code = QStringLiteral("not_found");
        break;
    case ErrorCode::Conflict:
        api.status = 409;
        api.code = QStringLiteral("conflict");
        break;
    case ErrorCode::PreconditionFailed:
        api.status = 412;
        api.code = QStringLiteral("precondition_failed");
        break;
    case ErrorCode::Exhausted:
        api.status = 429;
        api.code = QStringLiteral("too_many_requests");
        break;
    case ErrorCode::Unavailable:
        api.status = 503;
        api.code = QStringLiteral("unavailable");
        break;
    case ErrorCode::PermissionDenied:
        api.status = 403;
        api.code = QStringLiteral("permission_denied");
        break;
    case ErrorCode::IoError:
        api.status = 500;
        api.code = QStringLiteral("io_error");
        break;
    case ErrorCode::Internal:
        api.status = 500;
        api.code = QStringLiteral("internal");
        break;
    }
    return api;
}

ApiError ApiError::make(int status, QString code, QString message)
{
    ApiError api;
    api.status = status;
    api.code = std::move(code);
    api.message = std::move(message);
    return api;
}

ApiError ApiError::unauthorized(QString message)
{
    return make(401, QStringLiteral("unauthorized"), std::move(message))
        .withHeader("WWW-Authenticate", "Bearer realm=\"factory-vpn\"");
}

ApiError ApiError::methodNotAllowed(const QByteArray &allow)
{
    return make(405, QStringLiteral("method_not_allowed"),
                QStringLiteral("this resource answers only %1").arg(QString::fromLatin1(allow)))
        .withHeader("Allow", allow);
}

ApiError ApiError::routeNotFound()
{
    return make(404, QStringLiteral("not_found"), QStringLiteral("there is no such API resource"));
}

ApiError ApiError::fromStatus(int status, QString message)
{
    switch (status) {
    case 408:
        return make(status, QStringLiteral("request_timeout"), std::move(message));
    case 411:
        return make(status, QStringLiteral("length_required"), std::move(message));
    case 413:
        return make(status, QStringLiteral("payload_too_large"), std::move(message));
    case 414:
        return make(status, QStringLiteral("uri_too_long"), std::move(message));
    case 415:
        return make(status, QStringLiteral("unsupported_media_type"), std::move(message));
    case 417:
        return make(status, QStringLiteral("expectation_failed"), std::move(message));
    case 431:
        return make(status, QStringLiteral("headers_too_large"), std::move(message));
    case 501:
        return make(status, QStringLiteral("not_implemented"), std::move(message));
    case 505:
        return make(status, QStringLiteral("http_version_not_supported"), std::move(message));
    default:
        return make(status, QStringLiteral("bad_request"), std::move(message));
    }
}

ApiError &ApiError::withHeader(QByteArray name, QByteArray value)
{
    headers.append({ std::move(name), std::move(value) });
    return *this;
}

QByteArray ApiError::body() const
{
    QJsonObject inner = details;
    inner.insert(QStringLiteral("code"), code);
    inner.insert(QStringLiteral("message"), message);
    if (!lineErrors.isEmpty()) {
        QJsonArray lines;
        for (const LineError &e : lineErrors)
            lines.append(
                QJsonObject { { QStringLiteral("line"), e.line }, { QStringLiteral("message"), e.message } });
        inner.insert(QStringLiteral("lines"), lines);
    }
    return QJsonDocument(QJsonObject { { QStringLiteral("error"), inner } }).toJson(QJsonDocument::Compact);
}

} // namespace fvpn
