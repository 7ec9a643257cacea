#pragma once

#include "CertificatePin.h"
#include "PublicKey.h"

#include <QFile>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QProcess>
#include <QSslCertificate>
#include <QSslKey>
#include <QTemporaryDir>
#include <QUrl>

#include <memory>

// A stand-in for the hub's public registration API (docs/api.md), with a real TLS
// listener on loopback and a self-signed certificate made by openssl. Tests use
// it until they can run the real hub; it answers the same shapes and errors.
namespace fvpn::test {

struct TlsIdentity
{
    QSslCertificate certificate;
    QSslKey key;
    QString fingerprint; // lowercase hex SHA-256
};

// A fresh self-signed certificate for 127.0.0.1 / localhost, EC P-256, one day.
inline TlsIdentity makeTlsIdentity(const QString &commonName = QStringLiteral("localhost"))
{
    QTemporaryDir dir;
    const QString certPath = dir.filePath(QStringLiteral("cert.pem"));
    const QString keyPath = dir.filePath(QStringLiteral("key.pem"));
    QProcess openssl;
    openssl.start(
        QStringLiteral("openssl"),
        { QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("ec"),
          QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:P-256"), QStringLiteral("-nodes"),
          QStringLiteral("-keyout"), keyPath, QStringLiteral("-out"), certPath, QStringLiteral("-days"),
          QStringLiteral("1"), QStringLiteral("-subj"), QStringLiteral("/CN=") + commonName,
          QStringLiteral("-addext"), QStringLiteral("subjectAltName=IP:127.0.0.1,DNS:localhost") });
    openssl.waitForFinished(60000);
    TlsIdentity identity;
    QFile cert(certPath);
    QFile key(keyPath);
    if (!cert.open(QIODevice::ReadOnly) || !key.open(QIODevice::ReadOnly))
        return identity;
    identity.certificate = QSslCertificate(cert.readAll(), QSsl::Pem);
    identity.key = QSslKey(key.readAll(), QSsl::Ec, QSsl::Pem);
    identity.fingerprint = CertificatePin::fingerprintOf(identity.certificate);
    return identity;
}

class FakeHub
{
public:
    struct Request
    {
        QString id;
        QString secret;
        QJsonObject body; // what the client sent
        QString status = QStringLiteral("pending");
        QString reason;
        QJsonObject tunnel;
        QString replacedBy; // set on an approved request when its replacement was approved
    };

    explicit FakeHub(const TlsIdentity &identity)
        : m_identity(identity)
    {
        using Method = QHttpServerRequest::Method;
        m_server.route(QStringLiteral("/api/v1/health"), Method::Get, [this]() {
            ++healthChecks;
            return QHttpServerResponse(QJsonObject { { QStringLiteral("status"), QStringLiteral("ok") } });
        });
        m_server.route(QStringLiteral("/api/v1/registrations"), Method::Post,
                       [this](const QHttpServerRequest &request) { return create(request); });
        m_server.route(QStringLiteral("/api/v1/registrations/<arg>"), Method::Get,
                       [this](const QString &id, const QHttpServerRequest &request) {
                           ++polls;
                           const Request *found = authenticate(id, request);
                           if (!found)
                               return authError();
                           if (!rawPollAnswer.isEmpty())
                               return QHttpServerResponse(QByteArray("application/json"), rawPollAnswer);
                           return QHttpServerResponse(answer(*found));
                       });
        m_server.route(QStringLiteral("/api/v1/registrations/<arg>"), Method::Delete,
                       [this](const QString &id, const QHttpServerRequest &request) {
                           Request *found = authenticate(id, request);
                           if (!found)
                               return authError();
                           if (found->status != QStringLiteral("pending"))
                               return error(
                                   409, QStringLiteral("conflict"),
                                   QStringLiteral("the request is %1, not pending").arg(found->status));
                           found->status = QStringLiteral("cancelled");
                           return QHttpServerResponse(QHttpServerResponse::StatusCode::NoContent);
                       });
        m_server.sslSetup(identity.certificate, identity.key);
        port = m_server.listen(QHostAddress::LocalHost, 0);
    }

    QUrl url() const { return QUrl(QStringLiteral("https://127.0.0.1:%1").arg(port)); }
    const QString &fingerprint() const { return m_identity.fingerprint; }

    void approve(const QString &id, const QJsonObject &tunnel)
    {
        m_requests[id].status = QStringLiteral("approved");
        m_requests[id].tunnel = tunnel;
    }
    // As the hub approves a replacement: the old request is revoked in the same step.
    void approveReplacement(const QString &id, const QJsonObject &tunnel)
    {
        approve(id, tunnel);
        const QString old = m_requests[id].body.value(QStringLiteral("replaces")).toString();
        if (m_requests.contains(old)) {
            m_requests[old].status = QStringLiteral("revoked");
            m_requests[old].reason = QStringLiteral("replaced by a new key (request %1)").arg(id);
            m_requests[old].replacedBy = id;
        }
    }
    void decide(const QString &id, const QString &status, const QString &reason)
    {
        m_requests[id].status = status;
        m_requests[id].reason = reason;
    }
    const QMap<QString, Request> &requests() const { return m_requests; }
    QString onlyRequestId() const { return m_requests.size() == 1 ? m_requests.firstKey() : QString(); }

