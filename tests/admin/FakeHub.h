#pragma once

#include "ClientsFile.h"
#include "FakeEventFront.h"
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
//
// It also speaks the push contract (docs/api.md, "Revisions", "Event stream"):
// one revision for everything, ETags and 304s, GET /devices?since=REV, and the
// event stream (FakeEventFront). A change made through its methods, its routes
// or commit() gets revisions and events at once; a change a test makes to the
// public fields directly is found at the next commit() or the next request.
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

    // The push contract
    FakeEventFront &events() { return m_front; }
    quint64 revision() const { return m_revision; }
    quint64 firstRevision() const { return m_firstRevision; }
    // Compares the state with what was last published: each change gets the
    // next revision and its event (request.*, client.*, clients_file.changed,
    // settings.changed, device.online/stale/offline, inventory.changed).
    void commit();
    void publish(const QString &type, QJsonObject data); // any event, at the next revision
    // Deltas: positions at or before this revision get a full answer.
    quint64 deltaHorizon = 0;
    int notModifiedAnswers = 0; // 304s sent
    QList<QString> deviceQueries; // the query of each GET /devices

    QString clientsFile() const { return m_clientsFile; }
    QString etag() const { return m_etag; }
    // Someone else's edit: a new ETag, as the hub would after a PUT.
    void setClientsFile(const QString &text, const QString &actor = QStringLiteral("token:other"));

    // Test data: keys derived from a number, devices dev-NNN, pending requests.
    static PublicKey key(int n);
    // Rows as the API shows them (also in events).
    static QJsonObject deviceJson(const DeviceInfo &device);
    static QJsonObject clientJson(const ClientPeer &peer, int line);
    static QJsonObject requestJson(const RequestInfo &request);
    DeviceInfo addDevice(int n, const QDateTime &lastHandshake = {});
    RequestInfo addPendingRequest(const QString &name, int keyNumber);
    void record(const QString &actor, const QString &action, const QString &target,
                const QJsonValue &before = {}, const QJsonValue &after = {});

private:
    QHttpServerResponse guarded(const QHttpServerRequest &request, const QString &what,
                                const std::function<QHttpServerResponse()> &handler);
    QHttpServerResponse devicesAnswer(const QHttpServerRequest &request);
    QHttpServerResponse clientsAnswer(const QHttpServerRequest &request);
    // A JSON answer with a content ETag (revision left out) and 304 for If-None-Match.
    QHttpServerResponse conditional(const QHttpServerRequest &request, QJsonObject body, bool withRevision);
    QHttpServerResponse revoke(const QString &keyText, const QHttpServerRequest &request);
    QHttpServerResponse requestsAnswer(const QHttpServerRequest &request);
    QHttpServerResponse approve(const QString &id, const QHttpServerRequest &request);
    QHttpServerResponse reject(const QString &id, const QHttpServerRequest &request);
    QHttpServerResponse putClientsFile(const QHttpServerRequest &request);
    QHttpServerResponse putSettings(const QHttpServerRequest &request);
    QHttpServerResponse auditAnswer(const QHttpServerRequest &request) const;
    QHttpServerResponse poolAnswer(const QHttpServerRequest &request);
    ClientsFile::ParseOptions options() const;
    IpAddress nextFree() const;
    RequestInfo *findRequest(const QString &id);
    void newEtag();

    // What was last published, to find changes (FakeHubRevisions.cpp).
    struct SeenDevice
    {
        DeviceInfo device;
        quint64 revision = 0;
    };
    void commitDevices();
    void commitRequests();
    void commitClients();
    quint64 next() { return ++m_revision; }

    QHttpServer m_server;
    FakeEventFront m_front;
    quint16 m_port = 0;
    quint64 m_firstRevision = 0;
    quint64 m_revision = 0;
    QHash<PublicKey, SeenDevice> m_seenDevices;
    QHash<PublicKey, quint64> m_removedDevices; // key -> revision of its removal
    QHash<QString, RequestInfo> m_seenRequests;
    QList<ClientPeer> m_seenClients;
    QString m_seenEtag;
    bool m_seenDeviceToDevice = false;
    QString m_clientsFile;
    QString m_etag;
    int m_etagCounter = 0;
    int m_requestCounter = 0;
};

// An error body as the hub sends it.
QHttpServerResponse apiError(int status, const QString &code, const QString &message,
                             const QList<LineError> &lines = {});

} // namespace fvpn::test
