// `wg show IF dump`: what the hub and the app read from the tool. No crash, and
// the input (which holds the private key) is wiped whatever the outcome.
#include "FuzzCheck.h"
#include "WgDump.h"

using namespace fvpn;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    QByteArray output = fuzz::bytes(data, size);
    const Result<WgDump> dump = WgDump::parse(output);
    FUZZ_CHECK(output.count('\0') == output.size(), "the dump was not wiped");
    if (dump) {
        for (const WgDumpPeer &peer : dump->peers)
            FUZZ_CHECK(dump->findPeer(peer.publicKey).has_value(), "a peer cannot be found by its key");
    }
    return 0;
}
