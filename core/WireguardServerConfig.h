#pragma once

#include "Endpoint.h"
#include "IpAddress.h"
#include "PublicKey.h"
#include "Result.h"

#include <QString>

#include <optional>

namespace fvpn {

// The factory config file `wireguard-server` that a FoundriesFactory publishes to
// its devices: key=value lines (trimmed), keys endpoint, server_address, pubkey and
// enabled (present only as enabled=0). Unknown keys are an error: fioctl rejects
// them too.
struct WireguardServerConfig
{
    std::optional<Endpoint> endpoint;
    std::optional<IpAddress> serverAddress;
    std::optional<PublicKey> publicKey;
    bool enabled = true;

    // Every problem is reported with its line number. Keys are case-sensitive, as
    // upstream reads them; blank lines are skipped; a line without '=' (a '#'
    // comment, say) is an error because upstream's own parser stops on it.
    static Result<WireguardServerConfig> parse(QStringView text);
    // Upstream's layout: endpoint, server_address, pubkey (those that are set), then
    // enabled=0 only when disabled; lines joined by '\n' with no trailing newline.
    QString toText() const;

    friend bool operator==(const WireguardServerConfig &, const WireguardServerConfig &) = default;
};

} // namespace fvpn
