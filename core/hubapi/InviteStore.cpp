#include "InviteStore.h"

#include "Secrets.h"
#include "StateDatabase.h"
#include "TextRules.h"

#include <QSqlQuery>

namespace fvpn {

namespace {

QString columns()
{
    return QStringLiteral(
        "id, note, created_at, created_by, expires_at, max_uses, uses, pre_approved, revoked_at");
}

QDateTime fromMs(const QVariant &value)
{
    return value.isNull() ? QDateTime() : QDateTime::fromMSecsSinceEpoch(value.toLongLong(), Qt::UTC);
}

Invite fromRow(const QSqlQuery &q)
{
    Invite i;
    i.id = q.value(0).toString();
    i.note = q.value(1).toString();
    i.createdAt = fromMs(q.value(2));
    i.createdBy = q.value(3).toString();
    i.expiresAt = fromMs(q.value(4));
    i.maxUses = q.value(5).toInt();
    i.uses = q.value(6).toInt();
    i.preApproved = q.value(7).toBool();
    i.revokedAt = fromMs(q.value(8));
    return i;
}

Error unusable(const QString &why)
{
    return makeError(ErrorCode::PermissionDenied, QStringLiteral("the invite code %1").arg(why));
}

} // namespace

InviteStore::InviteStore(StateDatabase &db)
    : m_db(db)
{ }

Result<InviteStore::Created> InviteStore::create(const NewInvite &invite)
{
    if (auto note = TextRules::checkComment(invite.note, 200); !note)
        return makeError(ErrorCode::InvalidInput, QStringLiteral("note: %1").arg(note.error().message));
    if (auto who = TextRules::checkDisplayName(invite.createdBy, 100); !who)
        return makeError(ErrorCode::InvalidInput, QStringLiteral("created by: %1").arg(who.error().message));
    if (invite.maxUses < 1 || invite.maxUses > MaxUses)
        return makeError(
            ErrorCode::InvalidInput,
            QStringLiteral("an invite can be used 1 to %1 times, not %2").arg(MaxUses).arg(invite.maxUses));
    // Ten years is plenty and keeps the arithmetic far from overflow.
    if (invite.validForSecs < 0 || invite.validForSecs > 10LL * 366 * 24 * 3600)
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("an invite's validity must be 0 (no expiry) to "
                                        "ten years"));
    Created created;
    Invite &i = created.invite;
    i.id = Secrets::randomHexId(IdBytes);
    const QString secret = Secrets::randomSecret(24);
    created.code = i.id + u'.' + secret;
    i.note = invite.note;
    i.createdBy = invite.createdBy;
    const qint64 now = m_db.nowMs();
    i.createdAt = QDateTime::fromMSecsSinceEpoch(now, Qt::UTC);
    if (invite.validForSecs > 0)
        i.expiresAt = QDateTime::fromMSecsSinceEpoch(now + invite.validForSecs * 1000, Qt::UTC);
    i.maxUses = invite.maxUses;
    i.preApproved = invite.preApproved;
    auto inserted = m_db.exec(
        QStringLiteral(
            "INSERT INTO invites (id, code_hash, note, created_at, created_by, expires_at, max_uses, "
            "pre_approved) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
        { i.id, Secrets::hash(secret), i.note.isNull() ? QStringLiteral("") : i.note, now, i.createdBy,
          i.expiresAt.isValid() ? QVariant(i.expiresAt.toMSecsSinceEpoch()) : QVariant(), i.maxUses,
          i.preApproved ? 1 : 0 });
    if (!inserted)
        return inserted.error();
    return created;
}

Result<Invite> InviteStore::redeem(QStringView code)
{
    QString id;
    QString secret;
    if (!Secrets::splitIdAndSecret(code, IdBytes * 2, &id, &secret))
        return makeError(ErrorCode::InvalidInput, QStringLiteral("this is not an invite code"));
    auto q
        = m_db.exec(QStringLiteral("SELECT code_hash, %1 FROM invites WHERE id = ?").arg(columns()), { id });
    if (!q)
        return q.error();
    if (!q->next())
        return unusable(QStringLiteral("is not known to this hub"));
    const QByteArray stored = q->value(0).toByteArray();
    // Columns shift by one because of code_hash in front.
    Invite i;
    i.id = q->value(1).toString();
    i.note = q->value(2).toString();
    i.createdAt = fromMs(q->value(3));
    i.createdBy = q->value(4).toString();
    i.expiresAt = fromMs(q->value(5));
    i.maxUses = q->value(6).toInt();
    i.uses = q->value(7).toInt();
    i.preApproved = q->value(8).toBool();
    i.revokedAt = fromMs(q->value(9));
    if (!Secrets::hashesEqual(stored, Secrets::hash(secret)))
        return unusable(QStringLiteral("is not known to this hub"));
    if (i.revokedAt.isValid())
        return unusable(QStringLiteral("was revoked"));
    const qint64 now = m_db.nowMs();
    if (i.expiresAt.isValid() && i.expiresAt.toMSecsSinceEpoch() <= now)
        return unusable(QStringLiteral("expired on %1").arg(i.expiresAt.toString(Qt::ISODate)));
    if (i.uses >= i.maxUses)
        return unusable(i.maxUses == 1 ? QStringLiteral("was already used") : QStringLiteral("is used up"));
    // The guard in WHERE keeps two redemptions from both taking the last use.
    auto updated
        = m_db.exec(QStringLiteral("UPDATE invites SET uses = uses + 1 WHERE id = ? AND uses < max_uses "
                                   "AND revoked_at IS NULL"),
                    { id });
    if (!updated)
        return updated.error();
    if (updated->numRowsAffected() != 1)
        return unusable(QStringLiteral("was already used"));
    i.uses += 1;
    return i;
}

Result<Invite> InviteStore::find(QStringView id) const
{
    auto q
        = m_db.exec(QStringLiteral("SELECT %1 FROM invites WHERE id = ?").arg(columns()), { id.toString() });
    if (!q)
        return q.error();
    if (!q->next())
        return makeError(ErrorCode::NotFound, QStringLiteral("no invite with this id"));
    return fromRow(q.value());
}

Result<QList<Invite>> InviteStore::list() const
{
    auto q = m_db.exec(QStringLiteral("SELECT %1 FROM invites ORDER BY created_at DESC, id").arg(columns()));
    if (!q)
        return q.error();
    QList<Invite> out;
    while (q->next())
        out.append(fromRow(q.value()));
    return out;
}

Result<Invite> InviteStore::revoke(QStringView id)
{
    auto current = find(id);
    if (!current)
        return current.error();
    if (current->revokedAt.isValid())
        return makeError(ErrorCode::Conflict, QStringLiteral("the invite was already revoked"));
    auto updated
        = m_db.exec(QStringLiteral("UPDATE invites SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL"),
                    { m_db.nowMs(), id.toString() });
    if (!updated)
        return updated.error();
    return find(id);
}

} // namespace fvpn
