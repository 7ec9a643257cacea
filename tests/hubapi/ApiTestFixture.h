#pragma once

#include "FileHubBackend.h"
#include "HubApi.h"

#include <QHash>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTemporaryDir>
#include <QUrl>

#include <memory>

struct HttpReply
{
    int status = 0;
    QByteArray body;
    QHash<QByteArray, QByteArray> headers; // names lower-cased
    QString transportError;

    QJsonObject json() const;
    QString errorCode() const; // error.code of an error body
    QString errorMessage() const;
};

using HeaderList = QList<QPair<QByteArray, QByteArray>>;

// A hub API on 127.0.0.1 (random ports, plain HTTP unless TLS is asked for) over
// the file-backed test backend, and an HTTP client to talk to it.
class ApiTestFixture
{
public:
    explicit ApiTestFixture(fvpn::HubApiConfig config = {});

    bool ok() const { return m_ok; }
    fvpn::HubApi &api() { return *m_api; }
    FileHubBackend &backend() { return *m_backend; }
    const QString &token() const { return m_token; }
    QString stateDir() const { return m_dir.filePath(QStringLiteral("state")); }

    quint16 publicPort() const { return m_publicPort; }
    quint16 adminPort() const { return m_adminPort; }
    QUrl publicUrl(const QString &path) const;
    QUrl adminUrl(const QString &path) const;

    // Sends and waits (the event loop runs meanwhile).
    HttpReply send(const QByteArray &method, const QUrl &url, const QByteArray &body = {},
                   const HeaderList &headers = {});
    // Starts without waiting, for concurrent requests; finish with collect().
    QNetworkReply *start(const QByteArray &method, const QUrl &url, const QByteArray &body = {},
                         const HeaderList &headers = {});
    static HttpReply collect(QNetworkReply *reply);

    // Public registration helpers.
    HttpReply registerKey(const QString &publicKey, const QString &name = QStringLiteral("Alice Smith"),
                          const QString &invite = {});
    HttpReply poll(const QString &id, const QString &secret);
    // Admin calls with the fixture's token.
    HttpReply admin(const QByteArray &method, const QString &path, const QByteArray &body = {},
                    HeaderList headers = {});
    HttpReply adminJson(const QByteArray &method, const QString &path, const QJsonObject &body);

    QByteArray clientsFileOnDisk() const;
    int requestCount();
    int auditCount();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<FileHubBackend> m_backend;
    std::unique_ptr<fvpn::HubApi> m_api;
    QNetworkAccessManager m_nam;
    quint16 m_publicPort = 0;
    quint16 m_adminPort = 0;
    QString m_token;
    bool m_ok = false;
};
