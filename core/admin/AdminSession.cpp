#include "AdminSession.h"

#include <QHash>
#include <QPointer>

namespace fvpn {

// The answers of one refresh, applied together when the last one is in: client
// peers are annotated from the requests, and a failure leaves its part as it was.
struct AdminSession::Pending
{
    int outstanding = 0;
    std::optional<DeviceList> devices;
    std::optional<ClientList> clients;
    std::optional<RequestList> requests;
    std::optional<HubSettings> settings;
    std::optional<PoolInfo> pool;
    std::optional<AuditRecordPage> audit;
    std::optional<Error> firstError;
};

AdminSession::AdminSession(QObject *parent)
    : QObject(parent)
    , m_client(new AdminClient(this))
{
    m_timer.setInterval(m_intervalMs);
    connect(&m_timer, &QTimer::timeout, this, &AdminSession::refresh);
}

AdminSession::~AdminSession() = default;

void AdminSession::connectTo(const QUrl &adminUrl, const QString &token, const QString &pin)
{
    clear();
    m_client->setHub(adminUrl, token, pin);
    m_connected = true;
    if (m_intervalMs > 0)
        m_timer.start(m_intervalMs);
    refresh();
}

void AdminSession::disconnectFromHub()
{
    clear();
    m_client->setHub({}, {}, {});
}

void AdminSession::clear()
{
    ++m_generation;
    m_timer.stop();
    m_connected = false;
    m_refreshing = false;
    m_refreshAgain = false;
    m_loadingAudit = false;
    m_pending.reset();
    const bool hadData = m_loaded;
    m_loaded = false;
    m_knownPending.clear();
    m_lastRefresh = {};
    m_snapshot = HubSnapshot();
    if (hadData) {
        Q_EMIT devicesChanged({});
        Q_EMIT clientsChanged({});
        Q_EMIT requestsChanged({});
        Q_EMIT settingsChanged({});
        Q_EMIT poolChanged({});
        Q_EMIT auditChanged({});
        Q_EMIT clientsEtagChanged({});
        Q_EMIT pendingCountChanged(0);
    }
    setReachable(true);
}

void AdminSession::setRefreshInterval(int milliseconds)
{
    m_intervalMs = qMax(0, milliseconds);
    if (m_intervalMs == 0)
        m_timer.stop();
    else if (m_connected)
        m_timer.start(m_intervalMs);
}

void AdminSession::refresh()
{
    if (!m_connected)
        return;
    if (m_refreshing) {
        m_refreshAgain = true;
        return;
    }
    m_refreshing = true;
    m_pending = std::make_unique<Pending>();
    m_pending->outstanding = 6;
    Q_EMIT refreshStarted();

    const quint64 generation = m_generation;
    // Each answer is stored by `store`, which also notes the first failure; the
    // last one in applies them all.
    auto store = [this, generation](auto member) {
        return [this, generation, member](auto result) {
            if (generation != m_generation || !m_pending)
                return;
            if (result)
                (*m_pending).*member = std::move(result).value();
            else if (!m_pending->firstError)
                m_pending->firstError = result.error();
            if (--m_pending->outstanding == 0)
                finishRefresh();
        };
    };
    m_client->devices(this, store(&Pending::devices));
    m_client->clients(this, store(&Pending::clients));
    m_client->requests(this, store(&Pending::requests));
    m_client->settings(this, store(&Pending::settings));
    m_client->pool(this, store(&Pending::pool));
    AuditQuery head;
    head.limit = AuditPageSize;
    m_client->audit(head, this, store(&Pending::audit));
}

void AdminSession::finishRefresh()
{
    std::unique_ptr<Pending> done = std::move(m_pending);
    // Requests first: client peers take "approved by" from them.
    if (done->requests)
        applyRequests(*done->requests);
    if (done->devices)
        applyDevices(*done->devices);
    if (done->clients)
        applyClients(std::move(*done->clients));
    if (done->settings)
        applySettings(*done->settings);
    if (done->pool)
        applyPool(*done->pool);
    if (done->audit)
        applyAuditHead(*done->audit);

    m_refreshing = false;
    const bool ok = !done->firstError.has_value();
    if (ok) {
        m_loaded = true;
        m_lastRefresh = QDateTime::currentDateTimeUtc();
    }
    // Only a hub that does not answer at all is unreachable; one that refuses a
    // token or sends something odd is reachable but failing.
    setReachable(ok || done->firstError->code != ErrorCode::Unavailable);
    if (!ok)
        Q_EMIT errorOccurred(*done->firstError);
    Q_EMIT refreshFinished(ok);
    if (m_refreshAgain) {
        m_refreshAgain = false;
        refresh();
    }
}

void AdminSession::setReachable(bool reachable)
{
    if (reachable == m_reachable)
        return;
    m_reachable = reachable;
    Q_EMIT reachableChanged(reachable);
}

void AdminSession::applyDevices(const DeviceList &list)
{
    const QString liveError = list.liveError;
    m_snapshot.liveError = liveError;
    if (list.devices == m_snapshot.devices)
        return;
    m_snapshot.devices = list.devices;
    Q_EMIT devicesChanged(m_snapshot.devices);
}

void AdminSession::annotateClients(QList<ClientInfo> &clients) const
{
    QHash<PublicKey, const RequestInfo *> approved;
    for (const RequestInfo &r : m_snapshot.requests) {
        // The list is newest first: the latest approval of a key wins.
        if (r.status == RequestState::Approved && !approved.contains(r.publicKey))
            approved.insert(r.publicKey, &r);
    }
    for (ClientInfo &c : clients) {
        if (const RequestInfo *r = approved.value(c.publicKey)) {
            c.approvedBy = r->decidedBy;
            c.approvedAt = r->decidedAt;
        }
    }
}

void AdminSession::applyClients(ClientList list)
{
    annotateClients(list.clients);
    if (list.etag != m_snapshot.clientsEtag) {
        m_snapshot.clientsEtag = list.etag;
        Q_EMIT clientsEtagChanged(list.etag);
    }
    if (list.clients == m_snapshot.clients)
        return;
    m_snapshot.clients = std::move(list.clients);
    Q_EMIT clientsChanged(m_snapshot.clients);
}

void AdminSession::applyRequests(const RequestList &list)
{
    m_snapshot.suggestedAddress = list.suggestedAddress;
    if (list.requests == m_snapshot.requests)
        return;
    const bool first = !m_loaded;
    m_snapshot.requests = list.requests;
    QSet<QString> pendingNow;
    QList<RequestInfo> arrived;
    for (const RequestInfo &r : std::as_const(m_snapshot.requests)) {
        if (r.status != RequestState::Pending)
            continue;
        pendingNow.insert(r.id);
        if (!first && !m_knownPending.contains(r.id))
            arrived.append(r);
    }
    const bool countChanged = pendingNow.size() != m_knownPending.size() || first;
    m_knownPending = pendingNow;
    Q_EMIT requestsChanged(m_snapshot.requests);
    if (countChanged)
        Q_EMIT pendingCountChanged(int(pendingNow.size()));
    for (const RequestInfo &r : std::as_const(arrived))
        Q_EMIT requestArrived(r);
}

void AdminSession::applySettings(const HubSettings &settings)
{
    if (settings == m_snapshot.settings && m_loaded)
        return;
    m_snapshot.settings = settings;
    Q_EMIT settingsChanged(settings);
}

void AdminSession::applyPool(const PoolInfo &pool)
{
    if (pool == m_snapshot.pool)
        return;
    m_snapshot.pool = pool;
    Q_EMIT poolChanged(pool);
}

void AdminSession::applyAuditHead(const AuditRecordPage &page)
{
    QList<AuditRecord> &entries = m_snapshot.audit;
    if (entries.isEmpty()) {
        entries = page.entries;
        m_snapshot.auditNextBefore = page.nextBefore;
        if (!entries.isEmpty())
            Q_EMIT auditChanged(entries);
        return;
    }
    const qint64 newestKnown = entries.constFirst().id;
    QList<AuditRecord> fresh;
    bool reachesKnown = !page.nextBefore; // a page without a next one holds the whole log
    for (const AuditRecord &e : page.entries) {
        if (e.id <= newestKnown) {
            reachesKnown = true;
            break;
        }
        fresh.append(e);
    }
    if (!reachesKnown) {
        // More happened since the last refresh than one page holds: start over
        // from the newest page rather than show a log with a hole in it.
        entries = page.entries;
        m_snapshot.auditNextBefore = page.nextBefore;
        Q_EMIT auditChanged(entries);
        return;
    }
    if (fresh.isEmpty())
        return;
    entries = fresh + entries;
    Q_EMIT auditChanged(entries);
}

void AdminSession::loadOlderAudit()
{
    if (!m_connected || m_loadingAudit || !m_snapshot.auditNextBefore)
        return;
    m_loadingAudit = true;
    AuditQuery query;
    query.limit = AuditPageSize;
    query.before = m_snapshot.auditNextBefore;
    const quint64 generation = m_generation;
    m_client->audit(query, this, [this, generation](Result<AuditRecordPage> page) {
        if (generation != m_generation)
            return;
        m_loadingAudit = false;
        if (!page) {
            Q_EMIT errorOccurred(page.error());
            return;
        }
        const qint64 oldestKnown = m_snapshot.audit.isEmpty() ? 0 : m_snapshot.audit.constLast().id;
        for (const AuditRecord &e : std::as_const(page->entries)) {
            if (oldestKnown == 0 || e.id < oldestKnown)
                m_snapshot.audit.append(e);
        }
        m_snapshot.auditNextBefore = page->nextBefore;
        Q_EMIT auditChanged(m_snapshot.audit);
    });
}

namespace {

// The hub's answer to an action goes to `done` while `context` lives (a closed
// view does not get it); the session refreshes after a success either way, so
// what it shows follows the hub even when nobody waits for the answer.
template<typename T>
AdminClient::Done<T> thenRefresh(AdminSession *session, QObject *context, AdminClient::Done<T> done)
{
    QPointer<QObject> guard(context);
    const bool hasContext = context != nullptr;
    return [session, guard, hasContext, done = std::move(done)](Result<T> result) {
        const bool ok = result.ok();
        if (!hasContext || guard)
            done(std::move(result));
        if (ok)
            session->refresh();
    };
}

} // namespace

void AdminSession::approve(const QString &requestId, const std::optional<IpAddress> &address,
                           QObject *context, AdminClient::Done<RequestInfo> done)
{
    m_client->approveRequest(requestId, address, this, thenRefresh(this, context, std::move(done)));
}

void AdminSession::reject(const QString &requestId, const QString &reason, QObject *context,
                          AdminClient::Done<RequestInfo> done)
{
    m_client->rejectRequest(requestId, reason, this, thenRefresh(this, context, std::move(done)));
}

void AdminSession::revoke(const PublicKey &key, const QString &reason, QObject *context,
                          AdminClient::Done<void> done)
{
    m_client->revokeClient(key, reason, this, thenRefresh(this, context, std::move(done)));
}

void AdminSession::setDeviceToDevice(bool allowed, QObject *context, AdminClient::Done<HubSettings> done)
{
    HubSettings wanted = m_snapshot.settings;
    wanted.deviceToDevice = allowed;
    const quint64 generation = m_generation;
    m_client->saveSettings(
        wanted, this,
        [this, generation, then = thenRefresh(this, context, std::move(done))](Result<HubSettings> r) {
            if (r && generation == m_generation)
                applySettings(*r);
            then(std::move(r));
        });
}

} // namespace fvpn
