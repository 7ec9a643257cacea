#include "AdminSession.h"

#include <QHash>
#include <QPointer>

#include <algorithm>

namespace fvpn {

// The answers of one refresh, applied together when the last one is in: client
// peers are annotated from the requests, and a failure leaves its part as it was.
struct AdminSession::Pending
{
    int outstanding = 0;
    std::optional<DeviceDelta> devices;
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
    , m_stream(new AdminEventStream(this))
{
    m_timer.setInterval(m_intervalMs);
    connect(&m_timer, &QTimer::timeout, this, &AdminSession::refresh);
    m_followUp.setSingleShot(true);
    m_followUp.setInterval(FollowUpDelayMs);
    connect(&m_followUp, &QTimer::timeout, this, &AdminSession::refresh);
    connect(m_stream, &AdminEventStream::eventReceived, this, &AdminSession::onEvent);
    connect(m_stream, &AdminEventStream::eventRejected, this, &AdminSession::followUp);
    connect(m_stream, &AdminEventStream::lost, this, &AdminSession::onStreamLost);
    connect(m_stream, &AdminEventStream::opened, this, [this] {
        m_wasLive = true;
        Q_EMIT liveChanged(true);
    });
}

AdminSession::~AdminSession() = default;

void AdminSession::connectTo(const QUrl &adminUrl, const QString &token, const QString &pin)
{
    clear();
    m_client->setHub(adminUrl, token, pin);
    m_stream->setHub(adminUrl, token, pin);
    m_connected = true;
    if (m_intervalMs > 0)
        m_timer.start(m_intervalMs);
    refresh();
    if (m_followEvents)
        m_stream->start();
}

void AdminSession::disconnectFromHub()
{
    clear();
    m_client->setHub({}, {}, {});
    m_stream->setHub({}, {}, {});
}

void AdminSession::setFollowEvents(bool follow)
{
    m_followEvents = follow;
    if (!follow)
        m_stream->stop();
    else if (m_connected)
        m_stream->start();
}

void AdminSession::clear()
{
    ++m_generation;
    m_timer.stop();
    m_followUp.stop();
    m_stream->stop();
    if (std::exchange(m_wasLive, false))
        Q_EMIT liveChanged(false);
    std::fill(std::begin(m_revision), std::end(m_revision), 0);
    std::fill(std::begin(m_touched), std::end(m_touched), false);
    m_staleAnswers = 0;
    m_devicesBase = 0;
    m_devicesEtag.clear();
    m_announced.clear();
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
    m_followUp.stop(); // this refresh is the one it would have started
    m_refreshing = true;
    std::fill(std::begin(m_touched), std::end(m_touched), false);
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
    const std::optional<quint64> since = m_devicesBase ? std::optional<quint64>(m_devicesBase) : std::nullopt;
    m_client->deviceDelta(since, m_devicesEtag, this, store(&Pending::devices));
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
    bool stale = false;
    if (done->requests) {
        if (isStale(RequestsPart, done->requests->revision))
            stale = true;
        else
            applyRequests(*done->requests);
    }
    // A 304 for the devices brings nothing to apply, whenever it was made.
    if (done->devices) {
        if (!done->devices->notModified && isStale(DevicesPart, done->devices->revision))
            stale = true;
        else
            applyDeviceDelta(*done->devices);
    }
    if (done->clients) {
        if (isStale(ClientsPart, done->clients->revision))
            stale = true;
        else
            applyClients(std::move(*done->clients));
    }
    if (done->settings) {
        if (isStale(SettingsPart, 0))
            stale = true;
        else
            applySettings(*done->settings);
    }
    if (done->pool)
        applyPool(*done->pool);
    if (done->audit)
        applyAuditHead(*done->audit);

    m_refreshing = false;
    // Answers built before an event already applied: asked again (a few times at
    // most, should the hub's answers lag its events).
    if (stale && ++m_staleAnswers <= 3)
        m_refreshAgain = true;
    else if (!stale)
        m_staleAnswers = 0;
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

bool AdminSession::isStale(Part part, quint64 revision) const
{
    // Revision 0: a 304 (AdminClient gives what it knew, of unknown age), settings,
    // or a hub without revisions (and so without events).
    if (revision == 0)
        return m_touched[part];
    return revision < m_revision[part];
}

void AdminSession::touch(Part part, quint64 revision)
{
    m_revision[part] = qMax(m_revision[part], revision);
    if (m_refreshing)
        m_touched[part] = true;
}

void AdminSession::applyDeviceDelta(const DeviceDelta &delta)
{
    if (delta.notModified)
        return;
    m_snapshot.liveError = delta.liveError;
    m_devicesBase = delta.revision;
    m_devicesEtag = delta.etag;
    m_revision[DevicesPart] = qMax(m_revision[DevicesPart], delta.revision);
    if (delta.full) {
        setDevices(delta.devices);
        return;
    }
    if (delta.devices.isEmpty() && delta.removed.isEmpty())
        return;
    QList<DeviceInfo> devices = m_snapshot.devices;
    QHash<PublicKey, qsizetype> index;
    index.reserve(devices.size());
    for (qsizetype i = 0; i < devices.size(); ++i)
        index.insert(devices[i].publicKey, i);
    if (!delta.removed.isEmpty()) {
        const QSet<PublicKey> removed(delta.removed.cbegin(), delta.removed.cend());
        devices.removeIf([&removed](const DeviceInfo &d) { return removed.contains(d.publicKey); });
        index.clear();
        for (qsizetype i = 0; i < devices.size(); ++i)
            index.insert(devices[i].publicKey, i);
    }
    for (const DeviceInfo &d : delta.devices) {
        if (const auto at = index.constFind(d.publicKey); at != index.constEnd()) {
            devices[*at] = d;
        } else {
            index.insert(d.publicKey, devices.size());
            devices.append(d);
        }
    }
    setDevices(std::move(devices));
}

void AdminSession::setDevices(QList<DeviceInfo> devices)
{
    if (devices == m_snapshot.devices)
        return;
    m_snapshot.devices = std::move(devices);
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
    m_revision[ClientsPart] = qMax(m_revision[ClientsPart], list.revision);
    if (list.etag != m_snapshot.clientsEtag) {
        m_snapshot.clientsEtag = list.etag;
        Q_EMIT clientsEtagChanged(list.etag);
    }
    setClients(std::move(list.clients));
}

void AdminSession::setClients(QList<ClientInfo> clients)
{
    annotateClients(clients);
    if (clients == m_snapshot.clients)
        return;
    m_snapshot.clients = std::move(clients);
    Q_EMIT clientsChanged(m_snapshot.clients);
}

void AdminSession::applyRequests(const RequestList &list)
{
    m_revision[RequestsPart] = qMax(m_revision[RequestsPart], list.revision);
    m_snapshot.suggestedAddress = list.suggestedAddress;
    setRequests(list.requests);
}

void AdminSession::setRequests(QList<RequestInfo> requests)
{
    if (requests == m_snapshot.requests)
        return;
    const bool first = !m_loaded;
    m_snapshot.requests = std::move(requests);
    QSet<QString> pendingNow;
    QList<RequestInfo> arrived;
    for (const RequestInfo &r : std::as_const(m_snapshot.requests)) {
        if (r.status != RequestState::Pending)
            continue;
        pendingNow.insert(r.id);
        // A request is new once: not again when a late answer drops it and a
        // newer one brings it back.
        if (!first && !m_knownPending.contains(r.id) && !m_announced.contains(r.id))
            arrived.append(r);
        m_announced.insert(r.id);
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
