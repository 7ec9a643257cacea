#pragma once

#include "ClientsFile.h"
#include "FakeInvites.h"
#include "HubSnapshot.h"

#include <QHash>
#include <QHttpServer>
#include <QJsonObject>
#include <QObject>
#include <QUrl>

namespace fvpn::test {

// A stand-in for the hub's admin API over real HTTP on 127.0.0.1, serving the
// JSON shapes of docs/api.md (as the hub-api branch implements them) from
// in-memory state: devices, factory-clients.conf with ETags, requests, settings,
// audit, pool, invites. Tests drive it directly to play "someone else" (a concurrent edit,
// a new request) and inspect what the app sent.
class FakeHub : public QObject
{
    Q_OBJECT

public:
    static constexpr const char *Token = "fvpn-test-admin-token-0123456789";

    explicit FakeHub(QObject *parent = nullptr);

    bool listen(); // on 127.0.0.1, a free port
    QUrl url() const;

    // State
    IpNetwork subnet;
    IpAddress hubAddress;
    QList<DeviceInfo> devices;
    QList<RequestInfo> requests; // newest last; served newest first
    bool deviceToDevice = false;
    QList<AuditRecord> audit; // oldest first
    FakeInvites access; // invites and the enrollment link
    QHash<QString, int> hits; // "GET devices" -> count
    int failWithStatus = 0; // when set, every admin call answers this status
    QByteArray lastIfMatch;
    QByteArray lastBody;

    QString clientsFile() const { return m_clientsFile; }
    QString etag() const { return m_etag; }
    // Someone else's edit: a new ETag, as the hub would after a PUT.
    void setClientsFile(const QString &text, const QString &actor = QStringLiteral("token:other"));

    // Test data: keys derived from a number, devices dev-NNN, pending requests.
    static PublicKey key(int n);
    DeviceInfo addDevice(int n, const QDateTime &lastHandshake = {});
    RequestInfo addPendingRequest(const QString &name, int keyNumber);
    void record(const QString &actor, const QString &action, const QString &target,
                const QJsonValue &before = {}, const QJsonValue &after = {});

private:
    QHttpServerResponse guarded(const QHttpServerRequest &request, const QString &what,
                                const std::function<QHttpServerResponse()> &handler);
    QHttpServerResponse devicesAnswer() const;
    QHttpServerResponse clientsAnswer() const;
    QHttpServerResponse revoke(const QString &keyText, const QHttpServerRequest &request);
    QHttpServerResponse requestsAnswer() const;
    QHttpServerResponse approve(const QString &id, const QHttpServerRequest &request);
    QHttpServerResponse reject(const QString &id, const QHttpServerRequest &request);
    QHttpServerResponse putClientsFile(const QHttpServerRequest &request);
    QHttpServerResponse putSettings(const QHttpServerRequest &request);
    QHttpServerResponse auditAnswer(const QHttpServerRequest &request) const;
    QHttpServerResponse poolAnswer() const;
    ClientsFile::ParseOptions options() const;
    IpAddress nextFree() const;
    RequestInfo *findRequest(const QString &id);
    void newEtag();

    QHttpServer m_server;
    quint16 m_port = 0;
    QString m_clientsFile;
    QString m_etag;
    int m_etagCounter = 0;
    int m_requestCounter = 0;
};

// An error body as the hub sends it.
QHttpServerResponse apiError(int status, const QString &code, const QString &message,
                             const QList<LineError> &lines = {});

} // namespace fvpn::test
