#pragma once

#include "PublicKey.h"
#include "RegistrationStatus.h"
#include "Result.h"

#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QUrl>

#include <chrono>
#include <functional>

class QNetworkAccessManager;
class QNetworkReply;

namespace fvpn {

struct RegistrationDetails
{
    PublicKey publicKey;
    QString name;
    QString hostname;
    QString os;
    QString inviteCode; // empty without an invite
    // Key replacement: the approved request this key takes over, and that
    // request's poll secret (sent as the bearer credential, never in the body).
    QString replacesId;
    QString replacesSecret;
};

struct CreatedRegistration
{
    QString secret; // proves to the hub that a later poll comes from this requester
    RegistrationStatus status;
};

// One answer to a registration poll (docs/api.md, "Registration long-poll").
struct RegistrationPoll
{
    enum class Outcome
    {
        Answered, // 200: `status` is the request as it is now
        NotModified, // 304: unchanged since the ETag sent
        Busy, // 503: the hub holds as many waiting polls as it can; ask again later
    };
    Outcome outcome = Outcome::Answered;
    RegistrationStatus status; // Answered only
    QByteArray etag; // of the request's current state; empty when the hub sent none (an old hub)
    int retryAfterSeconds = -1; // Busy: the hub's Retry-After; -1 when it gave none
};

// What a TLS server showed when asked, before anything was sent to it.
struct PresentedCertificate
{
    QString fingerprint; // lowercase hex SHA-256 of the DER certificate
    QString subject; // the common name, for display
    bool trustedBySystem = false; // a CA the system trusts signed it for this host name
};

// The hub's public API (docs/api.md) over HTTPS. The hub usually has a
// self-signed certificate, so the app pins it by its SHA-256 fingerprint: a
// pinned certificate is accepted whatever its issuer, any other certificate is
// refused, even one a CA signed. Without a pin only a certificate the system
// trusts is accepted; probeCertificate() lets the user decide about another.
class HubClient : public QObject
{
    Q_OBJECT

public:
    static constexpr qint64 MaxAnswerBytes = 1024 * 1024;

    explicit HubClient(QObject *parent = nullptr);

    void setHub(const QUrl &baseUrl, const QString &pinnedFingerprint);
    const QUrl &hubUrl() const { return m_baseUrl; }
    const QString &pinnedFingerprint() const { return m_pin; }
    void setTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }

    // Callbacks run after the call returns and never after `context` is destroyed.
    void probeCertificate(QObject *context, std::function<void(Result<PresentedCertificate>)> done);
    // Ends every probe under way at once; each answers "cancelled" (Unavailable).
    void cancelProbes();
    void checkHealth(QObject *context, std::function<void(Result<void>)> done);
    void createRegistration(const RegistrationDetails &registration, QObject *context,
                            std::function<void(Result<CreatedRegistration>)> done);
    void fetchRegistration(const QString &id, const QString &secret, QObject *context,
                           std::function<void(Result<RegistrationStatus>)> done);
    // The same question, conditional: with `etag` (the last answer's) the hub
    // answers 304 when nothing changed, and with `waitSeconds` (1-60) it holds
    // the question until something changes or the wait ends. The reply is
    // returned so the caller can abort the wait; null when answered at once.
    QNetworkReply *pollRegistration(const QString &id, const QString &secret, const QByteArray &etag,
                                    int waitSeconds, QObject *context,
                                    std::function<void(Result<RegistrationPoll>)> done);
    void cancelRegistration(const QString &id, const QString &secret, QObject *context,
                            std::function<void(Result<void>)> done);

Q_SIGNALS:
    void probesCancelled();

private:
    struct Answer
    {
        int status = 0;
        QJsonObject body;
        QByteArray etag;
        int retryAfterSeconds = -1;
    };
    using AnswerHandler = std::function<void(Result<Answer>)>;
    // A conditional GET that may wait (pollRegistration).
    struct Condition
    {
        QByteArray ifNoneMatch;
        int waitSeconds = 0;
    };

    QNetworkReply *send(const QByteArray &method, const QString &path, const QString &bearer,
                        const QJsonObject *body, QObject *context, AnswerHandler done,
                        const Condition &condition);
    void send(const QByteArray &method, const QString &path, const QString &bearer, const QJsonObject *body,
              QObject *context, AnswerHandler done)
    {
        send(method, path, bearer, body, context, std::move(done), Condition {});
    }
    Result<Answer> finish(QNetworkReply *reply, const QString &certificateProblem,
                          const Condition &condition) const;
    QString describeHub() const;

    QNetworkAccessManager *m_network;
    QUrl m_baseUrl;
    QString m_pin;
    std::chrono::milliseconds m_timeout { 15000 };
};

} // namespace fvpn
