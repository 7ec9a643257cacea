#pragma once

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace fvpn {

// Who may get onto the hub and who may run it, as the admin API lists them:
// invites (enrollment codes for engineers) and admin tokens.

enum class InviteState
{
    Usable,
    Used,
    Expired,
    Revoked,
};

QString inviteStateName(InviteState state); // "usable", "used", "expired", "revoked"
std::optional<InviteState> inviteStateFromName(QStringView name);

struct InviteInfo
{
    QString id; // 16 hex digits
    QString note;
    QDateTime createdAt;
    QString createdBy; // "token:alice", "cli"
    QDateTime expiresAt; // invalid: never
    int maxUses = 1;
    int uses = 0;
    bool preApproved = false;
    QDateTime revokedAt; // invalid: not revoked
    InviteState state = InviteState::Usable;

    friend bool operator==(const InviteInfo &, const InviteInfo &) = default;
};

// What POST /api/v1/invites takes; the defaults are the hub's.
struct NewInviteSpec
{
    static constexpr int MaxUses = 10000;
    static constexpr int MaxValidForHours = 10 * 365 * 24;

    QString note;
    int maxUses = 1;
    int validForHours = 7 * 24; // 0: never expires
    bool preApproved = false;
};

// A new invite: the code and the link are shown once, the hub keeps only a hash.
struct CreatedInvite
{
    InviteInfo invite;
    QString code;
    QString link; // empty when the hub has no public URL to put in it
};

// GET /api/v1/enrollment: what an engineer needs to register without an invite.
struct EnrollmentInfo
{
    QString url;
    QString fingerprint; // "sha256:<64 hex>", empty when the hub serves plain HTTP
    QString link; // factory-vpn://enroll?..., empty without a public URL
};

// An admin token as listed; its secret is never.
struct AdminTokenInfo
{
    QString id;
    QString name;
    QDateTime createdAt;
    QDateTime lastUsedAt; // invalid: never used; a resolution of one minute
    QDateTime revokedAt; // invalid: not revoked

    friend bool operator==(const AdminTokenInfo &, const AdminTokenInfo &) = default;
};

} // namespace fvpn
