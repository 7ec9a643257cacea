#pragma once

#include "HubApiOptions.h"
#include "HubConfigFile.h"
#include "HubOptions.h"

#include <QTextStream>

namespace fvpn::ConfigCheck {

// `factory-vpn-hub --check-config`: prints every setting the hub would use, with
// where it came from (hub.conf line, command line, default), then reads what the
// settings only name (the private key, the token file, the OAuth credentials)
// the way the daemon would. Exit code 0 when the hub could start with it, 1 when not.
int run(const HubConfigFile::Merged &merged, const HubOptions &options, const HubApiOptions &api,
        QTextStream &out, QTextStream &err);

} // namespace fvpn::ConfigCheck
