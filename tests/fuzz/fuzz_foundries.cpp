// The FoundriesFactory API's answers as the hub reads them (the API is another
// party; tests/lab stands in for it): the device list, the factory config with its
// wireguard-server file, and error bodies. The first byte picks which. No crash;
// an accepted device list holds only devices that can safely be peers, and the
// hub's incremental parser reads it exactly as the whole-document parse does.
#include "DeviceInventory.h"
#include "FactoryConfig.h"
#include "FuzzCheck.h"
#include "InventoryParser.h"
#include "TextRules.h"

#include <QSet>

using namespace fvpn;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const QByteArray json = fuzz::bytes(data + 1, size - 1);
    switch (data[0] % 3) {
    case 0: {
        static const DeviceInventory::Rules rules { IpNetwork::parse(u"10.42.42.0/24").value(),
                                                    IpAddress::parse(u"10.42.42.1").value() };
        const Result<DeviceInventory> inventory = DeviceInventory::parse(json, rules);
        // The hub reads the list with InventoryParser (a scanner for plain
        // entries, StrictJson for the rest): it must say exactly the same.
        InventoryParser parser(rules);
        const Result<DeviceInventory> scanned = parser.parse(json);
        FUZZ_CHECK(scanned.ok() == inventory.ok(), "the two parsers disagree on accepting the list");
        if (!inventory) {
            FUZZ_CHECK(scanned.error().message == inventory.error().message,
                       "the two parsers' errors differ");
            return 0;
        }
        FUZZ_CHECK(scanned->devices() == inventory->devices() && scanned->skipped() == inventory->skipped()
                       && scanned->disabledCount() == inventory->disabledCount(),
                   "the two parsers read the list differently");
        QSet<PublicKey> keys;
        QSet<IpAddress> addresses;
        for (const InventoryDevice &d : inventory->devices()) {
            FUZZ_CHECK(!d.name.isEmpty() && !TextRules::containsControlCharacters(d.name),
                       "a bad device name");
            FUZZ_CHECK(rules.subnet.contains(d.address) && d.address != rules.hubAddress,
                       "a device address outside the rules");
            FUZZ_CHECK(!keys.contains(d.publicKey) && !addresses.contains(d.address), "a device twice");
            keys.insert(d.publicKey);
            addresses.insert(d.address);
        }
        for (const SkippedPeer &s : inventory->skipped())
            FUZZ_CHECK(!TextRules::containsControlCharacters(s.toString()),
                       "a control character in a message");
        break;
    }
    case 1: {
        const Result<QString> file = FactoryConfig::serverFileFromJson(json);
        const Result<WireguardServerConfig> config = FactoryConfig::serverConfigFromJson(json);
        FUZZ_CHECK(!config.ok() || file.ok(), "a config without its file");
        if (file)
            FUZZ_CHECK(FactoryConfig::parseServerFile(*file).ok() == config.ok(),
                       "the two readings disagree");
        break;
    }
    default: {
        const QString message = FactoryConfig::describeHttpError(int(size), json);
        FUZZ_CHECK(!TextRules::containsControlCharacters(message), "a control character in an error line");
        break;
    }
    }
    return 0;
}
