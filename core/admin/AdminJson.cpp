#include "AdminJson.h"

#include "JsonFieldReader.h"

namespace fvpn {

namespace {

PeerLive readLive(JsonFieldReader &r)
{
    PeerLive live;
    const QString state = r.string(QStringLiteral("state"), true);
    live.onInterface = state != u"absent";
    live.lastHandshake = r.time(QStringLiteral("last_handshake"));
    live.rxBytes = r.count(QStringLiteral("rx_bytes"), true);
    live.txBytes = r.count(QStringLiteral("tx_bytes"), true);
    live.endpoint = r.string(QStringLiteral("endpoint"), true);
    return live;
}

RequestInfo readRequestFields(JsonFieldReader &r)
{
    RequestInfo q;
    q.id = r.nonEmptyString(QStringLiteral("id"));
    const QString status = r.string(QStringLiteral("status"));
    if (!r.failed()) {
        if (auto s = requestStateFromName(status))
            q.status = *s;
        else
            r.fail(QStringLiteral("status"),
                   QStringLiteral("'%1' is not a request status").arg(status.left(20)));
    }
    q.publicKey = r.key(QStringLiteral("public_key"));
    q.name = r.string(QStringLiteral("name"), true);
    q.hostname = r.string(QStringLiteral("hostname"), true);
    q.os = r.string(QStringLiteral("os"), true);
    q.sourceAddress = r.string(QStringLiteral("source_address"), true);
    q.createdAt = r.time(QStringLiteral("created_at"));
    q.decidedAt = r.time(QStringLiteral("decided_at"));
    q.decidedBy = r.string(QStringLiteral("decided_by"), true);
    q.reason = r.string(QStringLiteral("reason"), true);
    q.address = r.address(QStringLiteral("address"), true);
    q.replaces = r.string(QStringLiteral("replaces"), true);
    q.replacedBy = r.string(QStringLiteral("replaced_by"), true);
    return q;
}

} // namespace

DeviceInfo AdminJson::readDevice(JsonFieldReader &r)
{
    DeviceInfo d;
    d.name = r.string(QStringLiteral("name"));
    d.publicKey = r.key(QStringLiteral("public_key"));
    d.address = r.address(QStringLiteral("address"));
    d.live = readLive(r);
    return d;
}

ClientInfo AdminJson::readClient(JsonFieldReader &r)
{
    ClientInfo c;
    c.name = r.string(QStringLiteral("name"), true);
    c.comment = r.string(QStringLiteral("comment"), true);
    c.publicKey = r.key(QStringLiteral("public_key"));
    c.address = r.address(QStringLiteral("address"));
    c.line = int(qMin<quint64>(r.count(QStringLiteral("line"), true), quint64(INT_MAX)));
    c.live = readLive(r);
    if (c.name.isEmpty())
        c.name = c.publicKey.fingerprint();
    return c;
}

RequestInfo AdminJson::readRequest(JsonFieldReader &r)
{
    return readRequestFields(r);
}

Result<DeviceList> AdminJson::devices(const QJsonObject &answer)
{
    Result<DeviceDelta> delta = deviceDelta(answer);
    if (!delta)
        return delta.error();
    // A whole list, whatever the hub says: a hub that does not know `since`
    // answers everything.
    return DeviceList { std::move(delta->devices), std::move(delta->liveError), delta->revision };
}

Result<DeviceDelta> AdminJson::deviceDelta(const QJsonObject &answer)
{
    std::optional<Error> error;
    JsonFieldReader top(answer, QString(), &error);
    DeviceDelta delta;
    delta.revision = top.count(QStringLiteral("revision"), true);
    // Hubs from before deltas send neither `full` nor `removed`: their answer is the whole list.
    const QJsonValue full = answer.value(QStringLiteral("full"));
    delta.full = full.isUndefined() || full.isNull() || top.boolean(QStringLiteral("full"));
    delta.devices = readJsonList<DeviceInfo>(top, QStringLiteral("devices"), &error, readDevice);
    if (!error && answer.contains(QStringLiteral("removed"))) {
        const QJsonArray removed = top.array(QStringLiteral("removed"));
        for (qsizetype i = 0; i < removed.size() && !error; ++i) {
            Result<PublicKey> key = PublicKey::fromBase64(removed[i].toString());
            if (!removed[i].isString() || !key) {
                top.fail(QStringLiteral("removed[%1]").arg(i),
                         removed[i].isString() ? key.error().message : QStringLiteral("is not a string"));
                break;
            }
            delta.removed.append(*key);
        }
    }
    if (delta.full && !delta.removed.isEmpty())
        top.fail(QStringLiteral("removed"), QStringLiteral("is not empty in a full answer"));
    delta.liveError = top.string(QStringLiteral("live_error"), true);
    return finishJson(std::move(delta), error);
}

Result<ClientList> AdminJson::clients(const QJsonObject &answer)
{
    std::optional<Error> error;
    JsonFieldReader top(answer, QString(), &error);
    ClientList list;
    list.clients = readJsonList<ClientInfo>(top, QStringLiteral("clients"), &error, readClient);
    list.etag = top.string(QStringLiteral("etag"), true);
    list.liveError = top.string(QStringLiteral("live_error"), true);
    list.revision = top.count(QStringLiteral("revision"), true);
    return finishJson(std::move(list), error);
}

Result<RequestList> AdminJson::requests(const QJsonObject &answer)
{
    std::optional<Error> error;
    JsonFieldReader top(answer, QString(), &error);
    RequestList list;
    list.requests = readJsonList<RequestInfo>(top, QStringLiteral("requests"), &error, readRequestFields);
    list.suggestedAddress = top.address(QStringLiteral("suggested_address"), true);
    list.revision = top.count(QStringLiteral("revision"), true);
    return finishJson(std::move(list), error);
}

Result<RequestInfo> AdminJson::request(const QJsonObject &answer)
{
    std::optional<Error> error;
    JsonFieldReader r(answer, QString(), &error);
    RequestInfo q = readRequestFields(r);
    return finishJson(std::move(q), error);
}

Result<AuditRecordPage> AdminJson::auditPage(const QJsonObject &answer)
{
    std::optional<Error> error;
    JsonFieldReader top(answer, QString(), &error);
    AuditRecordPage page;
    page.entries = readJsonList<AuditRecord>(top, QStringLiteral("entries"), &error, [](JsonFieldReader &r) {
        AuditRecord e;
        e.id = qint64(r.count(QStringLiteral("id")));
        e.at = r.time(QStringLiteral("at"), false);
        e.actor = r.string(QStringLiteral("actor"), true);
        e.action = r.string(QStringLiteral("action"));
        e.target = r.string(QStringLiteral("target"), true);
        e.before = r.value(QStringLiteral("before"));
        e.after = r.value(QStringLiteral("after"));
        return e;
    });
    const QJsonValue next = answer.value(QStringLiteral("next_before"));
    if (!next.isNull() && !next.isUndefined()) {
        const qint64 before = qint64(top.count(QStringLiteral("next_before")));
        if (before > 0)
            page.nextBefore = before;
    }
    return finishJson(std::move(page), error);
}

Result<HubSettings> AdminJson::settings(const QJsonObject &answer)
{
    std::optional<Error> error;
    JsonFieldReader r(answer, QString(), &error);
    HubSettings s;
    s.deviceToDevice = r.boolean(QStringLiteral("device_to_device"));
    return finishJson(s, error);
}

Result<PoolInfo> AdminJson::pool(const QJsonObject &answer)
{
    std::optional<Error> error;
    JsonFieldReader r(answer, QString(), &error);
    PoolInfo p;
    const QString subnet = r.string(QStringLiteral("subnet"));
    if (!r.failed()) {
        Result<IpNetwork> network = IpNetwork::parse(subnet);
        if (network)
            p.subnet = *network;
        else
            r.fail(QStringLiteral("subnet"), network.error().message);
    }
    p.hubAddress = r.address(QStringLiteral("hub_address"));
    p.capacity = r.count(QStringLiteral("capacity"));
    p.used = r.count(QStringLiteral("used"));
    p.nextFree = r.address(QStringLiteral("next_free"), true);
    return finishJson(std::move(p), error);
}

Result<QString> AdminJson::etag(const QJsonObject &answer)
{
    std::optional<Error> error;
    JsonFieldReader r(answer, QString(), &error);
    QString tag = r.nonEmptyString(QStringLiteral("etag"));
    return finishJson(std::move(tag), error);
}

} // namespace fvpn
