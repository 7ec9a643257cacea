#include "ClientsFile.h"
#include "TextRules.h"
#include "WgTestTools.h"

#include <QtTest>

using namespace fvpn;

Q_DECLARE_METATYPE(fvpn::ErrorCode)

namespace {

ClientsFile::ParseOptions hubOptions()
{
    ClientsFile::ParseOptions options;
    options.subnet = IpNetwork::parse(QStringLiteral("10.42.42.0/24")).value();
    options.hubAddress = IpAddress::parse(QStringLiteral("10.42.42.1")).value();
    return options;
}

IpAddress ip(const QString &text)
{
    return IpAddress::parse(text).value();
}

QString describe(const Error &error)
{
    return error.toString();
}

} // namespace

class TestClientsFile : public QObject
{
    Q_OBJECT

private:
    QStringList m_keys; // base64 public keys from `wg`

    PublicKey key(int index) const { return PublicKey::fromBase64(m_keys.at(index)).value(); }

    // "%K0".."%K9" in a template stand for the generated keys, "%URLSAFE" for the
    // first one in the URL-safe base64 alphabet that wg does not use.
    QString expand(QString text) const
    {
        QString urlSafe = m_keys.value(0);
        if (!urlSafe.isEmpty()) {
            urlSafe[0] = u'-';
            urlSafe[5] = u'_';
        }
        text.replace(QStringLiteral("%URLSAFE"), urlSafe);
        for (int i = int(m_keys.size()) - 1; i >= 0; --i)
            text.replace(QStringLiteral("%K%1").arg(i), m_keys.at(i));
        return text;
    }

    ClientsFile parsed(const QString &text, const ClientsFile::ParseOptions &options = hubOptions()) const
    {
        const Result<ClientsFile> file = ClientsFile::parse(text, options);
        if (!file)
            qFatal("unexpected parse error: %s", qPrintable(file.error().toString()));
        return file.value();
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (!test::hasWgTool())
            QSKIP("the wg tool (wireguard-tools) is needed to make real keys");
        m_keys = test::generatePublicKeys(8);
        for (const QString &k : std::as_const(m_keys))
            QVERIFY2(PublicKey::fromBase64(k).ok(), qPrintable(k));
    }

    void parsesPeersCommentsAndBlankLines()
    {
        const QString text = expand(QStringLiteral("# Factory VPN client peers\n"
                                                   "\n"
                                                   "%K0 10.42.42.10 alice laptop\n"
                                                   "%K1\t10.42.42.11\t# bob-desktop\n"
                                                   "   # indented comment\n"
                                                   "%K2  10.42.42.12/32\n"
                                                   "%K3 10.42.42.13 #\n"
                                                   " \t \n"));
        const ClientsFile file = parsed(text);
        const QList<ClientPeer> peers = file.peers();
        QCOMPARE(peers.size(), 4);
        QCOMPARE(peers[0].publicKey, key(0));
        QCOMPARE(peers[0].address, ip(QStringLiteral("10.42.42.10")));
        QCOMPARE(peers[0].comment, QStringLiteral("alice laptop"));
        QCOMPARE(peers[0].name(), QStringLiteral("alice"));
        QCOMPARE(peers[1].comment, QStringLiteral("bob-desktop"));
        QCOMPARE(peers[1].name(), QStringLiteral("bob-desktop"));
        QCOMPARE(peers[2].address, ip(QStringLiteral("10.42.42.12")));
        QCOMPARE(peers[2].comment, QString());
        QCOMPARE(peers[2].name(), key(2).fingerprint());
        QCOMPARE(peers[3].comment, QString());

        QCOMPARE(file.lines().size(), 8);
        QCOMPARE(file.lines()[0].kind, ClientsFile::Line::Kind::Comment);
        QCOMPARE(file.lines()[1].kind, ClientsFile::Line::Kind::Blank);
        QCOMPARE(file.lines()[4].kind, ClientsFile::Line::Kind::Comment);
        QCOMPARE(file.lines()[7].kind, ClientsFile::Line::Kind::Blank);

        QCOMPARE(file.findByKey(key(1))->address, ip(QStringLiteral("10.42.42.11")));
        QCOMPARE(file.findByAddress(ip(QStringLiteral("10.42.42.13")))->publicKey, key(3));
        QVERIFY(!file.findByKey(key(7)));
        QVERIFY(!file.findByAddress(ip(QStringLiteral("10.42.42.99"))));

        // Unchanged, the text comes back byte for byte.
        QCOMPARE(file.toText(), text);
    }

