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

std::optional<RequestState> requestStateFromName(QStringView name)
{
    for (RequestState status : { RequestState::Pending, RequestState::Approved, RequestState::Rejected,
                                 RequestState::Revoked, RequestState::Cancelled }) {
        if (name == requestStateName(status))
            return status;
    }
    return std::nullopt;
}

QString requestStateName(RequestState status)
{
    switch (status) {
    case RequestState::Pending:
        return QStringLiteral("pending");
    case RequestState::Approved:
        return QStringLiteral("approved");
    case RequestState::Rejected:
        return QStringLiteral("rejected");
    case RequestState::Revoked:
        return QStringLiteral("revoked");
    case RequestState::Cancelled:
        break;
    }
    return QStringLiteral("cancelled");
}

QList<RequestInfo> HubSnapshot::pendingRequests() const
{
    QList<RequestInfo> pending;
    for (const RequestInfo &r : requests) {
        if (r.status == RequestState::Pending)
            pending.append(r);
    }
    return pending;
}

} // namespace fvpn
