#include "ApiTestFixture.h"

#include <QFile>
#include <QJsonDocument>
#include <QNetworkRequest>
#include <QSignalSpy>

using namespace fvpn;

QJsonObject HttpReply::json() const
{
    return QJsonDocument::fromJson(body).object();
}

QString HttpReply::errorCode() const
{
    return json().value(u"error").toObject().value(u"code").toString();
}

QString HttpReply::errorMessage() const
{
    return json().value(u"error").toObject().value(u"message").toString();
}

ApiTestFixture::ApiTestFixture(HubApiConfig config)
{
    m_backend = std::make_unique<FileHubBackend>(m_dir.path());
    if (config.publicUrl.isEmpty())
        config.publicUrl = QUrl(QStringLiteral("http://127.0.0.1:1"));
    auto api = HubApi::create(stateDir(), *m_backend, config);
    if (!api) {
        qWarning("hub API did not start: %s", qPrintable(api.error().message));
        return;
    }
    m_api = std::move(api).value();
    auto pub = m_api->listenPublic(QHostAddress::LocalHost, 0, std::nullopt, HubApi::publicLimits());
    auto adm = m_api->listenAdmin(QHostAddress::LocalHost, 0, std::nullopt, HubApi::adminLimits());
    if (!pub || !adm)
        return;
    m_publicPort = pub.value();
    m_adminPort = adm.value();
    auto token = m_api->tokens().create(QStringLiteral("test-admin"));
    if (!token)
        return;
    m_token = token->secretText;
    m_ok = true;
}

QUrl ApiTestFixture::publicUrl(const QString &path) const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_publicPort).arg(path));
}

QUrl ApiTestFixture::adminUrl(const QString &path) const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_adminPort).arg(path));
}

QNetworkReply *ApiTestFixture::start(const QByteArray &method, const QUrl &url, const QByteArray &body,
                                     const HeaderList &headers)
{
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    return m_nam.sendCustomRequest(request, method, body);
}

HttpReply ApiTestFixture::collect(QNetworkReply *reply)
{
    if (!reply->isFinished()) {
        QSignalSpy finished(reply, &QNetworkReply::finished);
        finished.wait(15'000);
    }
    HttpReply r;
    r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (reply->isOpen())
        r.body = reply->readAll();
    for (const auto &[name, value] : reply->rawHeaderPairs())
        r.headers.insert(name.toLower(), value);
    // A status line followed by a cut-off body (the hub killed mid-answer) is a
    // transport failure too: the caller must not read that half answer as one.
    const QNetworkReply::NetworkError error = reply->error();
    const bool transportFailed = error != QNetworkReply::NoError
        && (r.status == 0 || error < QNetworkReply::ProxyConnectionRefusedError
            || error == QNetworkReply::ProtocolFailure);
    if (transportFailed)
        r.transportError = reply->errorString();
    reply->deleteLater();
    return r;
}

HttpReply ApiTestFixture::send(const QByteArray &method, const QUrl &url, const QByteArray &body,
                               const HeaderList &headers)
{
    return collect(start(method, url, body, headers));
}

HttpReply ApiTestFixture::registerKey(const QString &publicKey, const QString &name, const QString &invite)
{
    QJsonObject body { { QStringLiteral("public_key"), publicKey },
                       { QStringLiteral("name"), name },
                       { QStringLiteral("hostname"), QStringLiteral("alice-laptop") },
                       { QStringLiteral("os"), QStringLiteral("Debian GNU/Linux 12") } };
    if (!invite.isEmpty())
        body.insert(QStringLiteral("invite"), invite);
    return send("POST", publicUrl(QStringLiteral("/api/v1/registrations")), QJsonDocument(body).toJson(),
                { { "Content-Type", "application/json" } });
}

HttpReply ApiTestFixture::poll(const QString &id, const QString &secret)
{
    return send("GET", publicUrl(QStringLiteral("/api/v1/registrations/") + id), {},
                { { "Authorization", "Bearer " + secret.toLatin1() } });
}

HttpReply ApiTestFixture::admin(const QByteArray &method, const QString &path, const QByteArray &body,
                                HeaderList headers)
{
    headers.append({ "Authorization", "Bearer " + m_token.toLatin1() });
    return send(method, adminUrl(path), body, headers);
}

HttpReply ApiTestFixture::adminJson(const QByteArray &method, const QString &path, const QJsonObject &body)
{
    return admin(method, path, QJsonDocument(body).toJson(), { { "Content-Type", "application/json" } });
}

QByteArray ApiTestFixture::clientsFileOnDisk() const
{
    QFile f(m_backend->clientsFilePath());
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

int ApiTestFixture::requestCount()
{
    auto all = m_api->requests().list(std::nullopt, 10000);
    return all ? int(all->size()) : -1;
}

int ApiTestFixture::auditCount()
{
    auto q = m_api->database().exec(QStringLiteral("SELECT COUNT(*) FROM audit"));
    return q && q->next() ? q->value(0).toInt() : -1;
}
