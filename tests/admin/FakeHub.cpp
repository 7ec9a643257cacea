#include "FakeHub.h"

#include "AddressPool.h"
#include "TextRules.h"

#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QUrlQuery>

namespace fvpn::test {

namespace {

using Method = QHttpServerRequest::Method;
using Status = QHttpServerResponder::StatusCode;

QJsonValue time(const QDateTime &at)
{
    return at.isValid() ? QJsonValue(at.toUTC().toString(Qt::ISODateWithMs)) : QJsonValue(QJsonValue::Null);
}

QJsonValue textOrNull(const QString &text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

void addLive(QJsonObject &o, const PeerLive &live)
{
    const qint64 age
        = live.lastHandshake.isValid() ? live.lastHandshake.secsTo(QDateTime::currentDateTimeUtc()) : -1;
    o.insert(QStringLiteral("state"),
             !live.onInterface ? QStringLiteral("absent")
                 : age < 0     ? QStringLiteral("never")
                 : age <= 180  ? QStringLiteral("online")
                               : QStringLiteral("stale"));
    o.insert(QStringLiteral("online"), age >= 0 && age <= 180);
    o.insert(QStringLiteral("last_handshake"), time(live.lastHandshake));
    o.insert(QStringLiteral("handshake_age_seconds"),
             age < 0 ? QJsonValue(QJsonValue::Null) : QJsonValue(age));
    o.insert(QStringLiteral("rx_bytes"), double(live.rxBytes));
    o.insert(QStringLiteral("tx_bytes"), double(live.txBytes));
    o.insert(QStringLiteral("endpoint"), textOrNull(live.endpoint));
}

} // namespace

QJsonObject FakeHub::requestJson(const RequestInfo &r)
{
    return { { QStringLiteral("id"), r.id },
             { QStringLiteral("status"), requestStateName(r.status) },
             { QStringLiteral("public_key"), r.publicKey.toBase64() },
             { QStringLiteral("fingerprint"), r.publicKey.fingerprint() },
             { QStringLiteral("name"), r.name },
             { QStringLiteral("hostname"), r.hostname },
             { QStringLiteral("os"), r.os },
             { QStringLiteral("source_address"), r.sourceAddress },
             { QStringLiteral("invite_id"), QJsonValue::Null },
             { QStringLiteral("created_at"), time(r.createdAt) },
             { QStringLiteral("decided_at"), time(r.decidedAt) },
             { QStringLiteral("decided_by"), textOrNull(r.decidedBy) },
             { QStringLiteral("reason"), r.reason },
             { QStringLiteral("address"),
               r.address.isNull() ? QJsonValue(QJsonValue::Null) : QJsonValue(r.address.toString()) } };
}

QJsonObject FakeHub::deviceJson(const DeviceInfo &d)
{
    QJsonObject o { { QStringLiteral("name"), d.name },
                    { QStringLiteral("public_key"), d.publicKey.toBase64() },
                    { QStringLiteral("fingerprint"), d.publicKey.fingerprint() },
                    { QStringLiteral("address"), d.address.toString() } };
    addLive(o, d.live);
    return o;
}

QJsonObject FakeHub::clientJson(const ClientPeer &p, int line)
{
    QJsonObject o { { QStringLiteral("name"), p.name() },
                    { QStringLiteral("comment"), p.comment },
                    { QStringLiteral("public_key"), p.publicKey.toBase64() },
                    { QStringLiteral("fingerprint"), p.publicKey.fingerprint() },
                    { QStringLiteral("address"), p.address.toString() },
                    { QStringLiteral("line"), line } };
    PeerLive live;
    live.onInterface = true;
    addLive(o, live);
    return o;
}

namespace {

QHttpServerResponse json(const QJsonObject &o, Status status = Status::Ok)
{
    return QHttpServerResponse("application/json", QJsonDocument(o).toJson(QJsonDocument::Compact), status);
}

} // namespace

QHttpServerResponse apiError(int status, const QString &code, const QString &message,
                             const QList<LineError> &lines)
{
    QJsonObject error { { QStringLiteral("code"), code }, { QStringLiteral("message"), message } };
    if (!lines.isEmpty()) {
        QJsonArray items;
        for (const LineError &l : lines)
            items.append(
                QJsonObject { { QStringLiteral("line"), l.line }, { QStringLiteral("message"), l.message } });
        error.insert(QStringLiteral("lines"), items);
    }
    return json(QJsonObject { { QStringLiteral("error"), error } }, Status(status));
}

FakeHub::FakeHub(QObject *parent)
    : QObject(parent)
    , subnet(IpNetwork::parse(u"10.42.0.0/16").value())
    , hubAddress(IpAddress::parse(u"10.42.0.1").value())
    , m_firstRevision(quint64(QDateTime::currentMSecsSinceEpoch()) * 1000)
    , m_revision(m_firstRevision)
{
    m_front.token = QByteArray(Token);
    m_front.revision = [this] {
        return m_revision;
    };
    newEtag();
    m_seenEtag = m_etag;
    auto add = [this](const char *path, Method method, const QString &what, auto handler) {
        m_server.route(QString::fromLatin1(path), method,
                       [this, what, handler](const QHttpServerRequest &request) {
                           return guarded(request, what, [&] { return handler(request); });
                       });
    };
    auto addArg = [this](const char *path, Method method, const QString &what, auto handler) {
        m_server.route(QString::fromLatin1(path), method,
                       [this, what, handler](const QString &arg, const QHttpServerRequest &request) {
                           return guarded(request, what, [&] { return handler(arg, request); });
                       });
    };
    add("/api/v1/devices", Method::Get, QStringLiteral("GET devices"),
        [this](const QHttpServerRequest &r) { return devicesAnswer(r); });
    add("/api/v1/clients", Method::Get, QStringLiteral("GET clients"),
        [this](const QHttpServerRequest &r) { return clientsAnswer(r); });
    addArg("/api/v1/clients/<arg>", Method::Delete, QStringLiteral("DELETE client"),
           [this](const QString &key, const QHttpServerRequest &r) { return revoke(key, r); });
    add("/api/v1/requests", Method::Get, QStringLiteral("GET requests"),
        [this](const QHttpServerRequest &r) { return requestsAnswer(r); });
    addArg("/api/v1/requests/<arg>/approve", Method::Post, QStringLiteral("POST approve"),
           [this](const QString &id, const QHttpServerRequest &r) { return approve(id, r); });
    addArg("/api/v1/requests/<arg>/reject", Method::Post, QStringLiteral("POST reject"),
           [this](const QString &id, const QHttpServerRequest &r) { return reject(id, r); });
    add("/api/v1/clients-file", Method::Get, QStringLiteral("GET clients-file"),
        [this](const QHttpServerRequest &) {
            QHttpServerResponse r("text/plain; charset=utf-8", m_clientsFile.toUtf8());
            r.addHeader("ETag", m_etag.toLatin1());
            return r;
        });
    add("/api/v1/clients-file", Method::Put, QStringLiteral("PUT clients-file"),
        [this](const QHttpServerRequest &r) { return putClientsFile(r); });
    add("/api/v1/settings", Method::Get, QStringLiteral("GET settings"), [this](const QHttpServerRequest &r) {
        return conditional(r, { { QStringLiteral("device_to_device"), deviceToDevice } }, false);
    });
    add("/api/v1/settings", Method::Put, QStringLiteral("PUT settings"),
        [this](const QHttpServerRequest &r) { return putSettings(r); });
    add("/api/v1/audit", Method::Get, QStringLiteral("GET audit"),
        [this](const QHttpServerRequest &r) { return auditAnswer(r); });
    add("/api/v1/pool", Method::Get, QStringLiteral("GET pool"),
        [this](const QHttpServerRequest &r) { return poolAnswer(r); });
    add("/api/v1/invites", Method::Get, QStringLiteral("GET invites"),
        [this](const QHttpServerRequest &) { return access.list(); });
    add("/api/v1/invites", Method::Post, QStringLiteral("POST invites"),
        [this](const QHttpServerRequest &r) { return access.create(r); });
    addArg("/api/v1/invites/<arg>", Method::Delete, QStringLiteral("DELETE invite"),
           [this](const QString &id, const QHttpServerRequest &) { return access.revoke(id); });
    add("/api/v1/enrollment", Method::Get, QStringLiteral("GET enrollment"),
        [this](const QHttpServerRequest &) { return access.enrollmentAnswer(); });
}

bool FakeHub::listen()
{
    // QHttpServer answers behind the front, which serves the event stream itself.
    m_port = m_server.listen(QHostAddress::LocalHost, 0);
    return m_port != 0 && m_front.listen(m_port);
}

QUrl FakeHub::url() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_front.port()));
}

