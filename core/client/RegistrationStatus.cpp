#include "RegistrationStatus.h"

#include "JsonFields.h"
#include "QuotedInput.h"
#include "TextRules.h"

#include <utility>

namespace fvpn {

namespace {

constexpr int MaxReasonLength = 500;

struct StateName
{
    RegistrationState state;
    const char16_t *name;
};

constexpr StateName StateNames[] = {
    { RegistrationState::Pending, u"pending" },     { RegistrationState::Approved, u"approved" },
    { RegistrationState::Rejected, u"rejected" },   { RegistrationState::Revoked, u"revoked" },
    { RegistrationState::Cancelled, u"cancelled" },
};

} // namespace

QString registrationStateName(RegistrationState state)
{
    for (const StateName &entry : StateNames) {
        if (entry.state == state)
            return QString::fromUtf16(entry.name);
    }
    return QStringLiteral("pending");
}

QString registrationStateText(RegistrationState state)
{
    switch (state) {
    case RegistrationState::Pending:
        return QStringLiteral("Waiting for an administrator to approve your request.");
    case RegistrationState::Approved:
        return QStringLiteral("Your request was approved.");
    case RegistrationState::Rejected:
        return QStringLiteral("Your request was rejected.");
    case RegistrationState::Revoked:
        return QStringLiteral("Your access was revoked.");
    case RegistrationState::Cancelled:
        return QStringLiteral("Your request was cancelled.");
    }
    return {};
}

Result<RegistrationStatus> RegistrationStatus::fromJson(const QJsonObject &object)
{
    const JsonFields fields(object, QStringLiteral("registration"));
    RegistrationStatus status;

    const Result<QString> id = fields.string(QStringLiteral("id"));
    if (!id)
        return id.error();
    if (id->isEmpty() || id->size() > 128 || TextRules::containsControlCharacters(*id))
        return fields.error(QStringLiteral("id"), QStringLiteral("is not a request id"));
    status.id = *id;

    const Result<QString> state = fields.string(QStringLiteral("status"));
    if (!state)
        return state.error();
    bool known = false;
    for (const StateName &entry : StateNames) {
        if (*state == QString::fromUtf16(entry.name)) {
            status.state = entry.state;
            known = true;
        }
    }
    if (!known)
        return fields.error(QStringLiteral("status"),
                            QStringLiteral("has the unknown value %1").arg(quotedInput(*state)));

    const Result<QString> reason = fields.string(QStringLiteral("reason"), false);
    if (!reason)
        return reason.error();
    // Shown as is in the window: one line, bounded, nothing that hides text.
    if (reason->size() > MaxReasonLength || TextRules::containsControlCharacters(*reason))
        return fields.error(QStringLiteral("reason"),
                            QStringLiteral("is too long or has control characters"));
    status.reason = *reason;

    for (const auto &[name, target] : { std::pair { QStringLiteral("replaces"), &status.replaces },
                                        std::pair { QStringLiteral("replaced_by"), &status.replacedBy } }) {
        const Result<QString> other = fields.string(name, false);
        if (!other)
            return other.error();
        if (other->size() > 128 || TextRules::containsControlCharacters(*other))
            return fields.error(name, QStringLiteral("is not a request id"));
        *target = *other;
    }

    const Result<std::optional<QJsonObject>> tunnel
        = fields.object(QStringLiteral("config"), status.state == RegistrationState::Approved);
    if (!tunnel)
        return tunnel.error();
    if (status.state == RegistrationState::Approved) {
        const Result<TunnelParameters> parameters = TunnelParameters::fromJson(**tunnel);
        if (!parameters)
            return parameters.error();
        status.tunnel = *parameters;
    }
    return status;
}

QJsonObject RegistrationStatus::toJson() const
{
    QJsonObject object {
        { QStringLiteral("id"), id },
        { QStringLiteral("status"), registrationStateName(state) },
    };
    if (!reason.isEmpty())
        object.insert(QStringLiteral("reason"), reason);
    if (state == RegistrationState::Approved)
        object.insert(QStringLiteral("config"), tunnel.toJson());
    if (!replaces.isEmpty())
        object.insert(QStringLiteral("replaces"), replaces);
    if (!replacedBy.isEmpty())
        object.insert(QStringLiteral("replaced_by"), replacedBy);
    return object;
}

} // namespace fvpn
