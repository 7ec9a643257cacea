#pragma once

#include "HubOptions.h"
#include "Result.h"

#include <QStringList>

namespace fvpn {

// The hub's command line, compatible with upstream factory-wireguard.py:
//   factory-vpn-hub [-t TOKEN | -a OAUTHCREDS] -f FACTORY [-n IFNAME] -k PRIVKEY [--no-sysctl]
//                   daemon [--interval 300] | enable [--endpoint E] [--port P] [--vpnaddr A]
//                   | enable_run ... | update_endpoint --endpoint E [--port P]
// Options are accepted before or after the sub-command. Pure: nothing is read or
// checked on disk here.
class HubCommandLine
{
public:
    enum class Action
    {
        Run,
        ShowHelp,
        ShowVersion
    };

    struct Parsed
    {
        Action action = Action::Run;
        HubOptions options;
    };

    // `arguments` excludes the program name. Errors are InvalidInput with a message
    // meant for the terminal; the caller exits with ExitUsage.
    static Result<Parsed> parse(const QStringList &arguments);
    static QString helpText();

    static constexpr int ExitUsage = 2;
    static constexpr int MaxInterfaceNameLength = 15;
};

} // namespace fvpn