QHttpServerResponse FakeHub::guarded(const QHttpServerRequest &request, const QString &what,
                                     const std::function<QHttpServerResponse()> &handler)
{
    hits[what] += 1;
    if (request.value("Authorization") != QByteArray("Bearer ") + Token)
        return apiError(401, QStringLiteral("unauthorized"), QStringLiteral("unknown or revoked token"));
    if (failWithStatus)
        return apiError(failWithStatus, QStringLiteral("unavailable"), QStringLiteral("the hub is busy"));
    // What a test changed directly is the hub's state from now on, as is what
    // the handler changes.
    commit();
    QHttpServerResponse response = handler();
    commit();
    return response;
}

void FakeHub::newEtag()
{
    m_etag = QStringLiteral("\"v%1\"").arg(++m_etagCounter);
}

void FakeHub::setClientsFile(const QString &text, const QString &actor)
{
    m_clientsFile = text;
    newEtag();
    record(actor, QStringLiteral("clients_file.replace"), QStringLiteral("factory-clients.conf"));
    commit();
}

PublicKey FakeHub::key(int n)
{
    QByteArray raw(32, '\x5a');
    for (int i = 0; i < 4; ++i)
        raw[i] = char((n >> (8 * i)) & 0xff);
    raw[31] = '\x01';
    return PublicKey::fromRaw(raw).value();
}

