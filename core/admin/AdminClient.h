#pragma once

#include "HubAccess.h"
#include "HubSnapshot.h"
#include "Result.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPair>
#include <QPointer>
#include <QString>
#include <QUrl>
#include <QUrlQuery>

#include <any>
#include <functional>
#include <optional>

class QNetworkAccessManager;

namespace fvpn {

// Filters of GET /api/v1/audit that the hub applies itself.
struct AuditQuery
{
    int limit = 200;
    std::optional<qint64> before; // an entry id: only older entries
    QString action;
    QString target;
};

// The hub's admin API (docs/api.md, /api/v1 with a bearer token) over HTTP(S).
// Every call is asynchronous: `done` runs in this object's thread after the call
// returns, and never once `context` is gone (a null context means this client).
//
// Errors are worded for the admin: a hub that cannot be reached is "not
// reachable — are you on the VPN?" (ErrorCode::Unavailable), a refused token is
// PermissionDenied, a changed file is PreconditionFailed, a file the hub refuses
// is InvalidInput with the hub's line errors.
//
// The token is sent only to the configured origin: redirects are not followed
// and, with a pinned certificate, a hub showing any other certificate is cut off
// after the TLS handshake, before the request (and its token) is sent.
class AdminClient : public QObject
{
    Q_OBJECT

public:
    template<typename T> using Done = std::function<void(Result<T>)>;

    static constexpr int DefaultTimeoutMs = 15000;
    static constexpr qint64 MaxAnswerBytes = 64 * 1024 * 1024; // 10,000 devices take ~3 MiB
    // Answers at least this large are decoded on a worker thread (about 1,000 devices).
    static constexpr qint64 DecodeInBackgroundBytes = 256 * 1024;

    explicit AdminClient(QObject *parent = nullptr);

    // `pin`: the lowercase hex SHA-256 of the hub's DER certificate, or empty to
    // trust only certificates the system trusts.
    void setHub(const QUrl &adminUrl, const QString &token, const QString &pin = {});
    const QUrl &hubUrl() const { return m_baseUrl; }
    void setTimeout(int milliseconds) { m_timeoutMs = milliseconds; }

    void devices(QObject *context, Done<DeviceList> done);
    // The devices changed since `since` (a revision of an earlier answer), or all
    // of them without it or when the hub cannot tell (`full`). With `etag` (the
    // previous answer's), an unchanged list is a 304: `notModified`.
    void deviceDelta(std::optional<quint64> since, const QString &etag, QObject *context,
                     Done<DeviceDelta> done);
    void clients(QObject *context, Done<ClientList> done);
    void revokeClient(const PublicKey &key, const QString &reason, QObject *context, Done<void> done);
    void requests(QObject *context, Done<RequestList> done); // every status, newest first
    // Without an address the hub picks the next free one.
    void approveRequest(const QString &id, const std::optional<IpAddress> &address, QObject *context,
                        Done<RequestInfo> done);
    void rejectRequest(const QString &id, const QString &reason, QObject *context, Done<RequestInfo> done);
    void clientsFile(QObject *context, Done<ClientsFileVersion> done);
    // Replaces the file only if the hub's copy still has `etag`; gives the new ETag.
    void saveClientsFile(const QString &content, const QString &etag, QObject *context, Done<QString> done);
    void settings(QObject *context, Done<HubSettings> done);
    void saveSettings(const HubSettings &settings, QObject *context, Done<HubSettings> done);
    void audit(const AuditQuery &query, QObject *context, Done<AuditRecordPage> done);
    void pool(QObject *context, Done<PoolInfo> done);

    // Invites and the plain enrollment link, for onboarding engineers; admin
    // tokens (listed and revoked; creating one stays on the hub's command line).
    void invites(QObject *context, Done<QList<InviteInfo>> done);
    void createInvite(const NewInviteSpec &spec, QObject *context, Done<CreatedInvite> done);
    void revokeInvite(const QString &id, QObject *context, Done<InviteInfo> done);
    void enrollment(QObject *context, Done<EnrollmentInfo> done);
    void tokens(QObject *context, Done<QList<AdminTokenInfo>> done);
    void revokeToken(const QString &id, QObject *context, Done<AdminTokenInfo> done);

    int callsInFlight() const { return m_inFlight; }
    // GETs of clients, requests, settings and pool are conditional: the answer's
    // ETag goes back as If-None-Match, and a 304 gives what was known, with
    // revision 0 (the hub says it did not change, not as of when). Calls
    // answered from what was known, so far (for tests).
    int notModifiedAnswers() const { return m_notModified; }

    // How the key appears in a path: the URL-safe base64 alphabet needs no escaping.
    static QString keyPathSegment(const PublicKey &key);

private:
    struct Answer
    {
        int status = 0;
        QByteArray body;
        QByteArray etag;
        QByteArray contentType;
    };
    struct Call
    {
        QByteArray verb;
        QString path; // below /api/v1
        QUrlQuery query;
        QByteArray body;
        QByteArray contentType;
        QList<QPair<QByteArray, QByteArray>> headers;
        bool conditional = false; // a GET that may be answered by 304 from the cache
    };
    // The last answer of a conditional GET, decoded, with its ETag.
    struct Cached
    {
        QByteArray etag;
        std::any value;
    };

    void send(const Call &call, QObject *context, std::function<void(Result<Answer>)> done);
    // For calls answered with a JSON object: decodes it and hands it to `read`.
    template<typename T, typename Reader>
    void sendJson(const Call &call, QObject *context, Done<T> done, Reader read);
    // Decodes a JSON object answer with `read`, on a worker thread when it is large;
    // `deliver` runs on this thread, only while `guard` lives.
    template<typename T, typename Reader>
    static void decodeAnswer(Answer answer, const QString &what, const QPointer<QObject> &guard,
                             std::function<void(Result<T>, QByteArray)> deliver, Reader read);
    QString origin() const;

    QNetworkAccessManager *m_network;
    QUrl m_baseUrl;
    QString m_token;
    QString m_pin;
    int m_timeoutMs = DefaultTimeoutMs;
    int m_inFlight = 0;
    int m_notModified = 0;
    QHash<QString, Cached> m_cache; // by path and query
    quint64 m_hubGeneration = 0; // bumped by setHub: answers of the previous hub are not cached
};

} // namespace fvpn
