// Enrollment links: the hub writes them (EnrollmentLink), the app reads them
// (HubLink) from a paste or a factory-vpn:// click. Two parsers of one format must
// agree: an https link the hub's parser accepts reads the same in the app. Each
// also reads back what it writes.
#include "EnrollmentLink.h"
#include "FuzzCheck.h"
#include "HubLink.h"

using namespace fvpn;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString text = QString::fromUtf8(fuzz::bytes(data, size));
    const Result<HubLink> app = HubLink::parse(text);
    if (app) {
        const Result<HubLink> again = HubLink::parse(app->toString());
        FUZZ_CHECK(again.ok(), QStringLiteral("the app cannot read the link it writes: ") + app->toString());
        FUZZ_CHECK(again->hubUrl() == app->hubUrl() && again->fingerprint() == app->fingerprint()
                       && again->inviteCode() == app->inviteCode(),
                   "the app's link changes in a round trip");
    }
    const Result<EnrollmentLink> hub = EnrollmentLink::parse(text);
    if (hub) {
        const Result<EnrollmentLink> again = EnrollmentLink::parse(hub->toString());
        FUZZ_CHECK(again.ok() && again->hubUrl == hub->hubUrl && again->fingerprint == hub->fingerprint
                       && again->invite == hub->invite,
                   QStringLiteral("the hub's link changes in a round trip: ") + hub->toString());
        if (hub->hubUrl.scheme() == u"https" && hub->validate().ok()) {
            const Result<HubLink> read = HubLink::parse(hub->toString());
            FUZZ_CHECK(read.ok(),
                       QStringLiteral("the app refuses a link the hub writes: ") + hub->toString()
                           + QStringLiteral(" — ") + (read ? QString() : read.error().message));
            FUZZ_CHECK(read->hubUrl() == hub->hubUrl
                           && QString(QStringLiteral("sha256:") + read->fingerprint()) == hub->fingerprint
                           && read->inviteCode() == hub->invite,
                       QStringLiteral("the app reads the hub's link differently: ") + hub->toString());
        }
    }
    return 0;
}
