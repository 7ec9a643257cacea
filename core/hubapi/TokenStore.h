#pragma once

#include "Result.h"

#include <QDateTime>
#include <QList>
#include <QString>

namespace fvpn {

class StateDatabase;

// An admin API bearer token. The token text is "<id>.<secret>" and is shown only
// when created; the hub keeps the secret's BLAKE2b hash.
struct AdminToken
{
    QString id;
    QString name;
    QDateTime createdAt;
    QDateTime lastUsedAt; // invalid = never used
    QDateTime revokedAt; // invalid = live
};

class TokenStore
{
public:
    static constexpr int IdBytes = 8;
    // last_used_at is written at most this often per token, so polling clients do
    // not turn every read into a synchronous disk write.
    static constexpr qint64 LastUsedResolutionMs = 60 * 1000;

    explicit TokenStore(StateDatabase &db);

    struct Created
    {
        AdminToken token;
        QString secretText; // "<id>.<secret>", shown once
    };

    // Name: a display name, unique among live tokens (Conflict otherwise).
    Result<Created> create(const QString &name);
    // The live token for this bearer text, comparing hashes in constant time.
    // PermissionDenied for anything else, with the same message whatever the reason
    // so the answer does not help guessing.
    Result<AdminToken> authenticate(QStringView bearer);
    Result<QList<AdminToken>> list() const; // oldest first, revoked included
    // By id or by the name of a live token. NotFound; Conflict if already revoked.
    Result<AdminToken> revoke(QStringView idOrName);
    // False once revoked or gone (also by another process: factory-vpn-hub token revoke).
    bool isLive(const QString &id) const;

private:
    Result<AdminToken> findById(const QString &id) const;

    StateDatabase &m_db;
};

} // namespace fvpn
