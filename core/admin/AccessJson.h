#pragma once

#include "HubAccess.h"
#include "Result.h"

#include <QJsonObject>

namespace fvpn {

// Reads the admin API's answers about invites, enrollment and tokens
// (docs/api.md), as strictly as AdminJson reads the rest.
namespace AccessJson {

Result<QList<InviteInfo>> invites(const QJsonObject &answer); // GET /invites
Result<InviteInfo> invite(const QJsonObject &answer); // DELETE /invites/{id}
Result<CreatedInvite> createdInvite(const QJsonObject &answer); // POST /invites
Result<EnrollmentInfo> enrollment(const QJsonObject &answer);
Result<QList<AdminTokenInfo>> tokens(const QJsonObject &answer); // GET /tokens
Result<AdminTokenInfo> token(const QJsonObject &answer); // DELETE /tokens/{id}

// What POST /invites is sent.
QJsonObject newInviteBody(const NewInviteSpec &spec);

} // namespace AccessJson

} // namespace fvpn
