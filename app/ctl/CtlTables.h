#pragma once

#include "HubAccess.h"
#include "HubSnapshot.h"

#include <QDateTime>
#include <QString>

namespace fvpn {

// What `factory-vpn-ctl` prints for people: one aligned table per listing, ages
// relative to `now` ("12 s ago"), keys as their 8-character fingerprint.
namespace CtlTables {

QString devices(const DeviceList &list, const QDateTime &now);
QString clients(const ClientList &list, const QDateTime &now);
// `status`: the filter the rows passed ("pending", "all", ...), named when nothing did.
QString requests(const QList<RequestInfo> &requests, const IpAddress &suggested, const QString &status,
                 const QDateTime &now);
QString audit(const AuditRecordPage &page, const QDateTime &now);
QString settings(const HubSettings &settings);
QString pool(const PoolInfo &pool);

QString invites(const QList<InviteInfo> &invites);
QString tokens(const QList<AdminTokenInfo> &tokens, const QDateTime &now);
// The link first, on a line of its own, so `| head -n 1` is the line to pass on.
QString enrollment(const EnrollmentInfo &enrollment);
// The one time the code and the link are shown.
QString createdInvite(const CreatedInvite &created);

} // namespace CtlTables

} // namespace fvpn