    void roundTripIsByteExact_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("empty") << QString();
        QTest::newRow("only comments") << QStringLiteral("# a\n#b\n\n");
        QTest::newRow("odd spacing") << QStringLiteral("  %K0 \t 10.42.42.20   #  spaced   out  \t\n");
        QTest::newRow("crlf") << QStringLiteral("# windows\r\n%K0 10.42.42.20 carol\r\n\r\n");
        QTest::newRow("mixed endings") << QStringLiteral("%K0 10.42.42.20\r\n%K1 10.42.42.21\n");
        QTest::newRow("unicode comment") << QStringLiteral("%K0 10.42.42.20 Jürgen 🦊\n");
        QTest::newRow("ipv6 host route") << QStringLiteral("%K0 fd00:42::20/128 v6\n");
    }

    void roundTripIsByteExact()
    {
        QFETCH(QString, text);
        const QString expanded = expand(text);
        const Result<ClientsFile> file = ClientsFile::parse(expanded);
        QVERIFY2(file.ok(), file.ok() ? "" : qPrintable(describe(file.error())));
        QCOMPARE(file->toText(), expanded);
        const Result<ClientsFile> fromBytes = ClientsFile::parseUtf8(expanded.toUtf8());
        QVERIFY(fromBytes.ok());
        QCOMPARE(fromBytes->toText(), expanded);
    }

    void missingFinalNewlineIsAdded()
    {
        const QString text = expand(QStringLiteral("# last line has no newline\n%K0 10.42.42.20 dave"));
        QCOMPARE(parsed(text).toText(), text + u'\n');
        // In a CRLF file the added line end is CRLF too.
        const QString crlf = expand(QStringLiteral("# windows\r\n%K0 10.42.42.20 dave"));
        QCOMPARE(parsed(crlf).toText(), crlf + QStringLiteral("\r\n"));
        const Result<ClientsFile> fromBytes = ClientsFile::parseUtf8(crlf.toUtf8());
        QVERIFY(fromBytes.ok());
        QCOMPARE(fromBytes->toText(), crlf + QStringLiteral("\r\n"));
    }

    void byteOrderMarkIsDropped()
    {
        const QString body = expand(QStringLiteral("%K0 10.42.42.20 erin\n"));
        QCOMPARE(parsed(QStringLiteral("\uFEFF") + body).toText(), body);
        const Result<ClientsFile> file
            = ClientsFile::parseUtf8(QByteArray(QByteArray("\xEF\xBB\xBF") + body.toUtf8()));
        QVERIFY(file.ok());
        QCOMPARE(file->toText(), body);
    }

    void badInput_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("line");
        QTest::addColumn<QString>("messagePart");

        const QString tooLong = QStringLiteral("%K0 10.42.42.20 ") + QString(1000, u'x');
        QTest::newRow("not a key") << QStringLiteral("abc 10.42.42.20") << 1
                                   << QStringLiteral("'abc' is not a valid WireGuard public key");
        QTest::newRow("key too short")
            << QStringLiteral("# c\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA 10.42.42.20") << 2
            << QStringLiteral("not a valid WireGuard public key");
        QTest::newRow("all-zero key")
            << QStringLiteral("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA= 10.42.42.20") << 1
            << QStringLiteral("not a valid WireGuard public key");
        QTest::newRow("url-safe key")
            << QStringLiteral("%URLSAFE 10.42.42.20") << 1 << QStringLiteral("public key");
        QTest::newRow("address first")
            << QStringLiteral("10.42.42.20 %K0") << 1 << QStringLiteral("public key");
        QTest::newRow("only a key") << QStringLiteral("%K0") << 1 << QStringLiteral("has no address");
        QTest::newRow("only a key, trailing space")
            << QStringLiteral("%K0  \t") << 1 << QStringLiteral("has no address");
        QTest::newRow("subnet") << QStringLiteral("%K0 10.42.42.0/24") << 1
                                << QStringLiteral(
                                       "10.42.42.0/24 is a subnet; a client gets exactly one address");
        QTest::newRow("host bits with prefix")
            << QStringLiteral("%K0 10.42.42.20/24") << 1 << QStringLiteral("is a subnet");
        QTest::newRow("/31") << QStringLiteral("%K0 10.42.42.20/31") << 1 << QStringLiteral("is a subnet");
        QTest::newRow("/33") << QStringLiteral("%K0 10.42.42.20/33") << 1
                             << QStringLiteral("'10.42.42.20/33' has an invalid prefix length");
        QTest::newRow("v4 /128") << QStringLiteral("%K0 10.42.42.20/128") << 1
                                 << QStringLiteral("invalid prefix length");
        QTest::newRow("empty prefix")
            << QStringLiteral("%K0 10.42.42.20/") << 1 << QStringLiteral("invalid prefix length");
        QTest::newRow("two slashes") << QStringLiteral("%K0 10.42.42.20/32/32") << 1
                                     << QStringLiteral("invalid prefix length");
        QTest::newRow("octet 256") << QStringLiteral("%K0 10.42.42.256") << 1
                                   << QStringLiteral("'10.42.42.256' is not a valid IPv4 address");
        QTest::newRow("short address") << QStringLiteral("%K0 10.42.42") << 1
                                       << QStringLiteral("'10.42.42' is not a valid IPv4 address");
        QTest::newRow("hostname") << QStringLiteral("%K0 alice.example.com") << 1
                                  << QStringLiteral("not a valid IP address");
        QTest::newRow("outside subnet")
            << QStringLiteral("%K0 10.43.0.5") << 1
            << QStringLiteral("10.43.0.5 is outside the VPN subnet 10.42.42.0/24");
        QTest::newRow("ipv6 in v4 subnet")
            << QStringLiteral("%K0 fd00::5") << 1 << QStringLiteral("outside the VPN subnet");
        QTest::newRow("network address")
            << QStringLiteral("%K0 10.42.42.0") << 1
            << QStringLiteral("10.42.42.0 is the network address of 10.42.42.0/24");
        QTest::newRow("broadcast") << QStringLiteral("%K0 10.42.42.255") << 1
                                   << QStringLiteral(
                                          "10.42.42.255 is the broadcast address of 10.42.42.0/24");
        QTest::newRow("hub address") << QStringLiteral("%K0 10.42.42.1") << 1
                                     << QStringLiteral("10.42.42.1 is the hub's own address");
        QTest::newRow("escape in comment") << QStringLiteral("%K0 10.42.42.20 \x1b[2Jgotcha") << 1
                                           << QStringLiteral("control character U+001B");
        QTest::newRow("bidi in comment")
            << QStringLiteral("%K0 10.42.42.20 \u202Eevil") << 1 << QStringLiteral("U+202E");
        QTest::newRow("NEL in comment")
            << QStringLiteral("%K0 10.42.42.20 a\u0085b") << 1 << QStringLiteral("U+0085");
        QTest::newRow("line separator")
            << QStringLiteral("%K0 10.42.42.20 a\u2028b") << 1 << QStringLiteral("U+2028");
        QTest::newRow("lone CR") << QStringLiteral("%K0 10.42.42.20 a\rb") << 1 << QStringLiteral("U+000D");
        QTest::newRow("control in comment line")
            << QStringLiteral("# ok\n# bad \x07 bell") << 2 << QStringLiteral("U+0007");
        QTest::newRow("NUL") << QString(QStringLiteral("%K0 10.42.42.20 a") + QChar(0)) << 1
                             << QStringLiteral("U+0000");
        QTest::newRow("tab inside comment")
            << QStringLiteral("%K0 10.42.42.20 alice\tlaptop") << 1 << QStringLiteral("U+0009");
        QTest::newRow("comment too long")
            << QStringLiteral("%K0 10.42.42.20 ") + QString(201, u'c') << 1 << QStringLiteral("at most 200");
        QTest::newRow("line too long") << tooLong << 1 << QStringLiteral("at most 1024");
        QTest::newRow("replacement character")
            << QStringLiteral("%K0 10.42.42.20 caf\uFFFD") << 1 << QStringLiteral("not valid UTF-8");
        QTest::newRow("duplicate key") << QStringLiteral("%K0 10.42.42.20\n%K0 10.42.42.21") << 2
                                       << QStringLiteral("is already used on line 1");
        QTest::newRow("duplicate address") << QStringLiteral("%K0 10.42.42.20\n#\n%K1 10.42.42.20/32") << 3
                                           << QStringLiteral("address 10.42.42.20 is already used on line 1");
    }

    void badInput()
    {
        QFETCH(QString, text);
        QFETCH(int, line);
        QFETCH(QString, messagePart);
        const QString expanded = expand(text);
        for (const bool fromBytes : { false, true }) {
            const Result<ClientsFile> file = fromBytes
                ? ClientsFile::parseUtf8(expanded.toUtf8(), hubOptions())
                : ClientsFile::parse(expanded, hubOptions());
            QVERIFY(!file.ok());
            QCOMPARE(file.error().code, ErrorCode::InvalidInput);
            QCOMPARE(file.error().message, QStringLiteral("factory-clients.conf has 1 error"));
            QCOMPARE(file.error().lineErrors.size(), 1);
            QCOMPARE(file.error().lineErrors[0].line, line);
            const QString message = file.error().lineErrors[0].message;
            QVERIFY2(message.contains(messagePart), qPrintable(message));
            QVERIFY2(!TextRules::containsControlCharacters(message), qPrintable(message));
        }
    }

    void withoutOptionsOnlyFormIsChecked()
    {
        // No subnet given: any single address is fine, a subnet still is not.
        const Result<ClientsFile> file
            = ClientsFile::parse(expand(QStringLiteral("%K0 192.168.7.0\n%K1 fd00::1\n")));
        QVERIFY(file.ok());
        QCOMPARE(file->peers().size(), 2);
        QVERIFY(!ClientsFile::parse(expand(QStringLiteral("%K0 192.168.7.0/24\n"))).ok());
    }

    void ipv6Subnet()
    {
        ClientsFile::ParseOptions options;
        options.subnet = IpNetwork::parse(QStringLiteral("fd00:42::/64")).value();
        options.hubAddress = ip(QStringLiteral("fd00:42::1"));
        QVERIFY(ClientsFile::parse(expand(QStringLiteral("%K0 fd00:42::10 v6 peer\n")), options).ok());
        QVERIFY(!ClientsFile::parse(expand(QStringLiteral("%K0 fd00:42::1\n")), options).ok());
        QVERIFY(!ClientsFile::parse(expand(QStringLiteral("%K0 fd00:43::10\n")), options).ok());
        QVERIFY(!ClientsFile::parse(expand(QStringLiteral("%K0 10.42.42.10\n")), options).ok());
        QVERIFY(!ClientsFile::parse(expand(QStringLiteral("%K0 fd00:42::/64\n")), options).ok());
    }

    void collectsEveryError()
    {
        const QString text = expand(QStringLiteral("# header\n" // 1
                                                   "%K0 10.42.42.20\n" // 2
                                                   "bogus 10.42.42.21\n" // 3
                                                   "%K1 10.42.42.0/24\n" // 4
                                                   "%K2 10.42.42.22\n" // 5
                                                   "\n" // 6
                                                   "%K0 10.42.42.23 dup\n" // 7
                                                   "%K3 10.42.42.22\n" // 8
                                                   "%K4\n")); // 9
        const Result<ClientsFile> file = ClientsFile::parse(text, hubOptions());
        QVERIFY(!file.ok());
        QCOMPARE(file.error().message, QStringLiteral("factory-clients.conf has 5 errors"));
        QList<int> lines;
        for (const LineError &e : file.error().lineErrors)
            lines.append(e.line);
        QCOMPARE(lines, (QList<int> { 3, 4, 7, 8, 9 }));
        QCOMPARE(file.error().lineErrors[2].toString(),
                 QStringLiteral("line 7: key %1… is already used on line 2").arg(key(0).fingerprint()));
        QCOMPARE(file.error().lineErrors[3].toString(),
                 QStringLiteral("line 8: address 10.42.42.22 is already used on line 5"));
        QVERIFY(file.error().toString().startsWith(
            QStringLiteral("factory-clients.conf has 5 errors\nline 3: ")));
    }

    // Issue 15: a client line with the hub's own key (WireGuard ignores such a
    // peer) or a device's key or address is a line error, wherever it is.
    void hubAndDeviceKeysAreLineErrors()
    {
        ClientsFile::ParseOptions options = hubOptions();
        options.hubKey = key(6);
        options.deviceKeys.insert(key(7), QStringLiteral("press-07"));
        options.deviceAddresses.insert(ip(QStringLiteral("10.42.42.40")), QStringLiteral("press-40"));
        const QString text = expand(QStringLiteral("%K0 10.42.42.20 alice\n" // 1
                                                   "%K6 10.42.42.21 hub-key\n" // 2
                                                   "# %K6 in a comment is fine\n" // 3
                                                   "%K7 10.42.42.22 device-key\n" // 4
                                                   "%K1 10.42.42.40 device-address\n" // 5
                                                   "%K2 10.42.42.23 bob\n")); // 6
        const Result<ClientsFile> file = ClientsFile::parse(text, options);
        QVERIFY(!file.ok());
        QCOMPARE(file.error().lineErrors.size(), 3);
        QCOMPARE(file.error().lineErrors[0].toString(),
                 QStringLiteral("line 2: the key %1… is the hub's own public key, not a client's")
                     .arg(key(6).fingerprint()));
        QCOMPARE(file.error().lineErrors[1].toString(),
                 QStringLiteral("line 4: the key %1… belongs to device press-07").arg(key(7).fingerprint()));
        QCOMPARE(file.error().lineErrors[2].toString(),
                 QStringLiteral("line 5: 10.42.42.40 is used by device press-40"));
        // The same bytes, as read from disk.
        QCOMPARE(ClientsFile::parseUtf8(text.toUtf8(), options).error().lineErrors, file.error().lineErrors);
        // Without those rules (an old caller) the file is fine: the rules do the work.
        QVERIFY(ClientsFile::parse(text, hubOptions()).ok());

        // Edits obey the same rules and leave the file as it was.
        ClientsFile good = parsed(expand(QStringLiteral("%K0 10.42.42.20 alice\n")), options);
        const QString before = good.toText();
        for (const ClientPeer &peer : { ClientPeer { key(6), ip(QStringLiteral("10.42.42.30")), {} },
                                        ClientPeer { key(7), ip(QStringLiteral("10.42.42.30")), {} },
                                        ClientPeer { key(1), ip(QStringLiteral("10.42.42.40")), {} } }) {
            const Result<void> added = good.addPeer(peer, options);
            QVERIFY(!added.ok());
            QCOMPARE(added.error().code, ErrorCode::Conflict);
            QVERIFY(!good.updatePeer(key(0), peer, options).ok());
            QCOMPARE(good.toText(), before);
        }
    }

    void fileSizeLimit()
    {
        // Comment lines of 1000 characters, just over 4 MiB in total.
        const QString line = QStringLiteral("#") + QString(999, u'x') + u'\n';
        QString text;
        while (text.size() <= ClientsFile::MaxFileSize)
            text += line;
        const Result<ClientsFile> file = ClientsFile::parse(text);
        QVERIFY(!file.ok());
        QVERIFY2(file.error().message.contains(QStringLiteral("4 MiB")), qPrintable(file.error().message));
        QVERIFY(file.error().lineErrors.isEmpty());
        QVERIFY(!ClientsFile::parseUtf8(text.toUtf8()).ok());

        // Exactly at the limit is fine; one byte more is not.
        QString atLimit;
        while (atLimit.size() + line.size() <= ClientsFile::MaxFileSize)
            atLimit += line;
        const qsizetype rest = ClientsFile::MaxFileSize - atLimit.size();
        atLimit += QStringLiteral("#") + QString(rest - 2, u'y') + u'\n';
        QCOMPARE(atLimit.size(), ClientsFile::MaxFileSize);
        QVERIFY(ClientsFile::parse(atLimit).ok());
        QVERIFY(ClientsFile::parseUtf8(atLimit.toUtf8()).ok());
        const QString overLimit = atLimit + u'\n';
        QVERIFY(!ClientsFile::parse(overLimit).ok());
        QVERIFY(!ClientsFile::parseUtf8(overLimit.toUtf8()).ok());

        // Multi-byte characters count as bytes, not as characters.
        QString wide;
        const QString wideLine = QStringLiteral("# ") + QString(300, QChar(0x20AC)) + u'\n'; // € is 3 bytes
        const qsizetype wideLineBytes = wideLine.toUtf8().size();
        for (qsizetype bytes = 0; bytes <= ClientsFile::MaxFileSize; bytes += wideLineBytes)
            wide += wideLine;
        QVERIFY(wide.size() < ClientsFile::MaxFileSize);
        QVERIFY(!ClientsFile::parse(wide).ok());
    }

    void invalidUtf8IsReportedByLine()
    {
        QByteArray data = expand(QStringLiteral("# ok\n%K0 10.42.42.20 ok\n")).toUtf8();
        data += expand(QStringLiteral("%K1 10.42.42.21 ")).toUtf8() + QByteArray("caf\xE9\n"); // Latin-1 é
        data += QByteArray("# stray \xC0\xAF overlong slash\n");
        data += expand(QStringLiteral("%K2 10.42.42.22 fine\n")).toUtf8();
        const Result<ClientsFile> file = ClientsFile::parseUtf8(data, hubOptions());
        QVERIFY(!file.ok());
        QCOMPARE(file.error().lineErrors.size(), 2);
        QCOMPARE(file.error().lineErrors[0],
                 (LineError { 3, QStringLiteral("the line is not valid UTF-8") }));
        QCOMPARE(file.error().lineErrors[1].line, 4);
    }

    void addPeerAppendsAndKeepsOtherLines()
    {
        const QString text = expand(QStringLiteral("# engineers\r\n%K0\t10.42.42.20/32   # alice\r\n\r\n"));
        ClientsFile file = parsed(text);
        const ClientPeer bob { key(1), ip(QStringLiteral("10.42.42.21")), QStringLiteral("bob laptop") };
        QVERIFY(file.addPeer(bob, hubOptions()).ok());
        // Existing lines untouched; the new one follows the file's CRLF convention.
        QCOMPARE(file.toText(), text + m_keys[1] + QStringLiteral(" 10.42.42.21 bob laptop\r\n"));
        QCOMPARE(file.peers().size(), 2);
        QCOMPARE(*file.findByKey(key(1)), bob);

        const Result<ClientsFile> reparsed = ClientsFile::parse(file.toText(), hubOptions());
        QVERIFY(reparsed.ok());
        QCOMPARE(reparsed->peers(), file.peers());
    }

    void addPeerToEmptyFile()
    {
        ClientsFile file;
        QVERIFY(file.addPeer({ key(0), ip(QStringLiteral("10.42.42.2")), {} }).ok());
        QCOMPARE(file.toText(), m_keys[0] + QStringLiteral(" 10.42.42.2\n"));
    }

    void badEdits_data()
    {
        QTest::addColumn<int>("keyIndex");
        QTest::addColumn<QString>("address");
        QTest::addColumn<QString>("comment");
        QTest::addColumn<ErrorCode>("code");
        QTest::addColumn<QString>("messagePart");

        QTest::newRow("duplicate key") << 0 << QStringLiteral("10.42.42.50") << QString()
                                       << ErrorCode::Conflict << QStringLiteral("is already used on line 2");
        QTest::newRow("duplicate address")
            << 5 << QStringLiteral("10.42.42.21") << QString() << ErrorCode::Conflict
            << QStringLiteral("address 10.42.42.21 is already used on line 3 (bob)");
        QTest::newRow("hub address") << 5 << QStringLiteral("10.42.42.1") << QString() << ErrorCode::Conflict
                                     << QStringLiteral("hub's own address");
        QTest::newRow("outside") << 5 << QStringLiteral("192.168.1.5") << QString() << ErrorCode::InvalidInput
                                 << QStringLiteral("outside the VPN subnet");
        QTest::newRow("broadcast") << 5 << QStringLiteral("10.42.42.255") << QString()
                                   << ErrorCode::InvalidInput << QStringLiteral("broadcast");
        QTest::newRow("section injection")
            << 5 << QStringLiteral("10.42.42.50") << QStringLiteral("eve\n[Peer]") << ErrorCode::InvalidInput
            << QStringLiteral("U+000A");
        QTest::newRow("line injection")
            << 5 << QStringLiteral("10.42.42.50") << QStringLiteral("eve\nabc= 10.0.0.9")
            << ErrorCode::InvalidInput << QStringLiteral("U+000A");
        QTest::newRow("peer line injection")
            << 5 << QStringLiteral("10.42.42.50") << QStringLiteral("x\r%K6 10.42.42.51")
            << ErrorCode::InvalidInput << QStringLiteral("U+000D");
        QTest::newRow("unicode line break")
            << 5 << QStringLiteral("10.42.42.50") << QStringLiteral("a\u2028b") << ErrorCode::InvalidInput
            << QStringLiteral("U+2028");
        QTest::newRow("leading space") << 5 << QStringLiteral("10.42.42.50") << QStringLiteral(" eve")
                                       << ErrorCode::InvalidInput << QStringLiteral("space");
        QTest::newRow("too long") << 5 << QStringLiteral("10.42.42.50") << QString(201, u'e')
                                  << ErrorCode::InvalidInput << QStringLiteral("at most 200");
        QTest::newRow("null address")
            << 5 << QString() << QString() << ErrorCode::InvalidInput << QStringLiteral("no address");
        QTest::newRow("null key") << -1 << QStringLiteral("10.42.42.50") << QString()
                                  << ErrorCode::InvalidInput << QStringLiteral("no public key");
    }

    void badEdits()
    {
        QFETCH(int, keyIndex);
        QFETCH(QString, address);
        QFETCH(QString, comment);
        QFETCH(ErrorCode, code);
        QFETCH(QString, messagePart);

        const QString text = expand(QStringLiteral("# team\n%K0 10.42.42.20 alice\n%K1 10.42.42.21 bob\n"));
        const ClientPeer peer { keyIndex < 0 ? PublicKey() : key(keyIndex),
                                address.isEmpty() ? IpAddress() : ip(address), expand(comment) };

        ClientsFile file = parsed(text);
        Result<void> added = file.addPeer(peer, hubOptions());
        QVERIFY(!added.ok());
        QCOMPARE(added.error().code, code);
        QVERIFY2(added.error().message.contains(messagePart), qPrintable(added.error().message));
        QCOMPARE(file.toText(), text);

        // Replacing bob with it fails the same way (bob's own key and address
        // excepted), and leaves the file as it was.
        if (keyIndex != 1 && address != QStringLiteral("10.42.42.21")) {
            Result<void> updated = file.updatePeer(key(1), peer, hubOptions());
            QVERIFY(!updated.ok());
            QCOMPARE(updated.error().code, code);
            QCOMPARE(file.toText(), text);
        }

        if (!comment.isEmpty()) {
            const Result<QString> line = ClientsFile::formatPeerLine(peer);
            QVERIFY(!line.ok());
        }
    }

    void updatePeerRewritesOnlyItsLine()
    {
        const QString text
            = expand(QStringLiteral("# team\n%K0\t10.42.42.20/32\t# alice\n%K1 10.42.42.21 bob\n"));
        ClientsFile file = parsed(text);

        // Same values: the line keeps its own spelling.
        QVERIFY(file.updatePeer(key(0), *file.findByKey(key(0)), hubOptions()).ok());
        QCOMPARE(file.toText(), text);

        // Bob moves to a new address and gets a new key; alice's line stays.
        const ClientPeer newBob { key(2), ip(QStringLiteral("10.42.42.30")),
                                  QStringLiteral("bob new laptop") };
        QVERIFY(file.updatePeer(key(1), newBob, hubOptions()).ok());
        QCOMPARE(file.toText(),
                 expand(QStringLiteral("# team\n%K0\t10.42.42.20/32\t# alice\n"
                                       "%K2 10.42.42.30 bob new laptop\n")));
        QVERIFY(!file.findByKey(key(1)));

        // Alice may keep her own address while changing the comment.
        ClientPeer alice = *file.findByKey(key(0));
        alice.comment = QStringLiteral("alice (desk 4)");
        QVERIFY(file.updatePeer(key(0), alice, hubOptions()).ok());
        QCOMPARE(file.lines()[1].text, m_keys[0] + QStringLiteral(" 10.42.42.20 alice (desk 4)"));

        const Result<void> missing = file.updatePeer(key(7), newBob, hubOptions());
        QVERIFY(!missing.ok());
        QCOMPARE(missing.error().code, ErrorCode::NotFound);
    }

    void removePeerKeepsOtherLines()
    {
        const QString text
            = expand(QStringLiteral("# a\n%K0 10.42.42.20 alice\n\n%K1 10.42.42.21 bob\n# z\n"));
        ClientsFile file = parsed(text);
        QVERIFY(file.removePeer(key(0)).ok());
        QCOMPARE(file.toText(), expand(QStringLiteral("# a\n\n%K1 10.42.42.21 bob\n# z\n")));
        const Result<void> again = file.removePeer(key(0));
        QVERIFY(!again.ok());
        QCOMPARE(again.error().code, ErrorCode::NotFound);
        QVERIFY(again.error().message.contains(key(0).fingerprint()));
        // The freed address can be given again.
        QVERIFY(
            file.addPeer({ key(3), ip(QStringLiteral("10.42.42.20")), QStringLiteral("carol") }, hubOptions())
                .ok());
    }

    void formatPeerLine_data()
    {
        QTest::addColumn<QString>("comment");
        QTest::addColumn<QString>("expectedTail");
        QTest::newRow("none") << QString() << QStringLiteral(" 10.42.42.9");
        QTest::newRow("words") << QStringLiteral("alice laptop")
                               << QStringLiteral(" 10.42.42.9 alice laptop");
        QTest::newRow("hash") << QStringLiteral("#1 engineer") << QStringLiteral(" 10.42.42.9 # #1 engineer");
        QTest::newRow("unicode") << QStringLiteral("Zoë 🦊") << QStringLiteral(" 10.42.42.9 Zoë 🦊");
    }

    void formatPeerLine()
    {
        QFETCH(QString, comment);
        QFETCH(QString, expectedTail);
        const ClientPeer peer { key(0), ip(QStringLiteral("10.42.42.9")), comment };
        const Result<QString> line = ClientsFile::formatPeerLine(peer);
        QVERIFY(line.ok());
        QCOMPARE(*line, m_keys[0] + expectedTail);
        // Whatever is written reads back as the same peer.
        const Result<ClientsFile> file = ClientsFile::parse(*line);
        QVERIFY(file.ok());
        QCOMPARE(file->peers(), QList<ClientPeer> { peer });
    }

    void injectedTextNeverBecomesAPeer()
    {
        // Even a file that contains the injection attempt as text only yields the
        // peers its lines really hold.
        const QString attack = expand(QStringLiteral("%K0 10.42.42.20 eve\u2028%K1 10.42.42.21\n"));
        QVERIFY(!ClientsFile::parse(attack).ok());
        const QString nel = expand(QStringLiteral("%K0 10.42.42.20 eve\u0085%K1 10.42.42.21\n"));
        QVERIFY(!ClientsFile::parse(nel).ok());
    }
};

QTEST_GUILESS_MAIN(TestClientsFile)
#include "tst_clientsfile.moc"
