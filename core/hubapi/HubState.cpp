#include "HubState.h"

#include "ClientsFileEditor.h"
#include "HubApi.h"
#include "HubBackend.h"
#include "JsonViews.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonDocument>
#include <QUrlQuery>

namespace fvpn {

namespace {

constexpr qsizetype MaxTombstones = 20'000;

// Two rows are the same when everything but the handshake's age (which grows by
// itself every second) is: a row changes when its inventory entry or its live
// data do (handshake, transfer, endpoint, state).
bool sameRow(const QJsonObject &a, const QJsonObject &b)
{
    if (a.size() != b.size())
        return false;
    for (auto it = a.begin(); it != a.end(); ++it) {
        if (it.key() == u"handshake_age_seconds")
            continue;
        if (b.value(it.key()) != it.value())
            return false;
    }
    return true;
}

QString linkEvent(const QJsonObject &row)
{
    const QString state = row.value(QStringLiteral("state")).toString();
    if (state == u"online")
        return QStringLiteral("device.online");
    if (state == u"stale")
        return QStringLiteral("device.stale");
    return QStringLiteral("device.offline");
}

QString requestEvent(const QString &status)
{
    return QStringLiteral("request.") + (status == u"pending" ? QStringLiteral("created") : status);
}

QHash<PublicKey, WgDumpPeer> livePeers(const HubBackend &backend, QString *error)
{
    QHash<PublicKey, WgDumpPeer> peers;
    auto dump = backend.liveInterface();
    if (!dump) {
        *error = dump.error().message;
        return peers;
    }
    peers.reserve(dump->peers.size());
    for (const WgDumpPeer &p : dump->peers)
        peers.insert(p.publicKey, p);
    return peers;
}

std::optional<WgDumpPeer> lookup(const QHash<PublicKey, WgDumpPeer> &peers, const PublicKey &key)
{
    auto it = peers.constFind(key);
    return it == peers.cend() ? std::nullopt : std::optional<WgDumpPeer>(it.value());
}

} // namespace

quint64 HubState::firstRevisionAt(qint64 nowMs)
{
    return quint64(qMax<qint64>(nowMs, 1)) * 1000;
}

HubState::HubState(HubApi &api, QObject *parent)
    : QObject(parent)
    , m_api(api)
    , m_firstRevision(firstRevisionAt(QDateTime::currentMSecsSinceEpoch()))
    , m_revision(m_firstRevision)
    , m_events(m_firstRevision)
    , m_snapshot(std::make_shared<const ApiSnapshot>())
{
    m_pool.setMaxThreadCount(2);
    m_pool.setExpiryTimeout(30'000);
}

HubState::~HubState()
{
    m_events.endAll();
    m_pool.waitForDone();
}

std::shared_ptr<const ApiSnapshot> HubState::snapshot() const
{
    std::lock_guard lock(m_mutex);
    return m_snapshot;
}

void HubState::logEvent(quint64 id, const QString &type, QJsonObject data)
{
    m_events.append(id, type, std::move(data));
}

void HubState::refresh()
{
    const HubBackend &backend = m_api.backend();
    const quint64 serial = backend.changeSerial();
    const bool initial = !m_initialized;
    const bool backendMoved = serial == 0 || serial != m_seenBackendSerial;
    if (!initial && !backendMoved && m_api.requests().changeCount() == m_seenRequestChanges)
        return;
    auto next = std::make_shared<ApiSnapshot>();
    next->copyDataFrom(*snapshot());
    next->firstRevision = m_firstRevision;
    bool changed = false;
    if (initial || backendMoved) {
        m_seenBackendSerial = serial;
        // One look at the live sample for both lists (10,000 peers to index).
        QString liveError;
        const QHash<PublicKey, WgDumpPeer> live = livePeers(backend, &liveError);
        changed |= refreshDevices(*next, initial, live, liveError);
        changed |= refreshClients(*next, initial, live);
        if (const bool d2d = backend.deviceToDevice(); initial || d2d != next->deviceToDevice) {
            next->deviceToDevice = d2d;
            next->settingsRevision = initial ? m_revision : bump();
            if (!initial)
                logEvent(next->settingsRevision, QStringLiteral("settings.changed"),
                         { { QStringLiteral("device_to_device"), d2d } });
            changed = true;
        }
    }
    if (initial || m_api.requests().changeCount() != m_seenRequestChanges)
        changed |= refreshRequests(*next, initial);
    changed |= refreshStatus(*next);
    m_initialized = true;
    if (!changed && !initial)
        return;
    next->revision = m_revision;
    std::lock_guard lock(m_mutex);
    m_snapshot = std::move(next);
}

bool HubState::refreshDevices(ApiSnapshot &next, bool initial, const QHash<PublicKey, WgDumpPeer> &live,
                              const QString &liveError)
{
    const qint64 now = m_api.database().nowMs() / 1000;
    const qint64 within = m_api.config().onlineWithinSecs;
    const QList<DeviceRow> &before = *next.devices;
    QList<DeviceRow> rows;
    const QList<BackendDevice> devices = m_api.backend().devices();
    rows.reserve(devices.size());
    QHash<PublicKey, qsizetype> index;
    index.reserve(devices.size());
    QHash<PublicKey, quint64> removed = *next.removedDevices;
    const quint64 startRevision = m_revision;
    bool changed = liveError != next.liveError;
    int added = 0, changedInventory = 0, gone = 0;
    QHash<PublicKey, DeviceInputs> inputs;
    inputs.reserve(devices.size());
    for (const BackendDevice &d : devices) {
        if (index.contains(d.publicKey))
            continue;
        const std::optional<WgDumpPeer> peer = lookup(live, d.publicKey);
        DeviceInputs in;
        in.name = d.name;
        in.address = d.address;
        in.present = peer.has_value();
        if (peer) {
            in.latestHandshake = peer->latestHandshake;
            in.rxBytes = peer->rxBytes;
            in.txBytes = peer->txBytes;
            in.endpoint = peer->endpoint;
            const qint64 age = peer->handshakeAge(now);
            in.state = age < 0 ? 1 : age <= within ? 2 : 3;
        }
        const auto old = m_deviceIndex.constFind(d.publicKey);
        index.insert(d.publicKey, rows.size());
        if (old != m_deviceIndex.cend()) {
            if (const auto was = m_deviceInputs.constFind(d.publicKey);
                was != m_deviceInputs.cend() && *was == in) {
                rows.append(before[*old]);
                inputs.insert(d.publicKey, std::move(in));
                continue;
            }
        }
        inputs.insert(d.publicKey, std::move(in));
        QJsonObject json = JsonViews::device(d, peer, now, within);
        if (old == m_deviceIndex.cend()) {
            removed.remove(d.publicKey);
            rows.append(DeviceRow { d.publicKey, std::move(json), initial ? m_revision : bump() });
            ++added;
            changed = true;
            continue;
        }
        const DeviceRow &was = before[*old];
        if (sameRow(was.json, json)) {
            rows.append(was);
            continue;
        }
        changed = true;
        const auto field = [](const QJsonObject &o, const char *key) {
            return o.value(QLatin1String(key));
        };
        if (field(was.json, "name") != field(json, "name")
            || field(was.json, "address") != field(json, "address")) {
            ++changedInventory;
            rows.append(DeviceRow { d.publicKey, std::move(json), bump() });
        } else if (field(was.json, "state") != field(json, "state")) {
            const quint64 id = bump();
            logEvent(id, linkEvent(json), { { QStringLiteral("device"), json } });
            rows.append(DeviceRow { d.publicKey, std::move(json), id });
        } else {
            rows.append(DeviceRow { d.publicKey, std::move(json), bump() }); // transfer, endpoint
        }
    }
    for (const DeviceRow &was : before) {
        if (!index.contains(was.key)) {
            removed.insert(was.key, bump());
            ++gone;
            changed = true;
        }
    }
    while (removed.size() > MaxTombstones) {
        auto oldest = removed.cbegin();
        for (auto it = removed.cbegin(); it != removed.cend(); ++it) {
            if (it.value() < oldest.value())
                oldest = it;
        }
        next.deltaHorizon = qMax(next.deltaHorizon, oldest.value());
        removed.erase(oldest);
    }
    m_deviceInputs = std::move(inputs);
    if (!changed && !initial)
        return false;
    if (!initial && added + changedInventory + gone > 0)
        logEvent(bump(), QStringLiteral("inventory.changed"),
                 { { QStringLiteral("added"), added },
                   { QStringLiteral("removed"), gone },
                   { QStringLiteral("changed"), changedInventory } });
    if (!initial && m_revision == startRevision)
        bump(); // only the live error changed
    next.devices = std::make_shared<const QList<DeviceRow>>(std::move(rows));
    next.removedDevices = std::make_shared<const QHash<PublicKey, quint64>>(std::move(removed));
    next.liveError = liveError;
    next.devicesRevision = m_revision;
    m_deviceIndex = std::move(index);
    return true;
}

bool HubState::refreshClients(ApiSnapshot &next, bool initial, const QHash<PublicKey, WgDumpPeer> &live)
{
    ClientsFileEditor editor(m_api.backend());
    ClientsFileEditor::Snapshot fileSnapshot;
    auto file = editor.current(&fileSnapshot);
    bool changed = false;
    const bool fileChanged = fileSnapshot.etag != next.clientsFileEtag;
    if (fileChanged) {
        // Hand edits settle the requests they concern (a removed peer is revoked).
        (void)m_api.registrations().reconcile();
        next.clientsFileEtag = fileSnapshot.etag;
        changed = true;
        if (!initial)
            logEvent(
                bump(), QStringLiteral("clients_file.changed"),
                { { QStringLiteral("etag"), fileSnapshot.etag },
                  { QStringLiteral("peers"),
                    file ? QJsonValue(int(file->peers().size())) : QJsonValue::Null },
                  { QStringLiteral("error"), file ? QJsonValue::Null : QJsonValue(file.error().message) } });
    }
    if (!file) {
        if (!next.clientsError || next.clientsError->message != file.error().message) {
            next.clientsError = file.error();
            if (!initial && !changed)
                bump();
            changed = true;
        }
        if (changed)
            next.clientsRevision = m_revision;
        return changed;
    }
    if (next.clientsError) {
        next.clientsError.reset();
        changed = true;
    }
    const qint64 now = m_api.database().nowMs() / 1000;
    const qint64 within = m_api.config().onlineWithinSecs;
    QJsonArray clients;
    QHash<PublicKey, QJsonObject> rows;
    const auto &lines = file->lines();
    for (qsizetype i = 0; i < lines.size(); ++i) {
        if (lines[i].kind != ClientsFile::Line::Kind::Peer)
            continue;
        const ClientPeer &peer = lines[i].peer;
        QJsonObject json = JsonViews::client(peer, int(i + 1), lookup(live, peer.publicKey), now, within);
        const auto old = m_clientRows.constFind(peer.publicKey);
        if (old == m_clientRows.cend()) {
            changed = true;
            if (!initial)
                logEvent(bump(), QStringLiteral("client.added"), { { QStringLiteral("client"), json } });
        } else if (!sameRow(*old, json)) {
            changed = true;
        } else {
            json = *old; // keeps the body stable while nothing but the age moved
        }
        rows.insert(peer.publicKey, json);
        clients.append(json);
    }
    for (auto it = m_clientRows.cbegin(); it != m_clientRows.cend(); ++it) {
        if (!rows.contains(it.key())) {
            changed = true;
            logEvent(bump(), QStringLiteral("client.revoked"), { { QStringLiteral("client"), it.value() } });
        }
    }
    if (!changed && !initial)
        return false;
    if (!initial && m_revision == next.clientsRevision)
        bump(); // a live-data change
    m_clientRows = std::move(rows);
    next.clients = std::make_shared<const QJsonArray>(std::move(clients));
    next.clientsRevision = m_revision;
    return true;
}

bool HubState::refreshRequests(ApiSnapshot &next, bool initial)
{
    m_seenRequestChanges = m_api.requests().changeCount();
    auto all = m_api.requests().list(std::nullopt, 100'000);
    if (!all)
        return false;
    QList<QJsonObject> rows;
    rows.reserve(all->size());
    QHash<QString, QJsonObject> byId;
    QList<RegistrationRequest> changedRequests;
    bool changed = false;
    for (const RegistrationRequest &r : all.value()) {
        QJsonObject json = JsonViews::request(r);
        const auto old = m_requestRows.constFind(r.id);
        if (old == m_requestRows.cend() || *old != json) {
            changed = true;
            changedRequests.append(r);
            if (!initial) {
                const quint64 id = bump();
                const QString status = json.value(QStringLiteral("status")).toString();
                if (old == m_requestRows.cend())
                    logEvent(id, QStringLiteral("request.created"), { { QStringLiteral("request"), json } });
                else if (old->value(QStringLiteral("status")).toString() != status)
                    logEvent(id, requestEvent(status), { { QStringLiteral("request"), json } });
            }
        }
        byId.insert(r.id, json);
        rows.append(std::move(json));
    }
    QJsonValue suggestion = QJsonValue::Null;
    if (auto pool = m_api.registrations().pool(); pool) {
        if (auto address = pool->allocate(); address)
            suggestion = address->toString();
    }
    if (suggestion != next.suggestedAddress)
        changed = true;
    if (!changed && !initial)
        return false;
    if (!initial && m_revision == next.requestsRevision)
        bump();
    m_requestRows = std::move(byId);
    next.requests = std::make_shared<const QList<QJsonObject>>(std::move(rows));
    next.suggestedAddress = suggestion;
    next.requestsRevision = m_revision;
    if (!initial)
        answerPolls(changedRequests);
    return true;
}

bool HubState::refreshStatus(ApiSnapshot &next)
{
    HubApi &api = m_api;
    QJsonObject o;
    o.insert(QStringLiteral("hub"), api.backend().status());
    o.insert(QStringLiteral("device_to_device"), next.deviceToDevice);
    auto pending = api.requests().countPending();
    o.insert(QStringLiteral("requests"),
             QJsonObject {
                 { QStringLiteral("pending"), pending ? QJsonValue(pending.value()) : QJsonValue::Null } });
    ClientsFileEditor editor(api.backend());
    ClientsFileEditor::Snapshot fileSnapshot;
    auto file = editor.current(&fileSnapshot);
    o.insert(QStringLiteral("clients_file"),
             QJsonObject {
                 { QStringLiteral("etag"), fileSnapshot.etag },
                 { QStringLiteral("peers"), file ? QJsonValue(int(file->peers().size())) : QJsonValue::Null },
                 { QStringLiteral("error"), file ? QJsonValue::Null : QJsonValue(file.error().message) } });
    // The pool's figures change only with the devices or the clients file, not
    // with each live sample (building the pool indexes every address).
    const QList<BackendDevice> devices = api.backend().devices();
    if (devices.constData() != m_poolDevices.constData() || devices.size() != m_poolDevices.size()
        || devices.isEmpty() || fileSnapshot.etag != m_poolClientsEtag) {
        m_poolJson = {};
        if (auto pool = file ? api.registrations().poolFor(*file) : Result<AddressPool>(file.error()); pool) {
            m_poolJson = QJsonObject { { QStringLiteral("subnet"), pool->subnet().toString() },
                                       { QStringLiteral("capacity"), double(pool->capacity()) },
                                       { QStringLiteral("used"), double(pool->usedCount()) } };
        }
        m_poolDevices = devices;
        m_poolClientsEtag = fileSnapshot.etag;
    }
    if (!m_poolJson.isEmpty())
        o.insert(QStringLiteral("pool"), m_poolJson);
    o.insert(QStringLiteral("api"),
             QJsonObject { { QStringLiteral("version"), QStringLiteral(FACTORYVPN_VERSION) },
                           { QStringLiteral("public_url"), api.config().publicUrl.toString() },
                           { QStringLiteral("fingerprint"), api.config().certificateFingerprint } });
    if (o == next.status)
        return false;
    const auto lastApply = [](const QJsonObject &status) {
        return status.value(QStringLiteral("hub")).toObject().value(QStringLiteral("lastApply")).toObject();
    };
    const QJsonObject apply = lastApply(o);
    const QJsonObject before = lastApply(next.status);
    next.status = o;
    next.statusRevision = m_initialized ? bump() : m_revision;
    // Every failed pass since the last look, even one a rollback already made
    // good (an approval whose peer could not be applied): the admin hears of it.
    const double failures = apply.value(QStringLiteral("failures")).toDouble();
    if (m_initialized && failures > before.value(QStringLiteral("failures")).toDouble())
        logEvent(next.statusRevision, QStringLiteral("apply.failed"),
                 { { QStringLiteral("error"), apply.value(QStringLiteral("lastFailure")) } });
    return true;
}

ApiResponse HubState::pollAnswer(const RegistrationRequest &request) const
{
    QJsonObject o = JsonViews::ownRequest(request);
    const QJsonObject config = m_api.registrations().tunnelConfig(request);
    if (!config.isEmpty())
        o.insert(QStringLiteral("config"), config);
    ApiResponse response = ApiResponse::json(o);
    const QByteArray hash
        = QCryptographicHash::hash(response.body, QCryptographicHash::Sha256).toHex().left(20);
    return response.withHeader("ETag", "\"p-" + hash + '"');
}

void HubState::holdPoll(const QString &id, const QByteArray &etag, int waitSecs, ApiResponder responder)
{
    m_polls.hold(id, etag, waitSecs, std::move(responder));
}

int HubState::heldPolls() const
{
    return m_polls.count();
}

void HubState::answerPolls(const QList<RegistrationRequest> &changed)
{
    for (const RegistrationRequest &r : changed) {
        const QList<ApiResponder> waiting = m_polls.take(r.id);
        if (waiting.isEmpty())
            continue;
        const ApiResponse answer = pollAnswer(r);
        for (const ApiResponder &responder : waiting)
            responder.respond(answer);
    }
}

void HubState::serve(Resource resource, const ApiRequest &request, ApiResponder responder)
{
    if (resource != Resource::Settings && resource != Resource::Requests)
        m_api.backend().markWatched();
    std::optional<quint64> since;
    QString status = QStringLiteral("pending");
    const QUrlQuery query = request.query();
    if (resource == Resource::Devices && query.hasQueryItem(QStringLiteral("since"))) {
        const QString text = query.queryItemValue(QStringLiteral("since"), QUrl::FullyDecoded);
        bool ok = !text.isEmpty() && text.size() <= 16 && text.front().isDigit();
        const quint64 value = ok ? text.toULongLong(&ok) : 0;
        if (!ok) {
            responder.respond(
                ApiResponse::invalidInput(QStringLiteral("'since' must be a revision (digits)")));
            return;
        }
        since = value;
    }
    if (resource == Resource::Requests && query.hasQueryItem(QStringLiteral("status"))) {
        status = query.queryItemValue(QStringLiteral("status"), QUrl::FullyDecoded);
        if (status != u"all" && !parseRequestStatus(status)) {
            responder.respond(ApiResponse::invalidInput(
                QStringLiteral("'status' must be pending, approved, rejected, revoked, cancelled or all")));
            return;
        }
    }
    m_pool.start([current = snapshot(), resource, since, status, request, responder] {
        if (responder.isOpen()) // nothing is built for a client that left
            responder.respond(current->answer(resource, request, since, status));
    });
}

} // namespace fvpn
