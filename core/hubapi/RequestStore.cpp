#include "RequestStore.h"

#include "Secrets.h"
#include "StateDatabase.h"
#include "TextRules.h"

#include <QSqlQuery>
#include <QSqlRecord>

namespace fvpn {

namespace {

// replaced_by: once a replacement is approved its old request is revoked at once,
// so at most one approved (or later revoked) request ever replaces a given one.
QString columns()
{
    return QStringLiteral(
        "id, public_key, name, hostname, os, source_address, invite_id, status, reason, address, created_at, "
        "decided_at, decided_by, replaces, (SELECT r2.id FROM requests AS r2 WHERE r2.replaces = requests.id "
        "AND r2.status IN ('approved', 'revoked') ORDER BY r2.decided_at LIMIT 1)");
}

QDateTime fromMs(const QVariant &value)
{
    if (value.isNull())
        return {};
    return QDateTime::fromMSecsSinceEpoch(value.toLongLong(), Qt::UTC);
}

Result<RegistrationRequest> fromRow(const QSqlQuery &q)
{
    RegistrationRequest r;
    r.id = q.value(0).toString();
    auto key = PublicKey::fromBase64(q.value(1).toString());
    if (!key)
        return makeError(ErrorCode::Internal,
                         QStringLiteral("stored request %1 has an unreadable key").arg(r.id));
    r.publicKey = key.value();
    r.name = q.value(2).toString();
    r.hostname = q.value(3).toString();
    r.os = q.value(4).toString();
    r.sourceAddress = q.value(5).toString();
    r.inviteId = q.value(6).toString();
    auto status = parseRequestStatus(q.value(7).toString());
    if (!status)
        return makeError(ErrorCode::Internal,
                         QStringLiteral("stored request %1 has an unknown status").arg(r.id));
    r.status = *status;
    r.reason = q.value(8).toString();
    if (!q.value(9).isNull()) {
        auto address = IpAddress::parse(q.value(9).toString());
        if (!address)
            return makeError(ErrorCode::Internal,
                             QStringLiteral("stored request %1 has an unreadable address").arg(r.id));
        r.address = address.value();
    }
    r.createdAt = fromMs(q.value(10));
    r.decidedAt = fromMs(q.value(11));
    r.decidedBy = q.value(12).toString();
    r.replaces = q.value(13).toString();
    r.replacedBy = q.value(14).toString();
    return r;
}

bool isRequestId(QStringView id)
{
    return RequestStore::isValidId(id);
}

Result<QList<RegistrationRequest>> readAll(QSqlQuery &q)
{
    QList<RegistrationRequest> out;
    while (q.next()) {
        auto r = fromRow(q);
        if (!r)
            return r.error();
        out.append(r.value());
    }
    return out;
}

Result<void> checkEvidence(const NewRegistration &r)
{
    if (r.publicKey.isNull())
        return makeError(ErrorCode::InvalidInput, QStringLiteral("a registration needs a public key"));
    if (auto name = TextRules::checkDisplayName(r.name); !name)
        return makeError(ErrorCode::InvalidInput, QStringLiteral("name: %1").arg(name.error().message));
    if (auto host = TextRules::checkHostName(r.hostname); !host)
        return makeError(ErrorCode::InvalidInput, QStringLiteral("hostname: %1").arg(host.error().message));
    if (auto os = TextRules::checkDisplayName(r.os, 100); !os)
        return makeError(ErrorCode::InvalidInput, QStringLiteral("os: %1").arg(os.error().message));
    if (TextRules::containsControlCharacters(r.sourceAddress) || r.sourceAddress.size() > 64)
        return makeError(ErrorCode::InvalidInput, QStringLiteral("source address is not an address"));
    if (!r.replaces.isEmpty() && !isRequestId(r.replaces))
        return makeError(ErrorCode::InvalidInput, QStringLiteral("replaces: not a request id"));
    return {};
}

} // namespace

QString requestStatusName(RequestStatus status)
{
    switch (status) {
    case RequestStatus::Pending:
        return QStringLiteral("pending");
    case RequestStatus::Approved:
        return QStringLiteral("approved");
    case RequestStatus::Rejected:
        return QStringLiteral("rejected");
    case RequestStatus::Revoked:
        return QStringLiteral("revoked");
    case RequestStatus::Cancelled:
        return QStringLiteral("cancelled");
    }
    return QStringLiteral("unknown");
}

std::optional<RequestStatus> parseRequestStatus(QStringView text)
{
    for (RequestStatus s : { RequestStatus::Pending, RequestStatus::Approved, RequestStatus::Rejected,
                             RequestStatus::Revoked, RequestStatus::Cancelled }) {
        if (text == requestStatusName(s))
            return s;
    }
    return std::nullopt;
}

RequestStore::RequestStore(StateDatabase &db)
    : m_db(db)
{ }

Result<RequestStore::Created> RequestStore::create(const NewRegistration &registration)
{
    if (auto valid = checkEvidence(registration); !valid)
        return valid.error();
    Created created;
    created.secret = Secrets::randomSecret();
    RegistrationRequest &r = created.request;
    r.id = Secrets::randomHexId(IdBytes);
    r.publicKey = registration.publicKey;
    r.name = registration.name;
    r.hostname = registration.hostname;
    r.os = registration.os;
    r.sourceAddress = registration.sourceAddress;
    r.inviteId = registration.inviteId;
    r.replaces = registration.replaces;
    r.status = RequestStatus::Pending;
    r.createdAt = QDateTime::fromMSecsSinceEpoch(m_db.nowMs(), Qt::UTC);

    auto inserted = m_db.exec(
        QStringLiteral(
            "INSERT INTO requests (id, public_key, name, hostname, os, source_address, invite_id, "
            "status, created_at, secret_hash, replaces) VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?, "
            "?)"),
        { r.id, r.publicKey.toBase64(), r.name, r.hostname, r.os, r.sourceAddress,
          r.inviteId.isEmpty() ? QVariant() : QVariant(r.inviteId), r.createdAt.toMSecsSinceEpoch(),
          Secrets::hash(created.secret), r.replaces.isEmpty() ? QVariant() : QVariant(r.replaces) });
    if (!inserted) {
        if (inserted.error().code == ErrorCode::Conflict) {
            return makeError(ErrorCode::Conflict,
                             QStringLiteral("the key %1 already has a pending or approved request")
                                 .arg(r.publicKey.fingerprint()));
        }
        return inserted.error();
    }
    ++m_changes;
    return created;
}

Result<RegistrationRequest> RequestStore::find(QStringView id) const
{
    if (!isRequestId(id))
        return makeError(ErrorCode::NotFound, QStringLiteral("no registration request with this id"));
    auto q
        = m_db.exec(QStringLiteral("SELECT %1 FROM requests WHERE id = ?").arg(columns()), { id.toString() });
    if (!q)
        return q.error();
    if (!q->next())
        return makeError(ErrorCode::NotFound, QStringLiteral("no registration request with this id"));
    return fromRow(q.value());
}

Result<RegistrationRequest> RequestStore::authenticate(QStringView id, QStringView secret) const
{
    if (!isRequestId(id))
        return makeError(ErrorCode::NotFound, QStringLiteral("no registration request with this id"));
    auto q = m_db.exec(QStringLiteral("SELECT secret_hash FROM requests WHERE id = ?"), { id.toString() });
    if (!q)
        return q.error();
    if (!q->next())
        return makeError(ErrorCode::NotFound, QStringLiteral("no registration request with this id"));
    if (secret.isEmpty() || secret.size() > 128
        || !Secrets::hashesEqual(q->value(0).toByteArray(), Secrets::hash(secret)))
        return makeError(ErrorCode::PermissionDenied,
                         QStringLiteral("wrong secret for this registration request"));
    return find(id);
}

Result<std::optional<RegistrationRequest>> RequestStore::findLive(const PublicKey &key) const
{
    auto q = m_db.exec(
        QStringLiteral("SELECT %1 FROM requests WHERE public_key = ? AND status IN ('pending', 'approved')")
            .arg(columns()),
        { key.toBase64() });
    if (!q)
        return q.error();
    if (!q->next())
        return std::optional<RegistrationRequest>();
    auto r = fromRow(q.value());
    if (!r)
        return r.error();
    return std::optional<RegistrationRequest>(r.value());
}

Result<QList<RegistrationRequest>> RequestStore::list(std::optional<RequestStatus> status, int limit) const
{
    const int bounded = qBound(1, limit, 10000);
    Result<QSqlQuery> q = status
        ? m_db.exec(
            QStringLiteral("SELECT %1 FROM requests WHERE status = ? ORDER BY created_at DESC, id LIMIT ?")
                .arg(columns()),
            { requestStatusName(*status), bounded })
        : m_db.exec(
            QStringLiteral("SELECT %1 FROM requests ORDER BY created_at DESC, id LIMIT ?").arg(columns()),
            { bounded });
    if (!q)
        return q.error();
    return readAll(q.value());
}

Result<int> RequestStore::countPending() const
{
    auto q = m_db.exec(QStringLiteral("SELECT COUNT(*) FROM requests WHERE status = 'pending'"));
    if (!q)
        return q.error();
    if (!q->next())
        return makeError(ErrorCode::Internal, QStringLiteral("state database: COUNT returned no row"));
    return q->value(0).toInt();
}

Result<QList<RegistrationRequest>> RequestStore::pendingReplacementsOf(QStringView id) const
{
    if (!isRequestId(id))
        return QList<RegistrationRequest>();
    auto q = m_db.exec(
        QStringLiteral(
            "SELECT %1 FROM requests WHERE replaces = ? AND status = 'pending' ORDER BY created_at")
            .arg(columns()),
        { id.toString() });
    if (!q)
        return q.error();
    return readAll(q.value());
}

Result<RegistrationRequest> RequestStore::decide(QStringView id, RequestStatus to, const QString &actor,
                                                 const QString &reason, const IpAddress &address)
{
    auto current = find(id);
    if (!current)
        return current.error();
    const RequestStatus from = current->status;
    const bool allowed = (from == RequestStatus::Pending
                          && (to == RequestStatus::Approved || to == RequestStatus::Rejected
                              || to == RequestStatus::Cancelled))
        || (from == RequestStatus::Approved && to == RequestStatus::Revoked);
    if (!allowed) {
        return makeError(ErrorCode::Conflict,
                         QStringLiteral("the request is %1; it cannot become %2")
                             .arg(requestStatusName(from), requestStatusName(to)));
    }
    if (to == RequestStatus::Approved && address.isNull())
        return makeError(ErrorCode::InvalidInput, QStringLiteral("an approval needs an address"));
    if (auto text = TextRules::checkComment(reason, 500); !text)
        return makeError(ErrorCode::InvalidInput, QStringLiteral("reason: %1").arg(text.error().message));
    if (auto who = TextRules::checkDisplayName(actor, 100); !who)
        return makeError(ErrorCode::InvalidInput, QStringLiteral("actor: %1").arg(who.error().message));

    const qint64 now = m_db.nowMs();
    // The status in the WHERE clause makes the transition atomic against a concurrent decision.
    auto updated = m_db.exec(
        QStringLiteral("UPDATE requests SET status = ?, reason = ?, address = COALESCE(?, address), "
                       "decided_at = ?, decided_by = ? WHERE id = ? AND status = ?"),
        { requestStatusName(to), reason.isNull() ? QStringLiteral("") : reason,
          address.isNull() ? QVariant() : QVariant(address.toString()), now, actor, id.toString(),
          requestStatusName(from) });
    if (!updated)
        return updated.error();
    if (updated->numRowsAffected() != 1)
        return makeError(ErrorCode::Conflict, QStringLiteral("the request changed meanwhile; try again"));
    ++m_changes;
    return find(id);
}

bool RequestStore::isValidId(QStringView id)
{
    if (id.size() != IdBytes * 2)
        return false;
    for (QChar c : id) {
        if (!((c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f')))
            return false;
    }
    return true;
}

} // namespace fvpn