    quint16 port = 0;
    int polls = 0;
    int healthChecks = 0;
    // When set, POST answers with this (status, code, message) instead.
    int failCreateWith = 0;
    QByteArray rawPollAnswer; // when set, every poll gets these bytes as its JSON
    // Registrations with this invite are approved at once with this tunnel.
    QString preApprovedInvite;
    QJsonObject preApprovedTunnel;

private:
    static QHttpServerResponse error(int status, const QString &code, const QString &message)
    {
        const QJsonObject body { { QStringLiteral("error"),
                                   QJsonObject { { QStringLiteral("code"), code },
                                                 { QStringLiteral("message"), message } } } };
        return QHttpServerResponse(body, QHttpServerResponse::StatusCode(status));
    }

    QJsonObject answer(const Request &request) const
    {
        QJsonObject body { { QStringLiteral("id"), request.id },
                           { QStringLiteral("status"), request.status } };
        if (!request.reason.isEmpty())
            body.insert(QStringLiteral("reason"), request.reason);
        if (request.status == QStringLiteral("approved"))
            body.insert(QStringLiteral("config"), request.tunnel);
        if (request.body.contains(QStringLiteral("replaces")))
            body.insert(QStringLiteral("replaces"), request.body.value(QStringLiteral("replaces")));
        if (!request.replacedBy.isEmpty())
            body.insert(QStringLiteral("replaced_by"), request.replacedBy);
        return body;
    }

    QHttpServerResponse create(const QHttpServerRequest &http)
    {
        if (failCreateWith)
            return error(failCreateWith, QStringLiteral("test"),
                         QStringLiteral("the fake hub was told to fail"));
        const QJsonDocument document = QJsonDocument::fromJson(http.body());
        const QJsonObject body = document.object();
        if (!PublicKey::fromBase64(body.value(QStringLiteral("public_key")).toString()))
            return error(400, QStringLiteral("invalid_input"),
                         QStringLiteral("'publicKey' is not a WireGuard key"));
        for (const Request &existing : std::as_const(m_requests)) {
            if (existing.body.value(QStringLiteral("public_key")) == body.value(QStringLiteral("public_key"))
                && (existing.status == QStringLiteral("pending")
                    || existing.status == QStringLiteral("approved")))
                return error(409, QStringLiteral("conflict"),
                             QStringLiteral("this key already has a %1 request").arg(existing.status));
        }
        if (body.contains(QStringLiteral("replaces"))) {
            // Only the holder of the old request's secret, and only an approved one.
            const auto old = m_requests.constFind(body.value(QStringLiteral("replaces")).toString());
            if (old == m_requests.constEnd())
                return error(404, QStringLiteral("not_found"), QStringLiteral("no such request"));
            if (http.value("Authorization") != "Bearer " + old->secret.toUtf8())
                return error(401, QStringLiteral("unauthorized"), QStringLiteral("wrong request secret"));
            if (old->status != QStringLiteral("approved"))
                return error(409, QStringLiteral("conflict"),
                             QStringLiteral("the request you want to replace is %1").arg(old->status));
        }
        Request request;
        request.id = QStringLiteral("req-%1").arg(m_requests.size() + 1);
        request.secret = QStringLiteral("secret-%1-%2").arg(m_requests.size() + 1).arg(port);
        request.body = body;
        if (!preApprovedInvite.isEmpty()
            && body.value(QStringLiteral("invite")).toString() == preApprovedInvite) {
            request.status = QStringLiteral("approved");
            request.tunnel = preApprovedTunnel;
        }
        m_requests.insert(request.id, request);
        QJsonObject created = answer(request);
        created.insert(QStringLiteral("secret"), request.secret);
        return QHttpServerResponse(created, QHttpServerResponse::StatusCode::Created);
    }

    QHttpServerResponse authError() const
    {
        if (m_lastAuthFailure == 404)
            return error(404, QStringLiteral("not_found"), QStringLiteral("no such request"));
        return error(401, QStringLiteral("unauthorized"), QStringLiteral("wrong request secret"));
    }

    Request *authenticate(const QString &id, const QHttpServerRequest &http)
    {
        auto it = m_requests.find(id);
        if (it == m_requests.end()) {
            m_lastAuthFailure = 404;
            return nullptr;
        }
        if (http.value("Authorization") != "Bearer " + it->secret.toUtf8()) {
            m_lastAuthFailure = 401;
            return nullptr;
        }
        return &*it;
    }

    TlsIdentity m_identity;
    QHttpServer m_server;
    QMap<QString, Request> m_requests;
    int m_lastAuthFailure = 0;
};

} // namespace fvpn::test
