#include "AdminClient.h"

#include "AccessJson.h"
#include "AdminErrors.h"
#include "AdminJson.h"
#include "AdminTransport.h"
#include "StrictJson.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>
#include <QThreadPool>

namespace fvpn {

AdminClient::AdminClient(QObject *parent)
    : QObject(parent)
    , m_network(new QNetworkAccessManager(this))
{
    // The bearer token must never follow a redirect to another origin.
    m_network->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
}

void AdminClient::setHub(const QUrl &adminUrl, const QString &token, const QString &pin)
{
    m_baseUrl = adminUrl.adjusted(QUrl::StripTrailingSlash | QUrl::RemoveQuery | QUrl::RemoveFragment);
    m_token = token;
    m_pin = pin.toLower();
    m_cache.clear();
    ++m_hubGeneration;
}

QString AdminClient::keyPathSegment(const PublicKey &key)
{
    QString text = key.toBase64();
    text.replace(u'+', u'-').replace(u'/', u'_');
    return text;
}

QString AdminClient::origin() const
{
    return m_baseUrl.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemovePath);
}

void AdminClient::send(const Call &call, QObject *context, std::function<void(Result<Answer>)> done)
{
    QPointer<QObject> guard(context ? context : this);
    auto finish = [guard, done = std::move(done)](Result<Answer> result) {
        if (guard)
            done(std::move(result));
    };
    if (!m_baseUrl.isValid() || m_baseUrl.host().isEmpty()
        || (m_baseUrl.scheme() != u"https" && m_baseUrl.scheme() != u"http")) {
        const Error error = makeError(ErrorCode::InvalidInput,
                                      QStringLiteral("The admin URL is not usable (expected "
                                                     "http(s)://<hub address>:<port>)"));
        // Later, as for every other answer: callers rely on never being called back
        // from inside the call.
        QMetaObject::invokeMethod(
            this, [finish, error]() mutable { finish(error); }, Qt::QueuedConnection);
        return;
    }

    QUrl url = m_baseUrl;
    url.setPath(m_baseUrl.path() + QStringLiteral("/api/v1/") + call.path);
    if (!call.query.isEmpty())
        url.setQuery(call.query);
    QNetworkRequest request(url);
    request.setTransferTimeout(m_timeoutMs);
    request.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());
    request.setRawHeader("Accept", "application/json");
    if (!call.contentType.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, call.contentType);
    for (const auto &[name, value] : call.headers)
        request.setRawHeader(name, value);

    QNetworkReply *reply = m_network->sendCustomRequest(request, call.verb, call.body);
    ++m_inFlight;
    auto tooLarge = std::make_shared<bool>(false);
    auto pinProblem = std::make_shared<QString>();

    AdminTransport::pinReply(this, reply, m_pin, pinProblem);
    connect(reply, &QNetworkReply::downloadProgress, this, [reply, tooLarge](qint64 received, qint64) {
        if (received > MaxAnswerBytes) {
            *tooLarge = true;
            reply->abort();
        }
    });
    connect(reply, &QNetworkReply::finished, this, [this, reply, call, tooLarge, pinProblem, finish]() {
        reply->deleteLater();
        --m_inFlight;
        const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
        if (*tooLarge) {
            finish(AdminErrors::answerTooLarge(origin(), MaxAnswerBytes));
            return;
        }
        if (!pinProblem->isEmpty()) {
            finish(AdminErrors::notPinned(origin(), *pinProblem));
            return;
        }
        if (!status.isValid()) {
            finish(AdminErrors::unreachable(*reply, origin(), m_timeoutMs));
            return;
        }
        Answer answer;
        answer.status = status.toInt();
        answer.body = reply->readAll();
        answer.etag = reply->rawHeader("ETag");
        answer.contentType = reply->header(QNetworkRequest::ContentTypeHeader).toByteArray();
        const bool conditional = std::any_of(call.headers.cbegin(), call.headers.cend(),
                                             [](const auto &h) { return h.first == "If-None-Match"; });
        if (answer.status == 304 && conditional) {
            finish(std::move(answer));
            return;
        }
        if (answer.status < 200 || answer.status > 299) {
            finish(AdminErrors::fromAnswer(answer.status, answer.body,
                                           QString::fromLatin1(call.verb) + u' ' + call.path, origin()));
            return;
        }
        finish(std::move(answer));
    });
}

