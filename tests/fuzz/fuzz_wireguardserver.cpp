// The factory config file `wireguard-server` (from the Foundries API, and the
// hub's cache of it): no crash; an accepted file written in upstream's layout reads
// back the same, and replacing only its endpoint keeps every other line.
#include "Endpoint.h"
#include "FactoryConfig.h"
#include "FuzzCheck.h"
#include "WireguardServerConfig.h"

using namespace fvpn;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString text = QString::fromUtf8(fuzz::bytes(data, size));
    const Result<WireguardServerConfig> config = WireguardServerConfig::parse(text);
    if (!config)
        return 0;
    const Result<WireguardServerConfig> again = WireguardServerConfig::parse(config->toText());
    FUZZ_CHECK(again.ok() && *again == *config, "the written file reads differently");
    // update_endpoint: the new endpoint, everything else as it was.
    const Endpoint moved = Endpoint::parse(u"vpn.example.com:51999").value();
    const Result<WireguardServerConfig> updated
        = WireguardServerConfig::parse(FactoryConfig::withEndpoint(text, moved));
    FUZZ_CHECK(updated.ok(), "the file with a new endpoint does not parse");
    FUZZ_CHECK(updated->endpoint == moved, "the endpoint was not replaced");
    FUZZ_CHECK(updated->serverAddress == config->serverAddress && updated->publicKey == config->publicKey
                   && updated->enabled == config->enabled,
               "replacing the endpoint changed another value");
    return 0;
}
