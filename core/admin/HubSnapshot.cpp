#include "HubSnapshot.h"

namespace fvpn {

LinkState linkStateFor(const QDateTime &lastHandshake, const QDateTime &now)
{
    if (!lastHandshake.isValid())
        return LinkState::Offline;
    // A handshake slightly in the future is clock skew between hub and desktop,
    // not a reason to call the peer offline.
    const qint64 age = qMax<qint64>(0, lastHandshake.secsTo(now));
    if (age <= OnlineWithinSecs)
        return LinkState::Online;
    if (age <= StaleWithinSecs)
        return LinkState::Stale;
    return LinkState::Offline;
}

QString linkStateName(LinkState state)
{
    switch (state) {
    case LinkState::Online:
        return QStringLiteral("online");
    case LinkState::Stale:
        return QStringLiteral("stale");
    case LinkState::Offline:
        break;
    }
    return QStringLiteral("offline");
}

std::optional<RequestStatus> requestStatusFromName(QStringView name)
{
    for (RequestStatus status : { RequestStatus::Pending, RequestStatus::Approved, RequestStatus::Rejected,
                                  RequestStatus::Revoked, RequestStatus::Cancelled }) {
        if (name == requestStatusName(status))
            return status;
    }
    return std::nullopt;
}

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
        break;
    }
    return QStringLiteral("cancelled");
}

QList<RequestInfo> HubSnapshot::pendingRequests() const
{
    QList<RequestInfo> pending;
    for (const RequestInfo &r : requests) {
        if (r.status == RequestStatus::Pending)
            pending.append(r);
    }
    return pending;
}

} // namespace fvpn
