#pragma once

#include "Result.h"

#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QObject>
#include <QUrl>

#include <functional>

namespace fvpn {

// A small client of the FoundriesFactory REST API: authenticated GET and PATCH with
// a timeout, answers as bytes or a readable Error. Authentication is the API token
// (OSF-TOKEN header) or the OAuth2 credentials file upstream uses; an expired
// access token is refreshed with its refresh token and the file rewritten (0600).
// Tokens never appear in errors or logs.
class FoundriesApi : public QObject
{
    Q_OBJECT

public:
    struct Auth
    {
        QString apiToken;
        QString oauthCredsFile;
    };
    using Callback = std::function<void(Result<QByteArray>)>;

    FoundriesApi(QUrl base, QString factory, Auth auth, QObject *parent = nullptr);

    QString wireguardIpsPath() const; // /ota/factories/{f}/wireguard-ips/
    QString configPath() const; // /ota/factories/{f}/config/

    // `done` runs on this object's thread once, unless `context` is gone by then.
    void get(const QString &path, QObject *context, Callback done);
    void patch(const QString &path, const QJsonObject &body, QObject *context, Callback done);

    static constexpr int TimeoutMs = 30000;

private:
    void send(const QByteArray &verb, const QString &path, const QByteArray &body, QObject *context,
              Callback done);
    // Calls `then` with the Authorization/OSF-TOKEN header, refreshing OAuth first if due.
    void withAuthHeader(QObject *context, std::function<void(Result<QPair<QByteArray, QByteArray>>)> then);
    QUrl oauthTokenUrl() const;

    QUrl m_base;
    QString m_factory;
    Auth m_auth;
    QNetworkAccessManager m_network;
};

} // namespace fvpn
