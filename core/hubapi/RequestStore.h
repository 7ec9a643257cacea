#pragma once

#include "IpAddress.h"
#include "PublicKey.h"
#include "Result.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace fvpn {

class StateDatabase;

enum class RequestStatus
{
    Pending,
    Approved,
    Rejected,
    Revoked,
    Cancelled,
};

QString requestStatusName(RequestStatus status);
std::optional<RequestStatus> parseRequestStatus(QStringView text);

// An engineer's registration: the key to add, the evidence shown to the admin,
// and what was decided. The poll secret itself is never stored, only its hash.
struct RegistrationRequest
{
    QString id;
    PublicKey publicKey;
    QString name;
    QString hostname;
    QString os;
    QString sourceAddress;
    QString inviteId; // empty without an invite
    RequestStatus status = RequestStatus::Pending;
    QString reason; // the admin's reason for a rejection or revocation
    IpAddress address; // set once approved
    QDateTime createdAt;
    QDateTime decidedAt;
    QString decidedBy;
    // Key replacement: the approved request whose peer this one takes over once
    // approved, and (on that old request) the replacement that did.
    QString replaces;
    QString replacedBy;
};

struct NewRegistration
{
    PublicKey publicKey;
    QString name;
    QString hostname;
    QString os;
    QString sourceAddress;
    QString inviteId;
    QString replaces; // an approved request's id; checked by RegistrationService
};

class RequestStore
{
public:
    static constexpr int IdBytes = 16;
    // A request id as the hub makes them: IdBytes random bytes in lowercase hex.
    static bool isValidId(QStringView id);

    explicit RequestStore(StateDatabase &db);

    struct Created
    {
        RegistrationRequest request;
        QString secret; // shown to the requester once
    };

    // Conflict when the key already has a pending or approved request.
    Result<Created> create(const NewRegistration &registration);
    Result<RegistrationRequest> find(QStringView id) const; // NotFound
    // The request, if `secret` is its poll secret (compared in constant time);
    // PermissionDenied otherwise, NotFound for an unknown id.
    Result<RegistrationRequest> authenticate(QStringView id, QStringView secret) const;
    // The pending or approved request for this key, if any.
    Result<std::optional<RegistrationRequest>> findLive(const PublicKey &key) const;
    // Newest first; all statuses when `status` is empty.
    Result<QList<RegistrationRequest>> list(std::optional<RequestStatus> status, int limit = 500) const;
    Result<int> countPending() const;
    // The pending requests that would replace request `id`.
    Result<QList<RegistrationRequest>> pendingReplacementsOf(QStringView id) const;

    // Moves a request to `to`. Allowed: pending -> approved/rejected/cancelled,
    // approved -> revoked; anything else is a Conflict naming both states.
    // `address` is required for approval; `reason` is kept for rejections and revocations.
    Result<RegistrationRequest> decide(QStringView id, RequestStatus to, const QString &actor,
                                       const QString &reason = {}, const IpAddress &address = {});

    // Grows with every write (create, decide): readers that keep a copy of the
    // requests re-read them only when it moved.
    quint64 changeCount() const { return m_changes; }

private:
    StateDatabase &m_db;
    quint64 m_changes = 0;
};

} // namespace fvpn
