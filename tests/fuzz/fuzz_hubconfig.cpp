// /etc/factory-vpn/hub.conf as factory-vpn-hub reads it: no crash; an accepted
// file yields only known keys, each with its line, and reads the same when given
// again; a refused one says which lines and why.
#include "FuzzCheck.h"
#include "HubConfigFile.h"

using namespace fvpn;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input = fuzz::bytes(data, size);
    const Result<QList<HubConfigFile::Entry>> parsed = HubConfigFile::parse(input);
    if (!parsed) {
        FUZZ_CHECK(!parsed.error().message.isEmpty(), "a refusal without a message");
        for (const LineError &e : parsed.error().lineErrors)
            FUZZ_CHECK(e.line >= 1 && !e.message.isEmpty(), "a line error without line or message");
        return 0;
    }
    const qsizetype lines = input.count('\n') + 1;
    int previous = 0;
    for (const HubConfigFile::Entry &entry : *parsed) {
        const HubConfigFile::Key *key = HubConfigFile::findKey(entry.key);
        FUZZ_CHECK(key, "an entry with a key the hub does not know");
        FUZZ_CHECK(entry.line >= 1 && entry.line <= lines, "an entry outside the file");
        FUZZ_CHECK(entry.line > previous, "entries out of order or two on one line");
        previous = entry.line;
        if (key->kind == HubConfigFile::Kind::Flag)
            FUZZ_CHECK(entry.value == u"true" || entry.value == u"false",
                       "a flag that is neither true nor false");
        for (QChar c : entry.value)
            FUZZ_CHECK(c != u'\n' && c != u'\r' && c != u'\0', "a line break or NUL in a value");
    }
    const Result<QList<HubConfigFile::Entry>> again = HubConfigFile::parse(input);
    FUZZ_CHECK(again.ok() && *again == *parsed, "the same file read twice gives two answers");
    return 0;
}
