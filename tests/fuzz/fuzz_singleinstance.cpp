// The line a second start of the app sends to the running one (a local socket
// any process of the user can write to): no crash; what is accepted is exactly
// what encode() would send.
#include "FuzzCheck.h"
#include "SingleInstance.h"

using namespace fvpn;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray line = fuzz::bytes(data, size);
    const Result<SingleInstance::Request> request = SingleInstance::Request::decode(line);
    if (!request)
        return 0;
    const QByteArray encoded = request->encode();
    const Result<SingleInstance::Request> again = SingleInstance::Request::decode(encoded);
    FUZZ_CHECK(again.ok() && *again == *request, "an accepted request does not survive encode/decode");
    return 0;
}
