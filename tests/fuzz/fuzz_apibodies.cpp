// Every JSON request body the hub API accepts, read as its route reads it
// (JsonBody + RequestBodies): the first byte picks the route, the rest is the
// body. No crash; a body JsonBody accepts is strict JSON, one object, with only
// the route's fields.
#include "FuzzCheck.h"
#include "JsonBody.h"
#include "RequestBodies.h"
#include "StrictJson.h"

using namespace fvpn;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const QByteArray body = fuzz::bytes(data + 1, size - 1);
    const int route = data[0] % 5;
    const QSet<QString> fields = route == 0 ? RequestBodies::registrationFields()
        : route == 1                        ? RequestBodies::approveFields()
        : route == 2                        ? RequestBodies::rejectFields()
        : route == 3                        ? RequestBodies::settingsFields()
                                            : RequestBodies::inviteFields();
    const Result<JsonBody> parsed = JsonBody::parse(body, fields);
    if (!parsed) {
        FUZZ_CHECK(parsed.error().code == ErrorCode::InvalidInput, "a body refused with another code");
        FUZZ_CHECK(!parsed.error().message.contains(u'\n'), "a message with a line break");
        return 0;
    }
    const Result<QJsonObject> strict = StrictJson::parseObject(body);
    FUZZ_CHECK(strict.ok(), "JsonBody accepted what StrictJson refuses");
    for (auto it = strict->begin(); it != strict->end(); ++it)
        FUZZ_CHECK(fields.contains(it.key()), QStringLiteral("an unknown field got through: ") + it.key());

    switch (route) {
    case 0:
        if (auto r = RequestBodies::registration(*parsed)) {
            FUZZ_CHECK(!r->registration.publicKey.isNull(), "a registration without a key");
            FUZZ_CHECK(!r->registration.name.isEmpty(), "a registration without a name");
        }
        break;
    case 1:
        if (auto a = RequestBodies::approve(*parsed); a && a->has_value())
            FUZZ_CHECK(!a->value().isNull(), "an approval with a null address");
        break;
    case 2:
        if (auto r = RequestBodies::reject(*parsed))
            FUZZ_CHECK(!r->isEmpty(), "a rejection without a reason");
        break;
    case 3:
        (void)RequestBodies::settings(*parsed);
        break;
    default:
        if (auto i = RequestBodies::invite(*parsed)) {
            FUZZ_CHECK(i->maxUses >= 1 && i->validForSecs >= 0, "an invite out of range");
        }
        break;
    }
    return 0;
}
