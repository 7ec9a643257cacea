#include "TokenStore.h"

#include "Secrets.h"
#include "StateDatabase.h"
#include "TextRules.h"

#include <QSqlQuery>

namespace fvpn {

namespace {

QString columns()
{
    return QStringLiteral("id, name, created_at, last_used_at, revoked_at");
}

QDateTime fromMs(const QVariant &value)
{
    return value.isNull() ? QDateTime() : QDateTime::fromMSecsSinceEpoch(value.toLongLong(), Qt::UTC);
}

AdminToken fromRow(const QSqlQuery &q, int first = 0)
{
    AdminToken t;
    t.id = q.value(first).toString();
    t.name = q.value(first + 1).toString();
    t.createdAt = fromMs(q.value(first + 2));
    t.lastUsedAt = fromMs(q.value(first + 3));
    t.revokedAt = fromMs(q.value(first + 4));
    return t;
}

Error denied()
{
    return makeError(ErrorCode::PermissionDenied, QStringLiteral("the admin token is not valid"));
}

} // namespace

TokenStore::TokenStore(StateDatabase &db)
    : m_db(db)
{ }

Result<TokenStore::Created> TokenStore::create(const QString &name)
{
    auto checked = TextRules::checkDisplayName(name, 64);
    if (!checked)
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("token name: %1").arg(checked.error().message));
    Created created;
    created.token.id = Secrets::randomHexId(IdBytes);
    created.token.name = name;
    const QString secret = Secrets::randomSecret(32);
    created.secretText = created.token.id + u'.' + secret;
    const qint64 now = m_db.nowMs();
    created.token.createdAt = QDateTime::fromMSecsSinceEpoch(now, Qt::UTC);
    auto inserted
        = m_db.exec(QStringLiteral("INSERT INTO tokens (id, name, hash, created_at) VALUES (?, ?, ?, ?)"),
                    { created.token.id, name, Secrets::hash(secret), now });
    if (!inserted) {
        if (inserted.error().code == ErrorCode::Conflict)
            return makeError(ErrorCode::Conflict,
                             QStringLiteral("a token named '%1' already exists").arg(name));
        return inserted.error();
    }
    return created;
}

Result<AdminToken> TokenStore::authenticate(QStringView bearer)
{
    QString id;
    QString secret;
    if (!Secrets::splitIdAndSecret(bearer, IdBytes * 2, &id, &secret))
        return denied();
    auto q = m_db.exec(QStringLiteral("SELECT hash, %1 FROM tokens WHERE id = ?").arg(columns()), { id });
    if (!q)
        return q.error();
    // Hash the candidate even when the id is unknown, so both paths cost the same.
    const QByteArray candidate = Secrets::hash(secret);
    if (!q->next())
        return denied();
    const QByteArray stored = q->value(0).toByteArray();
    AdminToken token = fromRow(q.value(), 1);
    if (!Secrets::hashesEqual(stored, candidate) || token.revokedAt.isValid())
        return denied();
    const qint64 now = m_db.nowMs();
    if (!token.lastUsedAt.isValid() || now - token.lastUsedAt.toMSecsSinceEpoch() >= LastUsedResolutionMs) {
        // Bookkeeping only: a failure to record it must not lock the admin out.
        if (m_db.exec(QStringLiteral("UPDATE tokens SET last_used_at = ? WHERE id = ?"), { now, id }))
            token.lastUsedAt = QDateTime::fromMSecsSinceEpoch(now, Qt::UTC);
    }
    return token;
}

Result<QList<AdminToken>> TokenStore::list() const
{
    auto q = m_db.exec(QStringLiteral("SELECT %1 FROM tokens ORDER BY created_at, id").arg(columns()));
    if (!q)
        return q.error();
    QList<AdminToken> out;
    while (q->next())
        out.append(fromRow(q.value()));
    return out;
}

Result<AdminToken> TokenStore::findById(const QString &id) const
{
    auto q = m_db.exec(QStringLiteral("SELECT %1 FROM tokens WHERE id = ?").arg(columns()), { id });
    if (!q)
        return q.error();
    if (!q->next())
        return makeError(ErrorCode::NotFound, QStringLiteral("no token with this id"));
    return fromRow(q.value());
}

bool TokenStore::isLive(const QString &id) const
{
    const auto token = findById(id);
    // A database error is no proof of revocation: the stream stays.
    if (!token)
        return token.error().code != ErrorCode::NotFound;
    return !token->revokedAt.isValid();
}

Result<AdminToken> TokenStore::revoke(QStringView idOrName)
{
    QString id = idOrName.toString();
    auto byId = findById(id);
    if (!byId) {
        if (byId.error().code != ErrorCode::NotFound)
            return byId.error();
        auto q = m_db.exec(QStringLiteral("SELECT id FROM tokens WHERE name = ? AND revoked_at IS NULL"),
                           { id });
        if (!q)
            return q.error();
        if (!q->next())
            return makeError(ErrorCode::NotFound,
                             TextRules::containsControlCharacters(idOrName) || idOrName.size() > 64
                                 ? QStringLiteral("no live token has this id or name")
                                 : QStringLiteral("no live token has the id or name '%1'").arg(idOrName));
        id = q->value(0).toString();
    } else if (byId->revokedAt.isValid()) {
        return makeError(ErrorCode::Conflict,
                         QStringLiteral("the token '%1' was already revoked").arg(byId->name));
    }
    auto updated
        = m_db.exec(QStringLiteral("UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL"),
                    { m_db.nowMs(), id });
    if (!updated)
        return updated.error();
    return findById(id);
}

} // namespace fvpn
