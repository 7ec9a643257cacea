#include "CtlAccessCommands.h"

#include "CtlJson.h"
#include "CtlTables.h"

#include <QDateTime>

using namespace Qt::StringLiterals;

namespace fvpn {

CtlAccessCommands::CtlAccessCommands(AdminClient *client, QIODevice *out, QIODevice *err,
                                     const QString &tokenId)
    : CtlCommandBase(client, out, err)
    , m_tokenId(tokenId)
{ }

std::optional<int> CtlAccessCommands::run(const CtlOptions &options)
{
    m_options = options;
    const QString &c = options.command;
    if (c == u"enrollment")
        return enrollment();
    if (c == u"invites")
        return invites();
    if (c == u"invite create")
        return inviteCreate();
    if (c == u"invite revoke")
        return inviteRevoke();
    if (c == u"tokens")
        return tokens();
    if (c == u"token revoke")
        return tokenRevoke();
    return std::nullopt;
}

int CtlAccessCommands::enrollment()
{
    const auto info
        = wait<EnrollmentInfo>([this](QObject *context, auto done) { m_client->enrollment(context, done); });
    if (!info)
        return fail(info.error());
    if (m_options.json) {
        printJson(CtlJson::enrollment(*info));
        return Ok;
    }
    // Without a link the first line would be something else; a script taking it must not pass that on.
    if (info->link.isEmpty()) {
        printError(u"the hub has no enrollment link: it knows no public URL with a certificate to pin "
                   "(start factory-vpn-hub with --public-url https://HOST:PORT)"_s);
        return Failed;
    }
    print(CtlTables::enrollment(*info));
    return Ok;
}

int CtlAccessCommands::invites()
{
    const auto list
        = wait<QList<InviteInfo>>([this](QObject *context, auto done) { m_client->invites(context, done); });
    if (!list)
        return fail(list.error());
    if (m_options.json)
        printJson(CtlJson::invites(*list));
    else
        print(CtlTables::invites(*list));
    return Ok;
}

int CtlAccessCommands::inviteCreate()
{
    const auto created = wait<CreatedInvite>(
        [this](QObject *context, auto done) { m_client->createInvite(m_options.invite, context, done); });
    if (!created)
        return fail(created.error());
    if (m_options.json)
        printJson(CtlJson::createdInvite(*created));
    else
        print(CtlTables::createdInvite(*created));
    return Ok;
}

int CtlAccessCommands::inviteRevoke()
{
    const QString id = m_options.arguments.constFirst();
    const auto revoked
        = wait<InviteInfo>([&](QObject *context, auto done) { m_client->revokeInvite(id, context, done); });
    if (!revoked)
        return failRevoke(revoked.error(), u"invite"_s, id);
    if (m_options.json)
        printJson(CtlJson::invite(*revoked));
    else
        print(u"revoked invite %1 (%2 used, note: %3); its link no longer registers anyone\n"_s.arg(
            revoked->id, u"%1/%2"_s.arg(revoked->uses).arg(revoked->maxUses),
            revoked->note.isEmpty() ? u"-"_s : revoked->note));
    return Ok;
}

int CtlAccessCommands::tokens()
{
    const auto list = wait<QList<AdminTokenInfo>>(
        [this](QObject *context, auto done) { m_client->tokens(context, done); });
    if (!list)
        return fail(list.error());
    if (m_options.json)
        printJson(CtlJson::tokens(*list));
    else
        print(CtlTables::tokens(*list, QDateTime::currentDateTimeUtc()));
    return Ok;
}

int CtlAccessCommands::tokenRevoke()
{
    const QString id = m_options.arguments.constFirst();
    const auto revoked = wait<AdminTokenInfo>(
        [&](QObject *context, auto done) { m_client->revokeToken(id, context, done); });
    if (!revoked)
        return failRevoke(revoked.error(), u"token"_s, id);
    if (m_options.json)
        printJson(CtlJson::token(*revoked));
    else
        print(u"revoked token %1 (%2); the hub refuses it from now on\n"_s.arg(revoked->id, revoked->name));
    // On stderr, so that --json output stays one JSON document.
    if (revoked->id == m_tokenId)
        printError(u"warning: that was the token this command ran with; further commands with it are "
                   "refused (make a new one on the hub: factory-vpn-hub token create --name NAME)"_s);
    return Ok;
}

int CtlAccessCommands::failRevoke(const Error &error, const QString &what, const QString &id)
{
    if (error.code == ErrorCode::NotFound) {
        printError(u"not found: the hub has no %1 %2 (`factory-vpn-ctl %1s` lists them)"_s.arg(what, id));
        return Failed;
    }
    if (error.code == ErrorCode::Conflict) {
        printError(u"conflict: %1 %2 was already revoked; nothing changed"_s.arg(what, id));
        return Failed;
    }
    return fail(error);
}

} // namespace fvpn
