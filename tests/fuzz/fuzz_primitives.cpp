// The small parsers every file and body goes through: keys, addresses, networks,
// endpoints, interface addresses, listen addresses. The first byte picks one. No
// crash, and what is accepted is written in a form that reads back the same.
#include "Endpoint.h"
#include "FuzzCheck.h"
#include "HubApiOptions.h"
#include "InterfaceAddress.h"
#include "IpAddress.h"
#include "IpNetwork.h"
#include "PublicKey.h"

using namespace fvpn;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const QString text = QString::fromUtf8(fuzz::bytes(data + 1, size - 1));
    switch (data[0] % 6) {
    case 0:
        if (const auto key = PublicKey::fromBase64(text)) {
            FUZZ_CHECK(PublicKey::fromBase64(key->toBase64()).valueOr(PublicKey()) == *key, "key round trip");
            FUZZ_CHECK(key->toBase64() == text, "a key accepted in another spelling than its own");
        }
        break;
    case 1:
        if (const auto address = IpAddress::parse(text))
            FUZZ_CHECK(IpAddress::parse(address->toString()).valueOr(IpAddress()) == *address,
                       "address round trip");
        break;
    case 2:
        if (const auto network = IpNetwork::parse(text, data[0] & 0x80))
            FUZZ_CHECK(IpNetwork::parse(network->toString()).valueOr(IpNetwork()) == *network,
                       "network round trip");
        break;
    case 3:
        if (const auto endpoint = Endpoint::parse(text))
            FUZZ_CHECK(Endpoint::parse(endpoint->toString()).valueOr(Endpoint()) == *endpoint,
                       "endpoint round trip");
        break;
    case 4:
        if (const auto address = InterfaceAddress::parse(text))
            FUZZ_CHECK(InterfaceAddress::parse(address->toString()).valueOr(InterfaceAddress()) == *address,
                       "interface address round trip");
        break;
    default:
        if (const auto listen = ListenAddress::parse(text))
            FUZZ_CHECK(ListenAddress::parse(listen->toString()).ok(), "listen address round trip");
        break;
    }
    return 0;
}