DeviceInfo FakeHub::addDevice(int n, const QDateTime &lastHandshake)
{
    DeviceInfo d;
    d.name = QStringLiteral("dev-%1").arg(n, 3, 10, QChar(u'0'));
    d.publicKey = key(n);
    d.address = hubAddress.advanced(quint64(n) + 1);
    d.live.lastHandshake = lastHandshake;
    d.live.rxBytes = quint64(n) * 1000;
    d.live.txBytes = quint64(n) * 2000;
    d.live.endpoint
        = lastHandshake.isValid() ? QStringLiteral("192.0.2.%1:51820").arg(n % 250 + 1) : QString();
    devices.append(d);
    commit();
    return d;
}

RequestInfo FakeHub::addPendingRequest(const QString &name, int keyNumber)
{
    RequestInfo r;
    r.id = QStringLiteral("req-%1").arg(++m_requestCounter);
    r.publicKey = key(keyNumber);
    r.name = name;
    r.hostname = name.toLower() + QStringLiteral("-laptop");
    r.os = QStringLiteral("Debian GNU/Linux 12");
    r.sourceAddress = QStringLiteral("198.51.100.%1").arg(keyNumber % 250 + 1);
    r.createdAt = QDateTime::currentDateTimeUtc();
    requests.append(r);
    commit();
    return r;
}

void FakeHub::record(const QString &actor, const QString &action, const QString &target,
                     const QJsonValue &before, const QJsonValue &after)
{
    AuditRecord e;
    e.id = audit.isEmpty() ? 1 : audit.constLast().id + 1;
    e.at = QDateTime::currentDateTimeUtc();
    e.actor = actor;
    e.action = action;
    e.target = target;
    e.before = before;
    e.after = after;
    audit.append(e);
}

ClientsFile::ParseOptions FakeHub::options() const
{
    ClientsFile::ParseOptions o;
    o.subnet = subnet;
    o.hubAddress = hubAddress;
    return o;
}

IpAddress FakeHub::nextFree() const
{
    AddressPool pool(subnet, hubAddress);
    for (const DeviceInfo &d : devices)
        (void)pool.reserve(d.address, d.name);
    if (auto file = ClientsFile::parse(m_clientsFile)) {
        for (const ClientPeer &p : file->peers())
            (void)pool.reserve(p.address, p.name());
    }
    auto next = pool.allocate();
    return next ? *next : IpAddress();
}

RequestInfo *FakeHub::findRequest(const QString &id)
{
    for (RequestInfo &r : requests) {
        if (r.id == id)
            return &r;
    }
    return nullptr;
}

QHttpServerResponse FakeHub::clientsAnswer(const QHttpServerRequest &request)
{
    auto file = ClientsFile::parse(m_clientsFile, options());
    if (!file)
        return apiError(500, QStringLiteral("internal"), file.error().message);
    QJsonArray items;
    const auto &lines = file->lines();
    for (qsizetype i = 0; i < lines.size(); ++i) {
        if (lines[i].kind == ClientsFile::Line::Kind::Peer)
            items.append(clientJson(lines[i].peer, int(i + 1)));
    }
    return conditional(request,
                       { { QStringLiteral("clients"), items },
                         { QStringLiteral("etag"), m_etag },
                         { QStringLiteral("live_error"), QJsonValue::Null } },
                       true);
}