template<typename T, typename Reader>
void AdminClient::sendJson(const Call &plainCall, QObject *context, Done<T> done, Reader read)
{
    Call call = plainCall;
    const QString what = QString::fromLatin1(call.verb) + QStringLiteral(" /api/v1/") + call.path;
    const QString cacheKey = call.path + u'?' + call.query.toString(QUrl::FullyEncoded);
    if (call.conditional) {
        if (const auto cached = m_cache.constFind(cacheKey); cached != m_cache.constEnd())
            call.headers.append({ "If-None-Match", cached->etag });
    }
    QPointer<QObject> guard(context ? context : this);
    QPointer<AdminClient> self(this);
    const quint64 generation = m_hubGeneration;
    // Conditional answers are remembered (by this thread, once decoded) so that a 304
    // can give them again.
    auto deliver = [self, generation, cacheKey, conditional = call.conditional, done](Result<T> value,
                                                                                      QByteArray etag) {
        if (self && conditional && generation == self->m_hubGeneration) {
            if (value && !etag.isEmpty())
                self->m_cache.insert(cacheKey, Cached { std::move(etag), std::any(value.value()) });
            else
                self->m_cache.remove(cacheKey);
        }
        done(std::move(value));
    };
    send(call, context, [this, self, guard, deliver, read, what, cacheKey](Result<Answer> answer) {
        if (!answer) {
            deliver(answer.error(), {});
            return;
        }
        if (answer->status == 304) {
            const auto cached = m_cache.constFind(cacheKey);
            if (cached == m_cache.constEnd()) {
                deliver(makeError(ErrorCode::Internal,
                                  QStringLiteral("The hub answered %1 with 304 Not Modified, but "
                                                 "nothing from it is known here")
                                      .arg(what)),
                        {});
                return;
            }
            ++m_notModified;
            T known = std::any_cast<T>(cached->value);
            // Unchanged since it was read, but as of which revision is not known.
            if constexpr (requires(T & t) { t.revision = 0; })
                known.revision = 0;
            deliver(std::move(known), cached->etag);
            return;
        }
        decodeAnswer<T>(std::move(*answer), what, guard, deliver, read);
    });
}

template<typename T, typename Reader>
void AdminClient::decodeAnswer(Answer answer, const QString &what, const QPointer<QObject> &guard,
                               std::function<void(Result<T>, QByteArray)> deliver, Reader read)
{
    auto decode = [read, what](const Answer &a) -> Result<T> {
        // Strict (StrictJson.h): an answer that could be read two ways is no answer.
        const Result<QJsonValue> document = StrictJson::parse(a.body);
        if (!document) {
            return makeError(
                ErrorCode::Internal,
                QStringLiteral("The hub's answer to %1 cannot be read as JSON (%2); is the admin "
                               "URL the hub's admin API?")
                    .arg(what, document.error().message));
        }
        if (!document->isObject()) {
            return makeError(ErrorCode::Internal,
                             QStringLiteral("The hub's answer to %1 is not a JSON object; is the admin URL "
                                            "the hub's admin API?")
                                 .arg(what));
        }
        Result<T> value = read(document->toObject(), a);
        if (!value) {
            return makeError(ErrorCode::Internal,
                             QStringLiteral("The hub's answer to %1 is not what this app understands: %2")
                                 .arg(what, value.error().message));
        }
        return value;
    };
    if (answer.body.size() < AdminClient::DecodeInBackgroundBytes) {
        deliver(decode(answer), answer.etag);
        return;
    }
    // Thousands of devices take tens of milliseconds to decode: not on the GUI
    // thread. The result comes back through the event loop, and only while
    // `guard` lives (it is read on this thread only).
    QThreadPool::globalInstance()->start([guard, deliver, decode, a = std::move(answer)]() {
        Result<T> value = decode(a);
        QMetaObject::invokeMethod(
            QCoreApplication::instance(),
            [guard, deliver, value = std::move(value), etag = a.etag]() {
                if (guard)
                    deliver(value, etag);
            },
            Qt::QueuedConnection);
    });
}

void AdminClient::devices(QObject *context, Done<DeviceList> done)
{
    sendJson<DeviceList>({ "GET", QStringLiteral("devices"), {}, {}, {}, {} }, context, std::move(done),
                         [](const QJsonObject &o, const Answer &) { return AdminJson::devices(o); });
}

