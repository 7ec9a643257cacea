#pragma once

#include "AdminClient.h"
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
// settings, address pool and audit trail, refreshed on an interval and on demand.
// Each part is replaced only when it really changed, and only then is its signal
// emitted, so views update what changed and nothing else.
//
// Failures do not clear what was shown: the last good snapshot stays, the error
// is reported once per refresh (errorOccurred), and reachableChanged tells
// whether the hub answers at all.
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

private:
    struct Pending;
    void finishRefresh();
    void applyDevices(const DeviceList &list);
    void applyClients(ClientList list);
    void applyRequests(const RequestList &list);
    void applySettings(const HubSettings &settings);
    void applyPool(const PoolInfo &pool);
    void applyAuditHead(const AuditRecordPage &page);
    void setReachable(bool reachable);
    void clear();
    // Fills approvedBy/approvedAt of client peers from the approved requests.
    void annotateClients(QList<ClientInfo> &clients) const;

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
    std::unique_ptr<Pending> m_pending;
};

} // namespace fvpn
