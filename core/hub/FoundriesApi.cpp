#include "FoundriesApi.h"

#include "AtomicFile.h"
#include "FactoryConfig.h"
#include "HubLog.h"
#include "StrictJson.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace fvpn {

namespace {

// Upstream refreshes ten minutes before expiry.
constexpr qint64 RefreshSlackSecs = 600;

QString describeReply(QNetworkReply *reply, const QByteArray &body)
{
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status != 0)
        return FactoryConfig::describeHttpError(status, body);
    return reply->errorString();
}

} // namespace

FoundriesApi::FoundriesApi(QUrl base, QString factory, Auth auth, QObject *parent)
    : QObject(parent)
    , m_base(std::move(base))
    , m_factory(std::move(factory))
    , m_auth(std::move(auth))
{ }

QString FoundriesApi::wireguardIpsPath() const
{
    return u"/ota/factories/%1/wireguard-ips/"_s.arg(QString::fromUtf8(QUrl::toPercentEncoding(m_factory)));
}

QString FoundriesApi::configPath() const
{
    return u"/ota/factories/%1/config/"_s.arg(QString::fromUtf8(QUrl::toPercentEncoding(m_factory)));
}

QUrl FoundriesApi::oauthTokenUrl() const
{
    const QString overridden = qEnvironmentVariable("FVPN_OAUTH_TOKEN_URL");
    return QUrl(overridden.isEmpty() ? u"https://app.foundries.io/oauth/token"_s : overridden);
}

void FoundriesApi::get(const QString &path, QObject *context, Callback done)
{
    send("GET", path, {}, context, std::move(done));
}

void FoundriesApi::patch(const QString &path, const QJsonObject &body, QObject *context, Callback done)
{
    send("PATCH", path, QJsonDocument(body).toJson(QJsonDocument::Compact), context, std::move(done));
}

void FoundriesApi::send(const QByteArray &verb, const QString &path, const QByteArray &body, QObject *context,
                        Callback done)
{
    withAuthHeader(context,
                   [this, verb, path, body, context, done](Result<QPair<QByteArray, QByteArray>> header) {
                       if (!header) {
                           done(header.error());
                           return;
                       }
                       QUrl url = m_base;
                       url.setPath(m_base.path() + path, QUrl::TolerantMode);
                       QNetworkRequest request(url);
                       request.setRawHeader(header->first, header->second);
                       request.setRawHeader("Accept", "application/json");
                       request.setTransferTimeout(TimeoutMs);
                       if (!body.isEmpty())
                           request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
                       QNetworkReply *reply = m_network.sendCustomRequest(request, verb, body);
                       const QString what = QString::fromLatin1(verb) + u' ' + url.toDisplayString();
                       connect(reply, &QNetworkReply::finished, context, [reply, done, what] {
                           reply->deleteLater();
                           const QByteArray answer = reply->readAll();
                           if (reply->error() != QNetworkReply::NoError) {
                               done(makeError(ErrorCode::Unavailable,
                                              u"%1: %2"_s.arg(what, describeReply(reply, answer))));
                               return;
                           }
                           done(answer);
                       });
                   });
}

void FoundriesApi::withAuthHeader(QObject *context,
                                  std::function<void(Result<QPair<QByteArray, QByteArray>>)> then)
{
    using Header = QPair<QByteArray, QByteArray>;
    if (!m_auth.apiToken.isEmpty()) {
        then(Header { "OSF-TOKEN", m_auth.apiToken.toUtf8() });
        return;
    }
    const Result<QByteArray> raw = AtomicFile::read(m_auth.oauthCredsFile, 64 * 1024);
    if (!raw) {
        then(makeError(
            raw.error().code,
            u"cannot read OAuth credentials %1: %2 (create them with upstream's "
            "interactive 'enable' or use --apitoken)"_s.arg(m_auth.oauthCredsFile, raw.error().message)));
        return;
    }
    const Result<QJsonObject> parsedCreds = StrictJson::parseObject(*raw);
    if (!parsedCreds) {
        then(makeError(ErrorCode::InvalidInput,
                       u"OAuth credentials %1 are not a JSON object: %2"_s.arg(m_auth.oauthCredsFile,
                                                                               parsedCreds.error().message)));
        return;
    }
    const QJsonObject &creds = parsedCreds.value();
    const QString access = creds.value(u"access_token").toString();
    const QString refresh = creds.value(u"refresh_token").toString();
    const qint64 expires
        = qint64(creds.value(u"created").toDouble()) + qint64(creds.value(u"expires_in").toDouble());
    if (access.isEmpty()) {
        then(makeError(ErrorCode::InvalidInput,
                       u"OAuth credentials %1 have no access_token"_s.arg(m_auth.oauthCredsFile)));
        return;
    }
    if (refresh.isEmpty() || QDateTime::currentSecsSinceEpoch() < expires - RefreshSlackSecs) {
        then(Header { "Authorization", "Bearer " + access.toUtf8() });
        return;
    }

    qCInfo(lcHub) << "refreshing the OAuth access token";
    QUrlQuery form;
    form.addQueryItem(u"grant_type"_s, u"refresh_token"_s);
    form.addQueryItem(u"refresh_token"_s, refresh);
    QNetworkRequest request(oauthTokenUrl());
    request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/x-www-form-urlencoded"_s);
    request.setTransferTimeout(TimeoutMs);
    QNetworkReply *reply = m_network.post(request, form.toString(QUrl::FullyEncoded).toUtf8());
    const QString credsFile = m_auth.oauthCredsFile;
    connect(reply, &QNetworkReply::finished, context, [reply, then, credsFile] {
        reply->deleteLater();
        const QByteArray answer = reply->readAll();
        if (reply->error() != QNetworkReply::NoError) {
            then(makeError(ErrorCode::Unavailable,
                           u"cannot refresh the OAuth access token: %1"_s.arg(describeReply(reply, answer))));
            return;
        }
        const QJsonObject fresh = StrictJson::parseObject(answer).valueOr(QJsonObject());
        const QString token = fresh.value(u"access_token").toString();
        if (token.isEmpty()) {
            then(makeError(ErrorCode::Unavailable, u"the OAuth token answer has no access_token"_s));
            return;
        }
        const QJsonObject saved {
            { u"access_token"_s, token },
            { u"refresh_token"_s, fresh.value(u"refresh_token").toString() },
            { u"expires_in"_s, fresh.value(u"expires_in") },
            { u"created"_s, double(QDateTime::currentSecsSinceEpoch()) },
        };
        if (Result<void> written = AtomicFile::write(credsFile, QJsonDocument(saved).toJson()); !written)
            qCWarning(lcHub).noquote()
                << "cannot save refreshed OAuth credentials:" << written.error().message;
        then(Header { "Authorization", "Bearer " + token.toUtf8() });
    });
}

} // namespace fvpn
