#include "HubClient.h"

#include "CertificatePin.h"
#include "HttpStatus.h"
#include "JsonFields.h"
#include "QuotedInput.h"
#include "StrictJson.h"

#include <QJsonDocument>
#include <QMetaObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslSocket>
#include <QTimer>
#include <QUrlQuery>

#include <memory>
#include <utility>

namespace fvpn {

namespace {

// The hub's own words from {"error": {"code": …, "message": …}}, if it sent any.
QString hubMessage(const QJsonObject &body)
{
    const QJsonObject error = body.value(QStringLiteral("error")).toObject();
    QString message = error.value(QStringLiteral("message")).toString().left(300);
    message.replace(u'\n', u' ');
    return message;
}

template<typename T> void answerLater(QObject *context, std::function<void(Result<T>)> done, Result<T> result)
{
    QMetaObject::invokeMethod(
        context, [done = std::move(done), result = std::move(result)]() mutable { done(std::move(result)); },
        Qt::QueuedConnection);
}

} // namespace

HubClient::HubClient(QObject *parent)
    : QObject(parent)
    , m_network(new QNetworkAccessManager(this))
{
    // A connection opened under one pin must not serve requests under another.
    m_network->setAutoDeleteReplies(false);
}

void HubClient::setHub(const QUrl &baseUrl, const QString &pinnedFingerprint)
{
    m_baseUrl = baseUrl;
    m_pin = pinnedFingerprint;
    m_network->clearConnectionCache();
}

QString HubClient::describeHub() const
{
    return m_baseUrl.host()
        + (m_baseUrl.port() != -1 ? QStringLiteral(":%1").arg(m_baseUrl.port()) : QString());
}

void HubClient::probeCertificate(QObject *context, std::function<void(Result<PresentedCertificate>)> done)
{
    if (!context)
        context = this;
    if (!m_baseUrl.isValid() || m_baseUrl.host().isEmpty())
        return answerLater<PresentedCertificate>(
            context, std::move(done), makeError(ErrorCode::InvalidInput, tr("No hub address is set.")));

    auto *socket = new QSslSocket(this);
    auto presented = std::make_shared<PresentedCertificate>();
    auto finished = std::make_shared<bool>(false);
    auto guard = QPointer<QObject>(context);
    auto complete = [socket, finished, guard, done](Result<PresentedCertificate> result) {
        if (*finished)
            return;
        *finished = true;
        socket->abort();
        socket->deleteLater();
        if (guard)
            done(std::move(result));
    };
    auto capture = [socket, presented]() {
        const QSslCertificate certificate = socket->peerCertificate();
        presented->fingerprint = CertificatePin::fingerprintOf(certificate);
        const QStringList names = certificate.subjectInfo(QSslCertificate::CommonName);
        presented->subject = names.isEmpty() ? QString() : names.first();
    };

    connect(socket, &QSslSocket::sslErrors, this, [=, this](const QList<QSslError> &errors) {
        capture();
        if (presented->fingerprint.isEmpty()) {
            for (const QSslError &error : errors) {
                if (!error.certificate().isNull()) {
                    presented->fingerprint = CertificatePin::fingerprintOf(error.certificate());
                    break;
                }
            }
        }
        presented->trustedBySystem = false;
        if (presented->fingerprint.isEmpty())
            complete(makeError(ErrorCode::Unavailable,
                               tr("%1 did not present a certificate.").arg(describeHub())));
        else
            complete(*presented);
    });
    connect(socket, &QSslSocket::encrypted, this, [=]() {
        capture();
        presented->trustedBySystem = true;
        complete(*presented);
    });
    connect(socket, &QAbstractSocket::errorOccurred, this, [=, this](QAbstractSocket::SocketError) {
        complete(makeError(ErrorCode::Unavailable,
                           tr("Cannot reach the hub at %1: %2").arg(describeHub(), socket->errorString())));
    });
    connect(this, &HubClient::probesCancelled, socket, [=, this]() {
        complete(
            makeError(ErrorCode::Unavailable,
                      tr("Checking the certificate of the hub at %1 was cancelled.").arg(describeHub())));
    });
    QTimer::singleShot(m_timeout, socket, [=, this]() {
        complete(makeError(ErrorCode::Unavailable,
                           tr("The hub at %1 did not answer in time.").arg(describeHub())));
    });
    socket->connectToHostEncrypted(m_baseUrl.host(), quint16(m_baseUrl.port(443)));
}

void HubClient::cancelProbes()
{
    Q_EMIT probesCancelled();
}

QNetworkReply *HubClient::send(const QByteArray &method, const QString &path, const QString &bearer,
                               const QJsonObject *body, QObject *context, AnswerHandler done,
                               const Condition &condition)
{
    if (!context)
        context = this;
    if (!m_baseUrl.isValid() || m_baseUrl.host().isEmpty()) {
        answerLater<Answer>(context, std::move(done),
                            makeError(ErrorCode::InvalidInput, tr("No hub address is set.")));
        return nullptr;
    }

    QUrl url = m_baseUrl;
    url.setPath(path, QUrl::TolerantMode);
    if (condition.waitSeconds > 0)
        url.setQuery(QStringLiteral("wait=%1").arg(condition.waitSeconds));
    QNetworkRequest request(url);
    // A held question is quiet for as long as the hub holds it.
    request.setTransferTimeout(int(m_timeout.count()) + condition.waitSeconds * 1000);
    if (!condition.ifNoneMatch.isEmpty())
        request.setRawHeader("If-None-Match", condition.ifNoneMatch);
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setRawHeader("Accept", "application/json");
    if (!bearer.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + bearer.toUtf8());
    QByteArray payload;
    if (body) {
        request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
        payload = QJsonDocument(*body).toJson(QJsonDocument::Compact);
    }

    QNetworkReply *reply = m_network->sendCustomRequest(request, method, payload);
    auto certificateProblem = std::make_shared<QString>();
    const QString pin = m_pin;

    // Self-signed (or otherwise untrusted) certificate: accept it only if it is
    // the pinned one, and then exactly the errors it raised.
    connect(reply, &QNetworkReply::sslErrors, this,
            [reply, pin, certificateProblem](const QList<QSslError> &errors) {
                QSslCertificate certificate = reply->sslConfiguration().peerCertificate();
                for (const QSslError &error : errors) {
                    if (certificate.isNull() && !error.certificate().isNull())
                        certificate = error.certificate();
                }
                if (CertificatePin::matches(certificate, pin)) {
                    reply->ignoreSslErrors(errors);
                    return;
                }
                *certificateProblem = CertificatePin::fingerprintOf(certificate);
                if (certificateProblem->isEmpty())
                    *certificateProblem = QStringLiteral("none");
            });
    // A certificate a CA vouches for is still refused when it is not the pinned one.
    connect(reply, &QNetworkReply::encrypted, this, [reply, pin, certificateProblem]() {
        if (pin.isEmpty())
            return;
        const QSslCertificate certificate = reply->sslConfiguration().peerCertificate();
        if (!CertificatePin::matches(certificate, pin)) {
            *certificateProblem = CertificatePin::fingerprintOf(certificate);
            reply->abort();
        }
    });
    connect(reply, &QNetworkReply::downloadProgress, this, [reply](qint64 received, qint64) {
        if (received > MaxAnswerBytes)
            reply->abort();
    });
    connect(reply, &QNetworkReply::finished, this,
            [this, reply, certificateProblem, condition, guard = QPointer<QObject>(context),
             done = std::move(done)]() {
                reply->deleteLater();
                Result<Answer> answer = finish(reply, *certificateProblem, condition);
                if (guard)
                    done(std::move(answer));
            });
    return reply;
}

Result<HubClient::Answer> HubClient::finish(QNetworkReply *reply, const QString &certificateProblem,
                                            const Condition &condition) const
{
    if (!certificateProblem.isEmpty()) {
        const QString shown = certificateProblem == QStringLiteral("none")
            ? QStringLiteral("no certificate")
            : QStringLiteral("a certificate with fingerprint %1")
                  .arg(CertificatePin::toDisplay(certificateProblem));
        if (m_pin.isEmpty())
            return makeError(ErrorCode::PermissionDenied,
                             tr("The hub at %1 presented %2, which this computer does not trust. "
                                "Accept it only if your administrator confirms that fingerprint.")
                                 .arg(describeHub(), shown));
        return makeError(ErrorCode::PermissionDenied,
                         tr("The hub at %1 presented %2, not the certificate this app was told to "
                            "trust (%3). Someone may be intercepting the connection; ask your "
                            "administrator.")
                             .arg(describeHub(), shown, CertificatePin::toDisplay(m_pin)));
    }

    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    // An aborted reply, or one without a body (304), is not open for reading.
    const QByteArray data = reply->isOpen() ? reply->read(MaxAnswerBytes + 1) : QByteArray();
    if (data.size() > MaxAnswerBytes)
        return makeError(ErrorCode::Exhausted,
                         tr("The hub at %1 sent an answer larger than expected.").arg(describeHub()));

    if (status == 0) {
        QString detail = reply->errorString();
        if (reply->error() == QNetworkReply::OperationCanceledError)
            detail = QStringLiteral("the request was cut short");
        else if (reply->error() == QNetworkReply::TimeoutError)
            detail = QStringLiteral("no answer in time");
        return makeError(ErrorCode::Unavailable,
                         tr("Cannot reach the hub at %1: %2.").arg(describeHub(), detail));
    }

    QJsonObject body;
    if (!data.isEmpty()) {
        // Strict (StrictJson.h): an answer that could be read two ways is no answer.
        const Result<QJsonValue> document = StrictJson::parse(data);
        if (!document || !document->isObject()) {
            if (status >= 200 && status < 300)
                return makeError(ErrorCode::InvalidInput,
                                 tr("The hub at %1 answered with something that is not JSON; is "
                                    "this the Factory VPN hub?")
                                     .arg(describeHub()));
        } else {
            body = document->toObject();
        }
    }
    const QByteArray etag = reply->rawHeader("ETag").trimmed().left(200);
    if (status >= 200 && status < 300)
        return Answer { status, body, etag, -1 };
    if (status == 304 && !condition.ifNoneMatch.isEmpty())
        return Answer { status, {}, etag, -1 };
    if (status == 503 && condition.waitSeconds > 0) {
        // Too many waiting questions: not a failure, a request to come back later.
        bool ok = false;
        const int seconds = reply->rawHeader("Retry-After").trimmed().toInt(&ok);
        return Answer { status, {}, etag, ok && seconds >= 0 ? seconds : -1 };
    }

    const QString message = hubMessage(body);
    QString text = tr("The hub at %1 refused (HTTP %2)").arg(describeHub()).arg(status);
    text += message.isEmpty() ? QStringLiteral(".") : QStringLiteral(": %1").arg(message);
    const QString apiCode
        = body.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString();
    return makeError(HttpStatus::toErrorCode(status, apiCode), text);
}

void HubClient::checkHealth(QObject *context, std::function<void(Result<void>)> done)
{
    send("GET", QStringLiteral("/api/v1/health"), {}, nullptr, context, [done](Result<Answer> answer) {
        if (!answer)
            return done(answer.error());
        done({});
    });
}

void HubClient::createRegistration(const RegistrationDetails &registration, QObject *context,
                                   std::function<void(Result<CreatedRegistration>)> done)
{
    QJsonObject body {
        { QStringLiteral("public_key"), registration.publicKey.toBase64() },
        { QStringLiteral("name"), registration.name },
        { QStringLiteral("hostname"), registration.hostname },
        { QStringLiteral("os"), registration.os },
    };
    if (!registration.inviteCode.isEmpty())
        body.insert(QStringLiteral("invite"), registration.inviteCode);
    // A replacement proves it holds the old registration with that one's secret.
    if (!registration.replacesId.isEmpty())
        body.insert(QStringLiteral("replaces"), registration.replacesId);
    const QString bearer = registration.replacesId.isEmpty() ? QString() : registration.replacesSecret;
    send("POST", QStringLiteral("/api/v1/registrations"), bearer, &body, context,
         [done](Result<Answer> answer) {
             if (!answer)
                 return done(answer.error());
             const JsonFields fields(answer->body, QStringLiteral("registration"));
             const Result<QString> secret = fields.string(QStringLiteral("secret"));
             if (!secret)
                 return done(secret.error());
             if (secret->isEmpty() || secret->size() > 512)
                 return done(
                     fields.error(QStringLiteral("secret"), QStringLiteral("is not a request secret")));
             Result<RegistrationStatus> status = RegistrationStatus::fromJson(answer->body);
             if (!status)
                 return done(status.error());
             done(CreatedRegistration { *secret, *status });
         });
}

void HubClient::fetchRegistration(const QString &id, const QString &secret, QObject *context,
                                  std::function<void(Result<RegistrationStatus>)> done)
{
    const QString path
        = QStringLiteral("/api/v1/registrations/") + QString::fromLatin1(QUrl::toPercentEncoding(id));
    send("GET", path, secret, nullptr, context, [done, id](Result<Answer> answer) {
        if (!answer)
            return done(answer.error());
        Result<RegistrationStatus> status = RegistrationStatus::fromJson(answer->body);
        if (status && status->id != id)
            return done(makeError(ErrorCode::InvalidInput,
                                  tr("The hub answered about another request than the one asked for.")));
        done(std::move(status));
    });
}

QNetworkReply *HubClient::pollRegistration(const QString &id, const QString &secret, const QByteArray &etag,
                                           int waitSeconds, QObject *context,
                                           std::function<void(Result<RegistrationPoll>)> done)
{
    const QString path
        = QStringLiteral("/api/v1/registrations/") + QString::fromLatin1(QUrl::toPercentEncoding(id));
    // Waiting only makes sense with something to compare against.
    const Condition condition { etag, etag.isEmpty() ? 0 : qBound(1, waitSeconds, 60) };
    return send(
        "GET", path, secret, nullptr, context,
        [done, id](Result<Answer> answer) {
            if (!answer)
                return done(answer.error());
            RegistrationPoll poll;
            poll.etag = answer->etag;
            if (answer->status == 304) {
                poll.outcome = RegistrationPoll::Outcome::NotModified;
                return done(poll);
            }
            if (answer->status == 503) {
                poll.outcome = RegistrationPoll::Outcome::Busy;
                poll.retryAfterSeconds = answer->retryAfterSeconds;
                return done(poll);
            }
            Result<RegistrationStatus> status = RegistrationStatus::fromJson(answer->body);
            if (!status)
                return done(status.error());
            if (status->id != id)
                return done(makeError(ErrorCode::InvalidInput,
                                      tr("The hub answered about another request than the one asked for.")));
            poll.status = *status;
            done(poll);
        },
        condition);
}

void HubClient::cancelRegistration(const QString &id, const QString &secret, QObject *context,
                                   std::function<void(Result<void>)> done)
{
    const QString path
        = QStringLiteral("/api/v1/registrations/") + QString::fromLatin1(QUrl::toPercentEncoding(id));
    send("DELETE", path, secret, nullptr, context, [done](Result<Answer> answer) {
        if (!answer)
            return done(answer.error());
        done({});
    });
}

} // namespace fvpn
