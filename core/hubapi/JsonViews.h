#pragma once

#include "AuditLog.h"
#include "ClientsFile.h"
#include "HubBackend.h"
#include "InviteStore.h"
#include "RequestStore.h"
#include "TokenStore.h"
#include "WgDump.h"

#include <QJsonArray>
#include <QJsonObject>

#include <optional>

namespace fvpn {

// How the API shows its entities. Times are UTC ISO 8601 with milliseconds, or
// null; keys are standard base64; field names are snake_case.
namespace JsonViews {

QJsonValue time(const QDateTime &at);

// For the admin: everything, including the evidence and the source address.
QJsonObject request(const RegistrationRequest &r);
// For the requester: the state of their own request.
QJsonObject ownRequest(const RegistrationRequest &r);
QJsonObject invite(const Invite &i, qint64 nowMs);
QJsonObject token(const AdminToken &t);
QJsonObject auditEntry(const AuditEntry &e);

// Live tunnel state of one peer: online (handshake within onlineWithinSecs),
// stale (an older handshake), never (no handshake) or absent (not on the interface).
QJsonObject liveState(const std::optional<WgDumpPeer> &peer, qint64 nowSecs, qint64 onlineWithinSecs);
QJsonObject device(const BackendDevice &d, const std::optional<WgDumpPeer> &peer, qint64 nowSecs,
                   qint64 onlineWithinSecs);
QJsonObject client(const ClientPeer &p, int line, const std::optional<WgDumpPeer> &peer, qint64 nowSecs,
                   qint64 onlineWithinSecs);

} // namespace JsonViews

} // namespace fvpn
