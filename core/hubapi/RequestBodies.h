#pragma once

#include "InviteStore.h"
#include "IpAddress.h"
#include "JsonBody.h"
#include "RequestStore.h"
#include "Result.h"

#include <QSet>
#include <QString>

#include <optional>

namespace fvpn {

// The JSON request bodies of the API, one reader per route: which fields each
// accepts (for JsonBody::parse) and what they mean once checked. The route
// handlers and the fuzz target fuzz_apibodies use the same functions.
namespace RequestBodies {

// POST /registrations. The caller sets sourceAddress; `invite` is the code, if any.
struct Registration
{
    NewRegistration registration;
    QString invite;
};
QSet<QString> registrationFields();
Result<Registration> registration(const JsonBody &body);

// POST /requests/{id}/approve: the address, when the admin chose one.
QSet<QString> approveFields();
Result<std::optional<IpAddress>> approve(const JsonBody &body);

// POST /requests/{id}/reject: the reason.
QSet<QString> rejectFields();
Result<QString> reject(const JsonBody &body);

// PUT /settings: device-to-device on or off.
QSet<QString> settingsFields();
Result<bool> settings(const JsonBody &body);

// POST /invites. The caller sets createdBy.
QSet<QString> inviteFields();
Result<NewInvite> invite(const JsonBody &body);

} // namespace RequestBodies

} // namespace fvpn
