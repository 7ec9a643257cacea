#include "CtlJson.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace fvpn {

namespace CtlJson {

namespace {

QJsonValue text(const QString &value)
{
    return value.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(value);
}

QJsonValue address(const IpAddress &value)
{
    return value.isNull() ? QJsonValue(QJsonValue::Null) : QJsonValue(value.toString());
}

void addLive(QJsonObject &o, const PeerLive &live)
{
    const QString state = peerState(live);
    o.insert(u"state"_s, state);
    o.insert(u"online"_s, state == u"online");
    o.insert(u"last_handshake"_s, time(live.lastHandshake));
    o.insert(u"rx_bytes"_s, double(live.rxBytes));
    o.insert(u"tx_bytes"_s, double(live.txBytes));
    o.insert(u"endpoint"_s, text(live.endpoint));
}

// The API's lists: one object per item, in order.
template<typename T, typename ToJson> QJsonArray array(const QList<T> &items, ToJson toJson)
{
    QJsonArray rows;
    for (const T &item : items)
        rows.append(toJson(item));
    return rows;
}

} // namespace

QString peerState(const PeerLive &live)
{
    if (!live.onInterface)
        return u"absent"_s;
    if (!live.lastHandshake.isValid())
        return u"never"_s;
    return live.lastHandshake.secsTo(QDateTime::currentDateTimeUtc()) <= OnlineWithinSecs ? u"online"_s
                                                                                          : u"stale"_s;
}

QJsonValue time(const QDateTime &at)
{
    if (!at.isValid())
        return QJsonValue::Null;
    return at.toUTC().toString(Qt::ISODateWithMs);
}

QJsonObject device(const DeviceInfo &device)
{
    QJsonObject o { { u"name"_s, device.name },
                    { u"public_key"_s, device.publicKey.toBase64() },
                    { u"fingerprint"_s, device.publicKey.fingerprint() },
                    { u"address"_s, address(device.address) } };
    addLive(o, device.live);
    return o;
}

QJsonObject client(const ClientInfo &client)
{
    QJsonObject o { { u"name"_s, client.name },
                    { u"comment"_s, client.comment },
                    { u"public_key"_s, client.publicKey.toBase64() },
                    { u"fingerprint"_s, client.publicKey.fingerprint() },
                    { u"address"_s, address(client.address) },
                    { u"line"_s, client.line },
                    { u"approved_by"_s, text(client.approvedBy) },
                    { u"approved_at"_s, time(client.approvedAt) } };
    addLive(o, client.live);
    return o;
}

QJsonObject request(const RequestInfo &r)
{
    return { { u"id"_s, r.id },
             { u"status"_s, requestStateName(r.status) },
             { u"public_key"_s, r.publicKey.toBase64() },
             { u"fingerprint"_s, r.publicKey.fingerprint() },
             { u"name"_s, r.name },
             { u"hostname"_s, r.hostname },
             { u"os"_s, r.os },
             { u"source_address"_s, text(r.sourceAddress) },
             { u"reason"_s, r.reason },
             { u"address"_s, address(r.address) },
             { u"created_at"_s, time(r.createdAt) },
             { u"decided_at"_s, time(r.decidedAt) },
             { u"decided_by"_s, text(r.decidedBy) } };
}

QJsonObject auditRecord(const AuditRecord &record)
{
    return { { u"id"_s, double(record.id) }, { u"at"_s, time(record.at) },   { u"actor"_s, record.actor },
             { u"action"_s, record.action }, { u"target"_s, record.target }, { u"before"_s, record.before },
             { u"after"_s, record.after } };
}

QJsonObject devices(const DeviceList &list)
{
    return { { u"devices"_s, array(list.devices, device) }, { u"live_error"_s, text(list.liveError) } };
}

QJsonObject clients(const ClientList &list)
{
    return { { u"clients"_s, array(list.clients, client) },
             { u"etag"_s, list.etag },
             { u"live_error"_s, text(list.liveError) } };
}

QJsonObject requests(const QList<RequestInfo> &requests, const IpAddress &suggested)
{
    return { { u"requests"_s, array(requests, request) }, { u"suggested_address"_s, address(suggested) } };
}

QJsonObject auditPage(const AuditRecordPage &page)
{
    return { { u"entries"_s, array(page.entries, auditRecord) },
             { u"next_before"_s, page.nextBefore ? QJsonValue(double(*page.nextBefore)) : QJsonValue() } };
}

QJsonObject settings(const HubSettings &settings)
{
    return { { u"device_to_device"_s, settings.deviceToDevice } };
}

QJsonObject pool(const PoolInfo &pool)
{
    return { { u"subnet"_s, pool.subnet.toString() },
             { u"hub_address"_s, address(pool.hubAddress) },
             { u"capacity"_s, double(pool.capacity) },
             { u"used"_s, double(pool.used) },
             { u"free"_s, double(pool.capacity - std::min(pool.used, pool.capacity)) },
             { u"next_free"_s, address(pool.nextFree) } };
}

QJsonObject invite(const InviteInfo &i)
{
    return { { u"id"_s, i.id },
             { u"note"_s, i.note },
             { u"created_at"_s, time(i.createdAt) },
             { u"created_by"_s, i.createdBy },
             { u"expires_at"_s, time(i.expiresAt) },
             { u"max_uses"_s, i.maxUses },
             { u"uses"_s, i.uses },
             { u"pre_approved"_s, i.preApproved },
             { u"revoked_at"_s, time(i.revokedAt) },
             { u"state"_s, inviteStateName(i.state) } };
}

QJsonObject invites(const QList<InviteInfo> &invites)
{
    return { { u"invites"_s, array(invites, invite) } };
}

QJsonObject createdInvite(const CreatedInvite &created)
{
    return { { u"invite"_s, invite(created.invite) },
             { u"code"_s, created.code },
             { u"link"_s, text(created.link) } };
}

QJsonObject enrollment(const EnrollmentInfo &enrollment)
{
    return { { u"url"_s, enrollment.url },
             { u"fingerprint"_s, enrollment.fingerprint },
             { u"link"_s, text(enrollment.link) } };
}

QJsonObject token(const AdminTokenInfo &t)
{
    return { { u"id"_s, t.id },
             { u"name"_s, t.name },
             { u"created_at"_s, time(t.createdAt) },
             { u"last_used_at"_s, time(t.lastUsedAt) },
             { u"revoked_at"_s, time(t.revokedAt) } };
}

QJsonObject tokens(const QList<AdminTokenInfo> &tokens)
{
    return { { u"tokens"_s, array(tokens, token) } };
}

} // namespace CtlJson

} // namespace fvpn
