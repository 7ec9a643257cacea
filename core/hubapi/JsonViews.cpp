#include "JsonViews.h"

namespace fvpn {

QJsonValue JsonViews::time(const QDateTime &at)
{
    if (!at.isValid())
        return QJsonValue::Null;
    return at.toUTC().toString(Qt::ISODateWithMs);
}

QJsonObject JsonViews::ownRequest(const RegistrationRequest &r)
{
    QJsonObject o { { QStringLiteral("id"), r.id },
                    { QStringLiteral("status"), requestStatusName(r.status) },
                    { QStringLiteral("public_key"), r.publicKey.toBase64() },
                    { QStringLiteral("name"), r.name },
                    { QStringLiteral("hostname"), r.hostname },
                    { QStringLiteral("created_at"), time(r.createdAt) },
                    { QStringLiteral("decided_at"), time(r.decidedAt) } };
    if (r.status == RequestStatus::Rejected || r.status == RequestStatus::Revoked)
        o.insert(QStringLiteral("reason"), r.reason);
    // Key replacement: lets the app tell "revoked because your new key took over"
    // from a revocation by an admin.
    if (!r.replaces.isEmpty())
        o.insert(QStringLiteral("replaces"), r.replaces);
    if (!r.replacedBy.isEmpty())
        o.insert(QStringLiteral("replaced_by"), r.replacedBy);
    return o;
}

QJsonObject JsonViews::request(const RegistrationRequest &r)
{
    QJsonObject o = ownRequest(r);
    o.insert(QStringLiteral("os"), r.os);
    o.insert(QStringLiteral("source_address"), r.sourceAddress);
    o.insert(QStringLiteral("invite_id"), r.inviteId.isEmpty() ? QJsonValue::Null : QJsonValue(r.inviteId));
    o.insert(QStringLiteral("reason"), r.reason);
    o.insert(QStringLiteral("address"),
             r.address.isNull() ? QJsonValue::Null : QJsonValue(r.address.toString()));
    o.insert(QStringLiteral("decided_by"),
             r.decidedBy.isEmpty() ? QJsonValue::Null : QJsonValue(r.decidedBy));
    o.insert(QStringLiteral("fingerprint"), r.publicKey.fingerprint());
    o.insert(QStringLiteral("replaces"), r.replaces.isEmpty() ? QJsonValue::Null : QJsonValue(r.replaces));
    o.insert(QStringLiteral("replaced_by"),
             r.replacedBy.isEmpty() ? QJsonValue::Null : QJsonValue(r.replacedBy));
    return o;
}

QJsonObject JsonViews::invite(const Invite &i, qint64 nowMs)
{
    QString state = QStringLiteral("usable");
    if (i.revokedAt.isValid())
        state = QStringLiteral("revoked");
    else if (i.expiresAt.isValid() && i.expiresAt.toMSecsSinceEpoch() <= nowMs)
        state = QStringLiteral("expired");
    else if (i.uses >= i.maxUses)
        state = QStringLiteral("used");
    return { { QStringLiteral("id"), i.id },
             { QStringLiteral("note"), i.note },
             { QStringLiteral("created_at"), time(i.createdAt) },
             { QStringLiteral("created_by"), i.createdBy },
             { QStringLiteral("expires_at"), time(i.expiresAt) },
             { QStringLiteral("max_uses"), i.maxUses },
             { QStringLiteral("uses"), i.uses },
             { QStringLiteral("pre_approved"), i.preApproved },
             { QStringLiteral("revoked_at"), time(i.revokedAt) },
             { QStringLiteral("state"), state } };
}

QJsonObject JsonViews::token(const AdminToken &t)
{
    return { { QStringLiteral("id"), t.id },
             { QStringLiteral("name"), t.name },
             { QStringLiteral("created_at"), time(t.createdAt) },
             { QStringLiteral("last_used_at"), time(t.lastUsedAt) },
             { QStringLiteral("revoked_at"), time(t.revokedAt) } };
}

QJsonObject JsonViews::auditEntry(const AuditEntry &e)
{
    return { { QStringLiteral("id"), e.id },         { QStringLiteral("at"), time(e.at) },
             { QStringLiteral("actor"), e.actor },   { QStringLiteral("action"), e.action },
             { QStringLiteral("target"), e.target }, { QStringLiteral("before"), e.before },
             { QStringLiteral("after"), e.after } };
}

QJsonObject JsonViews::liveState(const std::optional<WgDumpPeer> &peer, qint64 nowSecs,
                                 qint64 onlineWithinSecs)
{
    if (!peer) {
        return { { QStringLiteral("state"), QStringLiteral("absent") },
                 { QStringLiteral("online"), false },
                 { QStringLiteral("last_handshake"), QJsonValue::Null },
                 { QStringLiteral("handshake_age_seconds"), QJsonValue::Null },
                 { QStringLiteral("rx_bytes"), 0 },
                 { QStringLiteral("tx_bytes"), 0 },
                 { QStringLiteral("endpoint"), QJsonValue::Null } };
    }
    const qint64 age = peer->handshakeAge(nowSecs);
    const bool online = age >= 0 && age <= onlineWithinSecs;
    const QString state = age < 0 ? QStringLiteral("never")
        : online                  ? QStringLiteral("online")
                                  : QStringLiteral("stale");
    return { { QStringLiteral("state"), state },
             { QStringLiteral("online"), online },
             { QStringLiteral("last_handshake"),
               peer->latestHandshake > 0 ? time(QDateTime::fromSecsSinceEpoch(peer->latestHandshake, Qt::UTC))
                                         : QJsonValue(QJsonValue::Null) },
             { QStringLiteral("handshake_age_seconds"),
               age < 0 ? QJsonValue(QJsonValue::Null) : QJsonValue(age) },
             // JSON numbers are doubles: exact up to 2^53 bytes, which no counter reaches.
             { QStringLiteral("rx_bytes"), double(peer->rxBytes) },
             { QStringLiteral("tx_bytes"), double(peer->txBytes) },
             { QStringLiteral("endpoint"),
               peer->endpoint ? QJsonValue(peer->endpoint->toString()) : QJsonValue(QJsonValue::Null) } };
}

QJsonObject JsonViews::device(const BackendDevice &d, const std::optional<WgDumpPeer> &peer, qint64 nowSecs,
                              qint64 onlineWithinSecs)
{
    QJsonObject o { { QStringLiteral("name"), d.name },
                    { QStringLiteral("public_key"), d.publicKey.toBase64() },
                    { QStringLiteral("fingerprint"), d.publicKey.fingerprint() },
                    { QStringLiteral("address"), d.address.toString() } };
    const QJsonObject live = liveState(peer, nowSecs, onlineWithinSecs);
    for (auto it = live.begin(); it != live.end(); ++it)
        o.insert(it.key(), it.value());
    return o;
}

QJsonObject JsonViews::client(const ClientPeer &p, int line, const std::optional<WgDumpPeer> &peer,
                              qint64 nowSecs, qint64 onlineWithinSecs)
{
    QJsonObject o { { QStringLiteral("name"), p.name() },
                    { QStringLiteral("comment"), p.comment },
                    { QStringLiteral("public_key"), p.publicKey.toBase64() },
                    { QStringLiteral("fingerprint"), p.publicKey.fingerprint() },
                    { QStringLiteral("address"), p.address.toString() },
                    { QStringLiteral("line"), line } };
    const QJsonObject live = liveState(peer, nowSecs, onlineWithinSecs);
    for (auto it = live.begin(); it != live.end(); ++it)
        o.insert(it.key(), it.value());
    return o;
}

} // namespace fvpn
