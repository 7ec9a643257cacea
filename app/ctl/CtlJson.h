#pragma once

#include "HubAccess.h"
#include "HubSnapshot.h"

#include <QJsonObject>

namespace fvpn {

// What `factory-vpn-ctl --json` prints: the admin API's own shapes and field
// names (docs/api.md), rebuilt from the records AdminClient reads, so a script
// written against the hub's JSON works against ours and the reverse.
namespace CtlJson {

QString peerState(const PeerLive &live); // "online", "stale", "never", "absent"
QJsonValue time(const QDateTime &at); // ISO 8601 UTC with milliseconds, or null

QJsonObject device(const DeviceInfo &device);
QJsonObject client(const ClientInfo &client);
QJsonObject request(const RequestInfo &request);
QJsonObject auditRecord(const AuditRecord &record);

QJsonObject devices(const DeviceList &list);
QJsonObject clients(const ClientList &list);
QJsonObject requests(const QList<RequestInfo> &requests, const IpAddress &suggested);
QJsonObject auditPage(const AuditRecordPage &page);
QJsonObject settings(const HubSettings &settings);
QJsonObject pool(const PoolInfo &pool);

QJsonObject invite(const InviteInfo &invite);
QJsonObject invites(const QList<InviteInfo> &invites);
QJsonObject createdInvite(const CreatedInvite &created);
QJsonObject enrollment(const EnrollmentInfo &enrollment);
// Id, name and times only: the hub keeps no secret to list, and neither do we.
QJsonObject token(const AdminTokenInfo &token);
QJsonObject tokens(const QList<AdminTokenInfo> &tokens);

} // namespace CtlJson

} // namespace fvpn
