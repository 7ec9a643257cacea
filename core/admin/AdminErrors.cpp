#include "AdminErrors.h"

#include "HttpStatus.h"
#include "StrictJson.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QNetworkReply>

namespace fvpn {

namespace {

// The hub's error body; anything else gives an empty message. Its lengths are
// capped: the text ends up in a dialog.
QString hubMessage(const QByteArray &body, QList<LineError> *lines, QString *code)
{
    const Result<QJsonValue> document = StrictJson::parse(body);
    const QJsonObject error
        = (document ? document->toObject() : QJsonObject()).value(QStringLiteral("error")).toObject();
    *code = error.value(QStringLiteral("code")).toString().left(64);
    const QJsonArray items = error.value(QStringLiteral("lines")).toArray();
    for (const QJsonValue &item : items) {
        const QJsonObject o = item.toObject();
        const int line = o.value(QStringLiteral("line")).toInt();
        const QString message = o.value(QStringLiteral("message")).toString();
        if (line > 0 && !message.isEmpty())
            lines->append({ line, message.left(500) });
    }
    return error.value(QStringLiteral("message")).toString().left(1000);
}

} // namespace

Error AdminErrors::fromAnswer(int status, const QByteArray &body, const QString &request,
                              const QString &origin)
{
    QList<LineError> lines;
    QString apiCode;
    QString message = hubMessage(body, &lines, &apiCode);
    const ErrorCode code = HttpStatus::toErrorCode(status, apiCode);
    if (status >= 300 && status < 400) {
        message = QStringLiteral("The hub at %1 answered with a redirect; use the address it redirects to "
                                 "as the admin URL")
                      .arg(origin);
    } else if (status == 401) {
        message = QStringLiteral("The hub at %1 did not accept the admin token%2. Check the token: it may "
                                 "have been revoked.")
                      .arg(origin, message.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(message));
    } else if (message.isEmpty()) {
        message = QStringLiteral("The hub at %1 answered %2 with HTTP %3").arg(origin, request).arg(status);
    }
    Error error = makeError(code, message);
    error.lineErrors = std::move(lines);
    return error;
}

Error AdminErrors::unreachable(const QNetworkReply &reply, const QString &origin, int timeoutMs)
{
    QString reason;
    switch (reply.error()) {
    case QNetworkReply::ConnectionRefusedError:
        reason = QStringLiteral("connection refused");
        break;
    case QNetworkReply::HostNotFoundError:
        reason = QStringLiteral("host name not found");
        break;
    case QNetworkReply::TimeoutError:
    case QNetworkReply::OperationCanceledError:
        reason = QStringLiteral("no answer within %1 s").arg(timeoutMs / 1000.0);
        break;
    case QNetworkReply::RemoteHostClosedError:
        reason = QStringLiteral("the connection was closed before an answer came");
        break;
    case QNetworkReply::SslHandshakeFailedError:
        return untrustedCertificate(origin, reply.errorString());
    default:
        reason = reply.errorString();
        break;
    }
    return makeError(ErrorCode::Unavailable,
                     QStringLiteral("The hub's admin API at %1 is not reachable — are you on the VPN? (%2)")
                         .arg(origin, reason));
}

Error AdminErrors::notPinned(const QString &origin, const QString &problem)
{
    return makeError(ErrorCode::PermissionDenied,
                     QStringLiteral("The hub at %1 is not the pinned one: %2. Nothing was sent to it.")
                         .arg(origin, problem));
}

Error AdminErrors::untrustedCertificate(const QString &origin, const QString &why)
{
    return makeError(
        ErrorCode::PermissionDenied,
        QStringLiteral("The hub at %1 showed a TLS certificate this computer does not trust (%2). "
                       "If the hub uses its own certificate, pin its SHA-256 fingerprint (the "
                       "hub logs it when it starts).")
            .arg(origin, why));
}

Error AdminErrors::answerTooLarge(const QString &origin, qint64 limitBytes)
{
    return makeError(ErrorCode::Exhausted,
                     QStringLiteral("The hub at %1 sent an answer larger than %2 MiB; it is not read")
                         .arg(origin)
                         .arg(limitBytes / (1024 * 1024)));
}

} // namespace fvpn
