// The hub's answers as the engineer's app and the admin side (app and ctl) read
// them: strict JSON, then the reader of one endpoint, picked by the first byte.
// No crash, and what the app reads of a registration survives its own cache
// (toJson / fromJson, as it is kept in the settings).
#include "AccessJson.h"
#include "AdminJson.h"
#include "FuzzCheck.h"
#include "RegistrationStatus.h"
#include "StrictJson.h"

using namespace fvpn;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const Result<QJsonObject> answer = StrictJson::parseObject(fuzz::bytes(data + 1, size - 1));
    if (!answer)
        return 0;
    switch (data[0] % 15) {
    case 0:
        if (const Result<RegistrationStatus> status = RegistrationStatus::fromJson(*answer)) {
            const Result<RegistrationStatus> cached = RegistrationStatus::fromJson(status->toJson());
            FUZZ_CHECK(cached.ok() && *cached == *status, "a registration changes in the app's cache");
        }
        break;
    case 1:
        (void)AdminJson::devices(*answer);
        break;
    case 2:
        (void)AdminJson::clients(*answer);
        break;
    case 3:
        (void)AdminJson::requests(*answer);
        break;
    case 4:
        (void)AdminJson::request(*answer);
        break;
    case 5:
        (void)AdminJson::auditPage(*answer);
        break;
    case 6:
        (void)AdminJson::settings(*answer);
        break;
    case 7:
        (void)AdminJson::pool(*answer);
        break;
    case 8:
        (void)AdminJson::etag(*answer);
        break;
    case 9:
        (void)AccessJson::invites(*answer);
        break;
    case 10:
        (void)AccessJson::invite(*answer);
        break;
    case 11:
        (void)AccessJson::createdInvite(*answer);
        break;
    case 12:
        (void)AccessJson::enrollment(*answer);
        break;
    case 13:
        (void)AccessJson::tokens(*answer);
        break;
    default:
        (void)AccessJson::token(*answer);
        break;
    }
    return 0;
}
