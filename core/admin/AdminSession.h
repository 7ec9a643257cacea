#pragma once

#include "AdminClient.h"
#include "AdminEventStream.h"
#include "HubSnapshot.h"
#include "Result.h"

#include <QObject>
#include <QSet>
#include <QTimer>

#include <functional>
#include <memory>
#include <optional>

namespace fvpn {

// One admin's live view of one hub: the devices, client peers, requests,
// settings, address pool and audit trail. It follows the hub's event stream
// (AdminEventStream) and applies each event to the snapshot as it comes, so a
// new request shows at once; it also refreshes on an interval, on demand, after
// its own actions, and whenever the stream cannot say everything (a reset, a
// stream that was lost, an inventory change). A refresh asks only for what
// changed: the devices since the last revision (?since=), the other parts with
// If-None-Match. Each part is replaced only when it really changed, and only
// then is its signal emitted, so views update what changed and nothing else.
//
// Answers and events carry the hub's revision: an answer older than an event
// already applied (a refresh that crossed an event on the way) is set aside and
// asked again, and an event older than an answer already applied is skipped.
//
// Failures do not clear what was shown: the last good snapshot stays, the error
// is reported once per refresh (errorOccurred), and reachableChanged tells
// whether the hub answers at all. The event stream's troubles are not errors:
// without it the session refreshes on its interval (isLive says which).
class AdminSession : public QObject
{
    Q_OBJECT

public:
    static constexpr int DefaultIntervalMs = 10000;
    static constexpr int AuditPageSize = 200;

    explicit AdminSession(QObject *parent = nullptr);
    ~AdminSession() override;

    AdminClient *client() { return m_client; }
    const HubSnapshot &snapshot() const { return m_snapshot; }
    bool hasLoaded() const { return m_loaded; }
    bool isRefreshing() const { return m_refreshing; }
    bool isReachable() const { return m_reachable; }
    QDateTime lastRefresh() const { return m_lastRefresh; }
    // Whether the hub's event stream is open: changes show as they happen.
    bool isLive() const { return m_stream->isOpen(); }
    AdminEventStream *eventStream() const { return m_stream; }
    // On by default; off, the session only refreshes (set before connectTo).
    void setFollowEvents(bool follow);
    // How long a burst of events that need a refresh is gathered into one.
    static constexpr int FollowUpDelayMs = 50;

    // Points the session at another hub: everything known about the previous one
    // is dropped (and the change signals say so), answers still on their way from
    // it are ignored.
    void connectTo(const QUrl &adminUrl, const QString &token, const QString &pin = {});
    void disconnectFromHub();

    void setRefreshInterval(int milliseconds); // 0 stops the automatic refresh
    int refreshInterval() const { return m_intervalMs; }
    // Fetches everything now; a refresh asked for while one runs follows it.
    void refresh();

    // Actions. `done` gets the hub's answer; on success the session refreshes, so
    // the views show the hub's state, not a guess.
    void approve(const QString &requestId, const std::optional<IpAddress> &address, QObject *context,
                 AdminClient::Done<RequestInfo> done);
    void reject(const QString &requestId, const QString &reason, QObject *context,
                AdminClient::Done<RequestInfo> done);
    void revoke(const PublicKey &key, const QString &reason, QObject *context, AdminClient::Done<void> done);
    // The new setting is read back from the hub's answer, not assumed.
    void setDeviceToDevice(bool allowed, QObject *context, AdminClient::Done<HubSettings> done);
    // The next page of older audit entries (after those loaded).
    void loadOlderAudit();

Q_SIGNALS:
    void devicesChanged(const QList<fvpn::DeviceInfo> &devices);
    void clientsChanged(const QList<fvpn::ClientInfo> &clients);
    void requestsChanged(const QList<fvpn::RequestInfo> &requests);
    void settingsChanged(const fvpn::HubSettings &settings);
    void poolChanged(const fvpn::PoolInfo &pool);
    void auditChanged(const QList<fvpn::AuditRecord> &entries);
    void clientsEtagChanged(const QString &etag);
    void pendingCountChanged(int count);
    // A pending request that was not there at the previous refresh (never for
    // those found by the first refresh after connecting).
    void requestArrived(const fvpn::RequestInfo &request);
    void refreshStarted();
    void refreshFinished(bool ok);
    void errorOccurred(const fvpn::Error &error);
    void reachableChanged(bool reachable);
    void liveChanged(bool live);
    // An event from the hub's stream, after the session applied it.
    void eventApplied(const fvpn::AdminEvent &event);

private:
    struct Pending;
    enum Part
    {
        DevicesPart,
        ClientsPart,
        RequestsPart,
        SettingsPart,
        PartCount,
    };
    void finishRefresh();
    // Whether a part's answer is older than what events already put there: by
    // its revision, or, for one without (a 304, settings), when an event changed
    // the part while the refresh was out.
    bool isStale(Part part, quint64 revision) const;
    void touch(Part part, quint64 revision);
    void applyDeviceDelta(const DeviceDelta &delta);
    void setDevices(QList<DeviceInfo> devices);
    void applyClients(ClientList list);
    void setClients(QList<ClientInfo> clients);
    void applyRequests(const RequestList &list);
    void setRequests(QList<RequestInfo> requests);
    void applySettings(const HubSettings &settings);
    void applyPool(const PoolInfo &pool);
    void applyAuditHead(const AuditRecordPage &page);
    void setReachable(bool reachable);
    void clear();
    // Fills approvedBy/approvedAt of client peers from the approved requests.
    void annotateClients(QList<ClientInfo> &clients) const;

    // The event stream (AdminSessionEvents.cpp).
    void onEvent(const AdminEvent &event);
    void onStreamLost();
    void applyRequestEvent(const AdminEvent &event);
    void applyClientEvent(const AdminEvent &event);
    void applyDeviceEvent(const AdminEvent &event);
    void followUp();

    AdminClient *m_client;
    QTimer m_timer;
    int m_intervalMs = DefaultIntervalMs;
    HubSnapshot m_snapshot;
    quint64 m_generation = 0; // bumped on connectTo: older answers are dropped
    bool m_connected = false;
    bool m_loaded = false;
    bool m_refreshing = false;
    bool m_refreshAgain = false;
    bool m_reachable = true;
    bool m_loadingAudit = false;
    QDateTime m_lastRefresh;
    QSet<QString> m_knownPending;
    QSet<QString> m_announced; // pending requests seen since connecting: never announced twice
    std::unique_ptr<Pending> m_pending;

    AdminEventStream *m_stream;
    bool m_followEvents = true;
    bool m_wasLive = false;
    QTimer m_followUp; // one refresh for a burst of events that need one
    // Per part, the newest hub revision its rows reflect (answers and events), and
    // whether an event changed it while the refresh under way was out.
    quint64 m_revision[PartCount] = {};
    bool m_touched[PartCount] = {};
    int m_staleAnswers = 0; // refreshes in a row that came back older than the events
    // Where the device list stands for ?since=, and the ETag of that answer.
    quint64 m_devicesBase = 0;
    QString m_devicesEtag;
};

} // namespace fvpn