QHttpServerResponse FakeHub::revoke(const QString &keyText, const QHttpServerRequest &request)
{
    QString normal = keyText;
    normal.replace(u'-', u'+').replace(u'_', u'/');
    auto key = PublicKey::fromBase64(normal);
    if (!key)
        return apiError(400, QStringLiteral("invalid_input"), key.error().message);
    auto file = ClientsFile::parse(m_clientsFile, options());
    if (!file)
        return apiError(500, QStringLiteral("internal"), file.error().message);
    if (auto removed = file->removePeer(*key); !removed)
        return apiError(404, QStringLiteral("not_found"), removed.error().message);
    const QString reason = request.query().queryItemValue(QStringLiteral("reason"), QUrl::FullyDecoded);
    m_clientsFile = file->toText();
    newEtag();
    for (RequestInfo &r : requests) {
        if (r.publicKey == *key && r.status == RequestState::Approved) {
            r.status = RequestState::Revoked;
            r.reason = reason;
        }
    }
    record(QStringLiteral("token:admin"), QStringLiteral("client.revoke"), key->toBase64(), QJsonValue(),
           reason);
    return json(
        { { QStringLiteral("revoked"), QJsonObject { { QStringLiteral("public_key"), key->toBase64() } } } });
}

QHttpServerResponse FakeHub::requestsAnswer(const QHttpServerRequest &request)
{
    QJsonArray items;
    for (auto it = requests.crbegin(); it != requests.crend(); ++it)
        items.append(requestJson(*it));
    const IpAddress next = nextFree();
    return conditional(request,
                       { { QStringLiteral("requests"), items },
                         { QStringLiteral("suggested_address"),
                           next.isNull() ? QJsonValue(QJsonValue::Null) : QJsonValue(next.toString()) } },
                       true);
}

QHttpServerResponse FakeHub::approve(const QString &id, const QHttpServerRequest &request)
{
    lastBody = request.body();
    RequestInfo *r = findRequest(id);
    if (!r)
        return apiError(404, QStringLiteral("not_found"), QStringLiteral("no request %1").arg(id));
    if (r->status != RequestState::Pending)
        return apiError(409, QStringLiteral("conflict"),
                        QStringLiteral("the request is %1, not pending").arg(requestStateName(r->status)));
    const QJsonObject body = QJsonDocument::fromJson(request.body()).object();
    IpAddress address = nextFree();
    if (body.contains(QStringLiteral("address"))) {
        auto parsed = IpAddress::parse(body.value(QStringLiteral("address")).toString());
        if (!parsed)
            return apiError(400, QStringLiteral("invalid_input"),
                            QStringLiteral("'address': %1").arg(parsed.error().message));
        address = *parsed;
    }
    for (const DeviceInfo &d : std::as_const(devices)) {
        if (d.address == address)
            return apiError(
                409, QStringLiteral("conflict"),
                QStringLiteral("%1 is already used by device %2").arg(address.toString(), d.name));
    }
    auto file = ClientsFile::parse(m_clientsFile, options());
    if (!file)
        return apiError(500, QStringLiteral("internal"), file.error().message);
    ClientPeer peer { r->publicKey, address, r->name };
    if (auto added = file->addPeer(peer, options()); !added)
        return apiError(added.error().code == ErrorCode::Conflict ? 409 : 400,
                        added.error().code == ErrorCode::Conflict ? QStringLiteral("conflict")
                                                                  : QStringLiteral("invalid_input"),
                        added.error().message);
    m_clientsFile = file->toText();
    newEtag();
    r->status = RequestState::Approved;
    r->address = address;
    r->decidedAt = QDateTime::currentDateTimeUtc();
    r->decidedBy = QStringLiteral("token:admin");
    record(QStringLiteral("token:admin"), QStringLiteral("request.approve"), r->id, QJsonValue(),
           address.toString());
    return json(requestJson(*r));
}

QHttpServerResponse FakeHub::reject(const QString &id, const QHttpServerRequest &request)
{
    lastBody = request.body();
    RequestInfo *r = findRequest(id);
    if (!r)
        return apiError(404, QStringLiteral("not_found"), QStringLiteral("no request %1").arg(id));
    if (r->status != RequestState::Pending)
        return apiError(409, QStringLiteral("conflict"), QStringLiteral("the request is not pending"));
    const QString reason
        = QJsonDocument::fromJson(request.body()).object().value(QStringLiteral("reason")).toString();
    if (auto ok = TextRules::checkDisplayName(reason, 500); !ok)
        return apiError(400, QStringLiteral("invalid_input"),
                        QStringLiteral("'reason': %1").arg(ok.error().message));
    r->status = RequestState::Rejected;
    r->reason = reason;
    r->decidedAt = QDateTime::currentDateTimeUtc();
    r->decidedBy = QStringLiteral("token:admin");
    record(QStringLiteral("token:admin"), QStringLiteral("request.reject"), r->id, QJsonValue(), reason);
    return json(requestJson(*r));
}

