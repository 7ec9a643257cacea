#pragma once

#include "Result.h"
#include "TunnelParameters.h"

#include <QJsonObject>
#include <QString>

namespace fvpn {

// Where an engineer's key request stands on the hub.
enum class RegistrationState
{
    Pending,
    Approved,
    Rejected,
    Revoked,
    Cancelled,
};

QString registrationStateName(RegistrationState state); // as in the API: "pending", …
// A sentence for people: "Waiting for an administrator to approve your request."
QString registrationStateText(RegistrationState state);

struct RegistrationStatus
{
    QString id;
    RegistrationState state = RegistrationState::Pending;
    QString reason; // the admin's words for a rejection or revocation
    TunnelParameters tunnel; // only for Approved
    // Key replacement: the request this one replaces, and on a revoked request
    // the replacement that took over its peer (so "revoked" means "replaced").
    QString replaces;
    QString replacedBy;

    // Strict: an unknown state, an approval without usable tunnel parameters or a
    // field of the wrong type is an error naming the field.
    static Result<RegistrationStatus> fromJson(const QJsonObject &object);
    QJsonObject toJson() const;

    friend bool operator==(const RegistrationStatus &, const RegistrationStatus &) = default;
};

} // namespace fvpn
