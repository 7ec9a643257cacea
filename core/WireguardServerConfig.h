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

    static Result<WireguardServerConfig> parse(QStringView text);
    QString toText() const; // upstream's layout; enabled=0 only when disabled
};

} // namespace fvpn
