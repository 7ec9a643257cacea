#include "RequestBodies.h"

#include "TextRules.h"

namespace fvpn {

namespace RequestBodies {

namespace {

Error fieldError(const char *field, const QString &message)
{
    return makeError(ErrorCode::InvalidInput,
                     QStringLiteral("'%1': %2").arg(QLatin1StringView(field), message));
}

} // namespace

QSet<QString> registrationFields()
{
    // private_key is known only to be refused with a clear word.
    return { QStringLiteral("public_key"), QStringLiteral("name"),   QStringLiteral("hostname"),
             QStringLiteral("os"),         QStringLiteral("invite"), QStringLiteral("replaces"),
             QStringLiteral("private_key") };
}

Result<Registration> registration(const JsonBody &body)
{
    if (body.has(QStringLiteral("private_key"))) {
        return makeError(
            ErrorCode::InvalidInput,
            QStringLiteral("never send a private key; it must stay on your device. Send only 'public_key'"));
    }
    Registration out;
    NewRegistration &r = out.registration;
    auto key = body.string(QStringLiteral("public_key"), 100);
    if (!key)
        return key.error();
    auto parsedKey = PublicKey::fromBase64(key.value());
    if (!parsedKey)
        return fieldError("public_key", parsedKey.error().message);
    r.publicKey = parsedKey.value();

    auto name = body.string(QStringLiteral("name"), 200);
    if (!name)
        return name.error();
    if (auto checked = TextRules::checkDisplayName(name.value()); !checked)
        return fieldError("name", checked.error().message);
    r.name = name.value();

    auto hostname = body.string(QStringLiteral("hostname"), 300);
    if (!hostname)
        return hostname.error();
    if (auto checked = TextRules::checkHostName(hostname.value()); !checked)
        return fieldError("hostname", checked.error().message);
    r.hostname = hostname.value();

    auto os = body.string(QStringLiteral("os"), 200);
    if (!os)
        return os.error();
    if (auto checked = TextRules::checkDisplayName(os.value(), 100); !checked)
        return fieldError("os", checked.error().message);
    r.os = os.value();

    auto inviteCode = body.optionalString(QStringLiteral("invite"), 200);
    if (!inviteCode)
        return inviteCode.error();
    out.invite = inviteCode->value_or(QString());

    auto replaces = body.optionalString(QStringLiteral("replaces"), 64);
    if (!replaces)
        return replaces.error();
    r.replaces = replaces->value_or(QString());
    if (replaces->has_value() && !RequestStore::isValidId(r.replaces))
        return fieldError("replaces", QStringLiteral("is not a request id (32 hexadecimal digits)"));
    return out;
}

QSet<QString> approveFields()
{
    return { QStringLiteral("address") };
}

Result<std::optional<IpAddress>> approve(const JsonBody &body)
{
    auto addressText = body.optionalString(QStringLiteral("address"), 64);
    if (!addressText)
        return addressText.error();
    if (!addressText->has_value())
        return std::optional<IpAddress>();
    auto parsed = IpAddress::parse(addressText->value());
    if (!parsed)
        return fieldError("address", parsed.error().message);
    return std::optional<IpAddress>(parsed.value());
}

QSet<QString> rejectFields()
{
    return { QStringLiteral("reason") };
}

Result<QString> reject(const JsonBody &body)
{
    auto reason = body.string(QStringLiteral("reason"), 600);
    if (!reason)
        return reason.error();
    if (auto ok = TextRules::checkDisplayName(reason.value(), 500); !ok)
        return fieldError("reason", ok.error().message);
    return reason.value();
}

QSet<QString> settingsFields()
{
    return { QStringLiteral("device_to_device") };
}

Result<bool> settings(const JsonBody &body)
{
    return body.boolean(QStringLiteral("device_to_device"));
}

QSet<QString> inviteFields()
{
    return { QStringLiteral("note"), QStringLiteral("max_uses"), QStringLiteral("valid_for_hours"),
             QStringLiteral("pre_approved") };
}

Result<NewInvite> invite(const JsonBody &body)
{
    auto note = body.optionalString(QStringLiteral("note"), 300);
    auto uses = body.optionalInteger(QStringLiteral("max_uses"), 1, InviteStore::MaxUses);
    auto hours = body.optionalInteger(QStringLiteral("valid_for_hours"), 0, 10 * 365 * 24);
    auto preApproved = body.optionalBool(QStringLiteral("pre_approved"));
    for (const Error *e :
         { note ? nullptr : &note.error(), uses ? nullptr : &uses.error(), hours ? nullptr : &hours.error(),
           preApproved ? nullptr : &preApproved.error() }) {
        if (e)
            return *e;
    }
    NewInvite out;
    out.note = note->value_or(QString());
    out.maxUses = int(uses->value_or(1));
    out.validForSecs = hours->value_or(7 * 24) * 3600;
    out.preApproved = preApproved->value_or(false);
    return out;
}

} // namespace RequestBodies

} // namespace fvpn
