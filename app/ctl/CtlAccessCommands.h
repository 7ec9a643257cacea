#pragma once

#include "CtlCommandBase.h"

namespace fvpn {

// The commands about who may get onto the hub and who may run it: the plain
// enrollment link, invites (created, listed, revoked) and admin tokens (listed,
// revoked). Token secrets are never printed: the hub does not list them, and
// the token in use is known here only by its id.
class CtlAccessCommands : public CtlCommandBase
{
public:
    // `tokenId`: the id part of the token this ctl authenticates with, or empty.
    CtlAccessCommands(AdminClient *client, QIODevice *out, QIODevice *err, const QString &tokenId);

    // The exit code, or nullopt when the command is not one of these.
    std::optional<int> run(const CtlOptions &options);

private:
    int enrollment();
    int invites();
    int inviteCreate();
    int inviteRevoke();
    int tokens();
    int tokenRevoke();

    // Says "not found" and "already revoked" in the words of this command line.
    int failRevoke(const Error &error, const QString &what, const QString &id);

    QString m_tokenId;
};

} // namespace fvpn