QHttpServerResponse FakeHub::putClientsFile(const QHttpServerRequest &request)
{
    lastIfMatch = request.value("If-Match");
    lastBody = request.body();
    if (lastIfMatch.isEmpty())
        return apiError(428, QStringLiteral("precondition_required"), QStringLiteral("send If-Match"));
    if (QString::fromLatin1(lastIfMatch) != m_etag)
        return apiError(412, QStringLiteral("precondition_failed"),
                        QStringLiteral("factory-clients.conf changed since it was read"));
    auto file = ClientsFile::parseUtf8(request.body(), options());
    if (!file)
        return apiError(file.error().lineErrors.isEmpty() ? 400 : 422, QStringLiteral("invalid_input"),
                        file.error().message, file.error().lineErrors);
    m_clientsFile = QString::fromUtf8(request.body());
    newEtag();
    record(QStringLiteral("token:admin"), QStringLiteral("clients_file.replace"),
           QStringLiteral("factory-clients.conf"));
    QHttpServerResponse r = json(
        { { QStringLiteral("etag"), m_etag }, { QStringLiteral("peers"), int(file->peers().size()) } });
    r.addHeader("ETag", m_etag.toLatin1());
    return r;
}

QHttpServerResponse FakeHub::putSettings(const QHttpServerRequest &request)
{
    lastBody = request.body();
    const QJsonValue wanted
        = QJsonDocument::fromJson(request.body()).object().value(QStringLiteral("device_to_device"));
    if (!wanted.isBool())
        return apiError(400, QStringLiteral("invalid_input"),
                        QStringLiteral("'device_to_device' must be true or false"));
    if (wanted.toBool() != deviceToDevice) {
        record(QStringLiteral("token:admin"), QStringLiteral("settings.change"),
               QStringLiteral("device_to_device"), deviceToDevice, wanted.toBool());
        deviceToDevice = wanted.toBool();
    }
    return json({ { QStringLiteral("device_to_device"), deviceToDevice } });
}

QHttpServerResponse FakeHub::auditAnswer(const QHttpServerRequest &request) const
{
    const QUrlQuery query = request.query();
    const int limit = query.hasQueryItem(QStringLiteral("limit"))
        ? query.queryItemValue(QStringLiteral("limit")).toInt()
        : 50;
    const qint64 before = query.queryItemValue(QStringLiteral("before")).toLongLong();
    const QString action = query.queryItemValue(QStringLiteral("action"), QUrl::FullyDecoded);
    QJsonArray entries;
    qint64 last = 0;
    bool more = false;
    for (auto it = audit.crbegin(); it != audit.crend(); ++it) {
        if (before > 0 && it->id >= before)
            continue;
        if (!action.isEmpty() && it->action != action)
            continue;
        if (entries.size() == limit) {
            more = true;
            break;
        }
        entries.append(QJsonObject { { QStringLiteral("id"), double(it->id) },
                                     { QStringLiteral("at"), time(it->at) },
                                     { QStringLiteral("actor"), it->actor },
                                     { QStringLiteral("action"), it->action },
                                     { QStringLiteral("target"), it->target },
                                     { QStringLiteral("before"), it->before },
                                     { QStringLiteral("after"), it->after } });
        last = it->id;
    }
    return json({ { QStringLiteral("entries"), entries },
                  { QStringLiteral("next_before"),
                    more ? QJsonValue(double(last)) : QJsonValue(QJsonValue::Null) } });
}

QHttpServerResponse FakeHub::poolAnswer(const QHttpServerRequest &request)
{
    AddressPool pool(subnet, hubAddress);
    const IpAddress next = nextFree();
    return conditional(request,
                       { { QStringLiteral("subnet"), subnet.toString() },
                         { QStringLiteral("hub_address"), hubAddress.toString() },
                         { QStringLiteral("capacity"), double(pool.capacity()) },
                         { QStringLiteral("used"), double(devices.size()) },
                         { QStringLiteral("free"), double(pool.capacity() - quint64(devices.size())) },
                         { QStringLiteral("next_free"),
                           next.isNull() ? QJsonValue(QJsonValue::Null) : QJsonValue(next.toString()) } },
                       false);
}

} // namespace fvpn::test
