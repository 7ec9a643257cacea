#pragma once

#include "ApiHttpServer.h"
#include "ApiSnapshot.h"
#include "Endpoint.h"
#include "EventLog.h"
#include "HubBackend.h"
#include "IpAddress.h"
#include "PollWaiters.h"
#include "RequestStore.h"
#include "WgDump.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QThreadPool>

#include <memory>
#include <mutex>
#include <optional>

namespace fvpn {

class HubApi;

// The one revisioned state the admin API serves (devices with live data, client
// peers, requests, settings, status). Lives on the main thread, where the API
// stores are: refresh() finds what changed since the last look (cheaply when the
// hub published nothing and no request was written), gives each change the next
// revision, logs its event and answers the long-polls it concerns, then publishes
// an immutable ApiSnapshot that readers on any thread share. Answer bodies are
// built from the snapshot on a small pool of its own, never on the main or hub
// thread, once per revision.
class HubState : public QObject
{
    Q_OBJECT

public:
    explicit HubState(HubApi &api, QObject *parent = nullptr);
    ~HubState() override;

    // The first revision of this run: start time in ms × 1000 (below 2^53).
    static quint64 firstRevisionAt(qint64 nowMs);

    // Main thread.
    void refresh();
    std::shared_ptr<const ApiSnapshot> snapshot() const; // any thread; never null
    EventLog &events() { return m_events; }

    using Resource = ApiResource;
    // Answers a GET of `resource` from the current snapshot (ETag, 304, gzip,
    // ?since= for devices), built off the main thread.
    void serve(Resource resource, const ApiRequest &request, ApiResponder responder);

    // Registration long-poll: holds `responder` (already waiting) until request
    // `id` changes from `etag`, or answers 304 after `waitSecs`.
    void holdPoll(const QString &id, const QByteArray &etag, int waitSecs, ApiResponder responder);
    int heldPolls() const;
    // The poll answer of a request and its ETag (main thread).
    ApiResponse pollAnswer(const RegistrationRequest &request) const;

private:
    quint64 bump() { return ++m_revision; }
    void logEvent(quint64 id, const QString &type, QJsonObject data);
    bool refreshRequests(ApiSnapshot &next, bool initial);
    bool refreshDevices(ApiSnapshot &next, bool initial, const QHash<PublicKey, WgDumpPeer> &live,
                        const QString &liveError);
    bool refreshClients(ApiSnapshot &next, bool initial, const QHash<PublicKey, WgDumpPeer> &live);
    bool refreshStatus(ApiSnapshot &next);
    void answerPolls(const QList<RegistrationRequest> &changed);

    HubApi &m_api;
    const quint64 m_firstRevision;
    quint64 m_revision;
    bool m_initialized = false;
    quint64 m_seenBackendSerial = ~quint64(0);
    quint64 m_seenRequestChanges = ~quint64(0);
    QHash<QString, QJsonObject> m_requestRows;
    QHash<PublicKey, QJsonObject> m_clientRows;
    QHash<PublicKey, qsizetype> m_deviceIndex;
    // What each device's row was built from: a sample where a device's inputs
    // did not move keeps its row without building it again (at 10,000 devices
    // most of them are idle between two samples).
    struct DeviceInputs
    {
        QString name;
        IpAddress address;
        bool present = false;
        qint64 latestHandshake = 0;
        quint64 rxBytes = 0;
        quint64 txBytes = 0;
        std::optional<Endpoint> endpoint;
        int state = 0; // JsonViews::liveState's "state", as of the sample
        friend bool operator==(const DeviceInputs &, const DeviceInputs &) = default;
    };
    QHash<PublicKey, DeviceInputs> m_deviceInputs;
    // The status's pool figures, and what they were computed from.
    QList<BackendDevice> m_poolDevices;
    QString m_poolClientsEtag;
    QJsonObject m_poolJson;
    EventLog m_events;
    QThreadPool m_pool;

    PollWaiters m_polls;

    mutable std::mutex m_mutex; // guards m_snapshot
    std::shared_ptr<const ApiSnapshot> m_snapshot;
};

} // namespace fvpn