void AdminClient::deviceDelta(std::optional<quint64> since, const QString &etag, QObject *context,
                              Done<DeviceDelta> done)
{
    Call call { "GET", QStringLiteral("devices"), {}, {}, {}, {} };
    if (since)
        call.query.addQueryItem(QStringLiteral("since"), QString::number(*since));
    // The caller keeps the ETag with the rows it merged, not this client's cache:
    // a 304 means "what you have", which only the caller knows.
    if (!etag.isEmpty())
        call.headers.append({ "If-None-Match", etag.toLatin1() });
    const QPointer<QObject> guard(context ? context : this);
    send(call, context, [guard, done = std::move(done)](Result<Answer> answer) {
        if (!answer) {
            done(answer.error());
            return;
        }
        if (answer->status == 304) {
            DeviceDelta unchanged;
            unchanged.full = false;
            unchanged.notModified = true;
            done(std::move(unchanged));
            return;
        }
        decodeAnswer<DeviceDelta>(
            std::move(*answer), QStringLiteral("GET /api/v1/devices"), guard,
            [done](Result<DeviceDelta> delta, const QByteArray &answerTag) {
                if (delta)
                    delta->etag = QString::fromLatin1(answerTag);
                done(std::move(delta));
            },
            [](const QJsonObject &o, const Answer &) { return AdminJson::deviceDelta(o); });
    });
}

void AdminClient::clients(QObject *context, Done<ClientList> done)
{
    sendJson<ClientList>({ "GET", QStringLiteral("clients"), {}, {}, {}, {}, true }, context, std::move(done),
                         [](const QJsonObject &o, const Answer &a) {
                             Result<ClientList> list = AdminJson::clients(o);
                             if (list && list->etag.isEmpty())
                                 list->etag = QString::fromLatin1(a.etag);
                             return list;
                         });
}

void AdminClient::revokeClient(const PublicKey &key, const QString &reason, QObject *context, Done<void> done)
{
    QUrlQuery query;
    if (!reason.isEmpty())
        query.addQueryItem(QStringLiteral("reason"), QString::fromLatin1(QUrl::toPercentEncoding(reason)));
    send({ "DELETE", QStringLiteral("clients/") + keyPathSegment(key), query, {}, {}, {} }, context,
         [done = std::move(done)](Result<Answer> answer) {
             if (!answer)
                 done(answer.error());
             else
                 done(Result<void>());
         });
}

void AdminClient::requests(QObject *context, Done<RequestList> done)
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("status"), QStringLiteral("all"));
    sendJson<RequestList>({ "GET", QStringLiteral("requests"), query, {}, {}, {}, true }, context,
                          std::move(done),
                          [](const QJsonObject &o, const Answer &) { return AdminJson::requests(o); });
}

void AdminClient::approveRequest(const QString &id, const std::optional<IpAddress> &address, QObject *context,
                                 Done<RequestInfo> done)
{
    QJsonObject body;
    if (address)
        body.insert(QStringLiteral("address"), address->toString());
    const QString path
        = QStringLiteral("requests/%1/approve").arg(QString::fromLatin1(QUrl::toPercentEncoding(id)));
    sendJson<RequestInfo>(
        { "POST", path, {}, QJsonDocument(body).toJson(QJsonDocument::Compact), "application/json", {} },
        context, std::move(done), [](const QJsonObject &o, const Answer &) { return AdminJson::request(o); });
}

void AdminClient::rejectRequest(const QString &id, const QString &reason, QObject *context,
                                Done<RequestInfo> done)
{
    const QJsonObject body { { QStringLiteral("reason"), reason } };
    const QString path
        = QStringLiteral("requests/%1/reject").arg(QString::fromLatin1(QUrl::toPercentEncoding(id)));
    sendJson<RequestInfo>(
        { "POST", path, {}, QJsonDocument(body).toJson(QJsonDocument::Compact), "application/json", {} },
        context, std::move(done), [](const QJsonObject &o, const Answer &) { return AdminJson::request(o); });
}

void AdminClient::clientsFile(QObject *context, Done<ClientsFileVersion> done)
{
    send({ "GET", QStringLiteral("clients-file"), {}, {}, {}, {} }, context,
         [done = std::move(done)](Result<Answer> answer) {
             if (!answer) {
                 done(answer.error());
                 return;
             }
             if (answer->etag.isEmpty()) {
                 done(makeError(ErrorCode::Internal,
                                QStringLiteral("The hub sent factory-clients.conf without "
                                               "an ETag, so a save could not be checked "
                                               "against later changes")));
                 return;
             }
             // The file is UTF-8 by definition; a lossy decode leaves U+FFFD, which
             // the editor's validation reports by line.
             done(ClientsFileVersion { QString::fromUtf8(answer->body), QString::fromLatin1(answer->etag) });
         });
}

void AdminClient::saveClientsFile(const QString &content, const QString &etag, QObject *context,
                                  Done<QString> done)
{
    sendJson<QString>({ "PUT",
                        QStringLiteral("clients-file"),
                        {},
                        content.toUtf8(),
                        "text/plain; charset=utf-8",
                        { { "If-Match", etag.toLatin1() } } },
                      context, std::move(done), [](const QJsonObject &o, const Answer &a) -> Result<QString> {
                          if (!a.etag.isEmpty())
                              return QString::fromLatin1(a.etag);
                          return AdminJson::etag(o);
                      });
}

