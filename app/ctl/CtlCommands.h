#pragma once

#include "CtlCommandBase.h"

namespace fvpn {

// Runs one checked factory-vpn-ctl command against the hub's admin API and prints
// the outcome: the peers, requests, settings and the clients file here, the
// invites, enrollment link and tokens through CtlAccessCommands.
class CtlCommands : public CtlCommandBase
{
public:
    CtlCommands(AdminClient *client, QIODevice *out, QIODevice *err);

    // The id part of the token in use (CtlOptions::tokenId), so that revoking it can say so.
    void setTokenId(const QString &id) { m_tokenId = id; }
    int run(const CtlOptions &options);

private:
    int devices();
    int clients();
    int requests();
    int approve();
    int reject();
    int revoke();
    int settings();
    int deviceToDevice();
    int pool();
    int audit();
    int clientsFileGet();
    int clientsFilePut();

    QString m_tokenId;
};

} // namespace fvpn
