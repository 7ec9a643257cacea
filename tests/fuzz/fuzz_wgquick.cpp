// wg-quick configs: what the app imports and exports. No crash; an accepted
// config written out (with its private key) reads back the same.
#include "FuzzCheck.h"
#include "WgQuickConfig.h"

using namespace fvpn;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString text = QString::fromUtf8(fuzz::bytes(data, size));
    const Result<WgQuickConfig> config = WgQuickConfig::parse(text);
    if (!config) {
        for (const LineError &e : config.error().lineErrors)
            FUZZ_CHECK(e.line >= 1 && !e.message.isEmpty(), "a line error without line or message");
        return 0;
    }
    const Result<QString> written = config->toText(true);
    if (!written)
        return 0; // a preshared key, or text that cannot be written back safely
    const Result<WgQuickConfig> again = WgQuickConfig::parse(*written);
    FUZZ_CHECK(again.ok(),
               QStringLiteral("the written config does not parse: ")
                   + (again ? QString() : again.error().toString()));
    const Result<QString> twice = again->toText(true);
    FUZZ_CHECK(twice.ok() && *twice == *written, "writing is not stable");
    return 0;
}
