#pragma once

#include "Result.h"

#include <QDateTime>
#include <QList>
#include <QString>

namespace fvpn {

class StateDatabase;

// An invite an admin hands out (usually inside an enrollment link). The code is
// "<id>.<secret>"; only the secret's hash is stored.
struct Invite
{
    QString id;
    QString note;
    QDateTime createdAt;
    QString createdBy;
    QDateTime expiresAt; // invalid = never
    int maxUses = 1;
    int uses = 0;
    bool preApproved = false; // registrations with it are approved at once
    QDateTime revokedAt; // invalid = not revoked
};

struct NewInvite
{
    QString note;
    QString createdBy;
    qint64 validForSecs = 7 * 24 * 3600; // 0 = never expires
    int maxUses = 1;
    bool preApproved = false;
};

class InviteStore
{
public:
    static constexpr int IdBytes = 8;
    static constexpr int MaxUses = 10000;

    explicit InviteStore(StateDatabase &db);

    struct Created
    {
        Invite invite;
        QString code; // shown once
    };

    Result<Created> create(const NewInvite &invite);
    // Checks the code and counts one use, atomically. PermissionDenied with the
    // reason (unknown, wrong, expired, used up, revoked) when it cannot be used.
    Result<Invite> redeem(QStringView code);
    Result<Invite> find(QStringView id) const;
    Result<QList<Invite>> list() const; // newest first
    Result<Invite> revoke(QStringView id); // NotFound; Conflict when already revoked

private:
    StateDatabase &m_db;
};

} // namespace fvpn
