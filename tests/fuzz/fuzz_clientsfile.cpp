// factory-clients.conf, as the hub reads it from disk and from PUT /clients-file:
// no crash, and what is accepted comes back line for line (the file is edited in
// place through the app, so a round trip must keep every byte it does not change).
#include "ClientsFile.h"
#include "FuzzCheck.h"

using namespace fvpn;

namespace {

ClientsFile::ParseOptions hubRules()
{
    ClientsFile::ParseOptions rules;
    rules.subnet = IpNetwork::parse(u"10.42.42.0/24").value();
    rules.hubAddress = IpAddress::parse(u"10.42.42.1").value();
    rules.hubKey = PublicKey::fromBase64(u"xN+d5uIiVCB6KCu5rUco5RyeXmvRoPTMqqW6IN/GVlg=").value();
    rules.deviceKeys.insert(PublicKey::fromBase64(u"nNwxDUYGZ9sJg0RPpj4oGunjIvIiNl6y5N+vlyFE+QY=").value(),
                            QStringLiteral("press-07"));
    rules.deviceAddresses.insert(IpAddress::parse(u"10.42.42.200").value(), QStringLiteral("press-07"));
    return rules;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const ClientsFile::ParseOptions rules = hubRules();
    const QByteArray input = fuzz::bytes(data, size);
    for (const ClientsFile::ParseOptions &options : { rules, ClientsFile::ParseOptions {} }) {
        const Result<ClientsFile> file = ClientsFile::parseUtf8(input, options);
        if (!file) {
            FUZZ_CHECK(!file.error().message.isEmpty(), "an error without a message");
            for (const LineError &e : file.error().lineErrors)
                FUZZ_CHECK(e.line >= 1 && !e.message.isEmpty(), "a line error without line or message");
            continue;
        }
        // Byte for byte, except a leading byte order mark (dropped) and a missing
        // final newline (added).
        QByteArray expected = input.startsWith("\xEF\xBB\xBF") ? input.mid(3) : input;
        const QByteArray written = file->toText().toUtf8();
        if (!expected.isEmpty() && !expected.endsWith('\n'))
            expected += file->lines().constLast().crlf ? "\r\n" : "\n";
        FUZZ_CHECK(written == expected, "the round trip changed the file");
        const Result<ClientsFile> again = ClientsFile::parseUtf8(written, options);
        FUZZ_CHECK(again.ok() && again->peers() == file->peers(), "the written file reads differently");
        // The decoded text reads the same as the bytes.
        const Result<ClientsFile> fromText = ClientsFile::parse(QString::fromUtf8(input), options);
        FUZZ_CHECK(fromText.ok() && fromText->peers() == file->peers(), "parse and parseUtf8 disagree");
        // Every peer line can be written again on its own.
        for (const ClientPeer &peer : file->peers())
            FUZZ_CHECK(ClientsFile::formatPeerLine(peer).ok(), "an accepted peer cannot be formatted");
    }
    return 0;
}