void AdminClient::settings(QObject *context, Done<HubSettings> done)
{
    sendJson<HubSettings>({ "GET", QStringLiteral("settings"), {}, {}, {}, {}, true }, context,
                          std::move(done),
                          [](const QJsonObject &o, const Answer &) { return AdminJson::settings(o); });
}

void AdminClient::saveSettings(const HubSettings &settings, QObject *context, Done<HubSettings> done)
{
    const QJsonObject body { { QStringLiteral("device_to_device"), settings.deviceToDevice } };
    sendJson<HubSettings>({ "PUT",
                            QStringLiteral("settings"),
                            {},
                            QJsonDocument(body).toJson(QJsonDocument::Compact),
                            "application/json",
                            {} },
                          context, std::move(done),
                          [](const QJsonObject &o, const Answer &) { return AdminJson::settings(o); });
}

void AdminClient::audit(const AuditQuery &query, QObject *context, Done<AuditRecordPage> done)
{
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("limit"), QString::number(query.limit));
    if (query.before)
        q.addQueryItem(QStringLiteral("before"), QString::number(*query.before));
    if (!query.action.isEmpty())
        q.addQueryItem(QStringLiteral("action"), QString::fromLatin1(QUrl::toPercentEncoding(query.action)));
    if (!query.target.isEmpty())
        q.addQueryItem(QStringLiteral("target"), QString::fromLatin1(QUrl::toPercentEncoding(query.target)));
    sendJson<AuditRecordPage>({ "GET", QStringLiteral("audit"), q, {}, {}, {} }, context, std::move(done),
                              [](const QJsonObject &o, const Answer &) { return AdminJson::auditPage(o); });
}

void AdminClient::pool(QObject *context, Done<PoolInfo> done)
{
    sendJson<PoolInfo>({ "GET", QStringLiteral("pool"), {}, {}, {}, {}, true }, context, std::move(done),
                       [](const QJsonObject &o, const Answer &) { return AdminJson::pool(o); });
}

void AdminClient::invites(QObject *context, Done<QList<InviteInfo>> done)
{
    sendJson<QList<InviteInfo>>({ "GET", QStringLiteral("invites"), {}, {}, {}, {} }, context,
                                std::move(done),
                                [](const QJsonObject &o, const Answer &) { return AccessJson::invites(o); });
}

void AdminClient::createInvite(const NewInviteSpec &spec, QObject *context, Done<CreatedInvite> done)
{
    const QByteArray body = QJsonDocument(AccessJson::newInviteBody(spec)).toJson(QJsonDocument::Compact);
    sendJson<CreatedInvite>(
        { "POST", QStringLiteral("invites"), {}, body, "application/json", {} }, context, std::move(done),
        [](const QJsonObject &o, const Answer &) { return AccessJson::createdInvite(o); });
}

void AdminClient::revokeInvite(const QString &id, QObject *context, Done<InviteInfo> done)
{
    const QString path = QStringLiteral("invites/") + QString::fromLatin1(QUrl::toPercentEncoding(id));
    sendJson<InviteInfo>({ "DELETE", path, {}, {}, {}, {} }, context, std::move(done),
                         [](const QJsonObject &o, const Answer &) { return AccessJson::invite(o); });
}

void AdminClient::enrollment(QObject *context, Done<EnrollmentInfo> done)
{
    sendJson<EnrollmentInfo>({ "GET", QStringLiteral("enrollment"), {}, {}, {}, {} }, context,
                             std::move(done),
                             [](const QJsonObject &o, const Answer &) { return AccessJson::enrollment(o); });
}

void AdminClient::tokens(QObject *context, Done<QList<AdminTokenInfo>> done)
{
    sendJson<QList<AdminTokenInfo>>(
        { "GET", QStringLiteral("tokens"), {}, {}, {}, {} }, context, std::move(done),
        [](const QJsonObject &o, const Answer &) { return AccessJson::tokens(o); });
}

void AdminClient::revokeToken(const QString &id, QObject *context, Done<AdminTokenInfo> done)
{
    const QString path = QStringLiteral("tokens/") + QString::fromLatin1(QUrl::toPercentEncoding(id));
    sendJson<AdminTokenInfo>({ "DELETE", path, {}, {}, {}, {} }, context, std::move(done),
                             [](const QJsonObject &o, const Answer &) { return AccessJson::token(o); });
}

} // namespace fvpn
