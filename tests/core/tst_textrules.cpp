#include "TextRules.h"

#include <QtTest>

using namespace fvpn;

namespace {

QString repeated(const QString &unit, int count)
{
    QString s;
    for (int i = 0; i < count; ++i)
        s += unit;
    return s;
}

QString fromCodePoint(char32_t cp)
{
    return QString::fromUcs4(&cp, 1);
}

} // namespace

class TestTextRules : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void displayName_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QString>("messagePart");

        QTest::newRow("plain") << QStringLiteral("Alice") << true << QString();
        QTest::newRow("two words") << QStringLiteral("Alice Smith") << true << QString();
        QTest::newRow("accents") << QStringLiteral("José Müller") << true << QString();
        QTest::newRow("cjk") << QStringLiteral("山田太郎") << true << QString();
        QTest::newRow("emoji") << QStringLiteral("🦊 fox") << true << QString();
        QTest::newRow("64 ascii") << repeated(QStringLiteral("a"), 64) << true << QString();
        // Length counts characters, not UTF-16 units: 64 emoji are 128 units.
        QTest::newRow("64 emoji") << repeated(QStringLiteral("🦊"), 64) << true << QString();
        QTest::newRow("inner spaces") << QStringLiteral("a  b") << true << QString();

        QTest::newRow("empty") << QString() << false << QStringLiteral("empty");
        QTest::newRow("65 ascii") << repeated(QStringLiteral("a"), 65) << false
                                  << QStringLiteral("65 characters");
        QTest::newRow("65 emoji") << repeated(QStringLiteral("🦊"), 65) << false
                                  << QStringLiteral("65 characters");
        QTest::newRow("leading space") << QStringLiteral(" Alice") << false << QStringLiteral("space");
        QTest::newRow("trailing space") << QStringLiteral("Alice ") << false << QStringLiteral("space");
        QTest::newRow("nbsp at end") << QStringLiteral("Alice\u00A0") << false << QStringLiteral("space");
        QTest::newRow("only spaces") << QStringLiteral("   ") << false << QStringLiteral("space");
        QTest::newRow("LF") << QStringLiteral("Alice\n[Peer]") << false << QStringLiteral("U+000A");
        QTest::newRow("CR") << QStringLiteral("Alice\rBob") << false << QStringLiteral("U+000D");
        QTest::newRow("TAB") << QStringLiteral("Alice\tBob") << false << QStringLiteral("U+0009");
        QTest::newRow("NUL") << QString(QStringLiteral("Al") + QChar(0) + QStringLiteral("ice")) << false
                             << QStringLiteral("U+0000");
        QTest::newRow("ESC") << QStringLiteral("\x1b[31mred") << false << QStringLiteral("U+001B");
        QTest::newRow("DEL") << QStringLiteral("a\x7f") << false << QStringLiteral("U+007F");
        QTest::newRow("NEL") << QStringLiteral("a\u0085b") << false << QStringLiteral("U+0085");
        QTest::newRow("C1 CSI") << QStringLiteral("a\u009bb") << false << QStringLiteral("U+009B");
        QTest::newRow("line separator") << QStringLiteral("a\u2028b") << false << QStringLiteral("U+2028");
        QTest::newRow("paragraph separator")
            << QStringLiteral("a\u2029b") << false << QStringLiteral("U+2029");
        QTest::newRow("bidi override")
            << QStringLiteral("\u202Egnp.exe") << false << QStringLiteral("U+202E");
        QTest::newRow("bidi isolate") << QStringLiteral("a\u2066b") << false << QStringLiteral("U+2066");
        QTest::newRow("zero width space")
            << QStringLiteral("ad\u200Bmin") << false << QStringLiteral("U+200B");
        QTest::newRow("BOM") << QStringLiteral("\uFEFFAlice") << false << QStringLiteral("U+FEFF");
        QTest::newRow("soft hyphen") << QStringLiteral("ad\u00ADmin") << false << QStringLiteral("U+00AD");
        QTest::newRow("tag character")
            << QString(QStringLiteral("a") + fromCodePoint(0xE0041)) << false << QStringLiteral("U+E0041");
        QTest::newRow("lone high surrogate")
            << QString(QStringLiteral("a") + QChar(0xD800) + QStringLiteral("b")) << false
            << QStringLiteral("U+D800");
        QTest::newRow("lone low surrogate") << QString(QChar(0xDC00)) << false << QStringLiteral("U+DC00");
    }

    void displayName()
    {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        QFETCH(QString, messagePart);
        const Result<QString> result = TextRules::checkDisplayName(text);
        QCOMPARE(result.ok(), valid);
        if (valid) {
            QCOMPARE(*result, text);
        } else {
            QCOMPARE(result.error().code, ErrorCode::InvalidInput);
            QVERIFY2(result.error().message.contains(messagePart), qPrintable(result.error().message));
            QVERIFY(result.error().message.startsWith(QStringLiteral("the name")));
            // The message itself must be safe to show: no raw control characters.
            QVERIFY(!TextRules::containsControlCharacters(result.error().message));
        }
    }

    void displayNameCustomLength()
    {
        QVERIFY(TextRules::checkDisplayName(QStringLiteral("abc"), 3).ok());
        QVERIFY(!TextRules::checkDisplayName(QStringLiteral("abcd"), 3).ok());
    }

    void comment_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");

        QTest::newRow("empty") << QString() << true;
        QTest::newRow("words") << QStringLiteral("alice laptop, 2nd floor") << true;
        QTest::newRow("200") << repeated(QStringLiteral("x"), 200) << true;
        QTest::newRow("201") << repeated(QStringLiteral("x"), 201) << false;
        QTest::newRow("LF injection") << QStringLiteral("alice\n[Peer]") << false;
        QTest::newRow("key injection") << QStringLiteral("alice\nabc= 10.0.0.9") << false;
        QTest::newRow("CRLF") << QStringLiteral("alice\r\n") << false;
        QTest::newRow("U+2028") << QStringLiteral("alice\u2028bob") << false;
        QTest::newRow("leading space") << QStringLiteral(" alice") << false;
        QTest::newRow("only space") << QStringLiteral(" ") << false;
    }

    void comment()
    {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        const Result<QString> result = TextRules::checkComment(text);
        QCOMPARE(result.ok(), valid);
        if (valid)
            QCOMPARE(*result, text);
        else
            QVERIFY(result.error().message.startsWith(QStringLiteral("the comment")));
    }

    void controlCharacters()
    {
        QVERIFY(!TextRules::containsControlCharacters(QStringLiteral("plain text, é, 🦊")));
        QVERIFY(TextRules::containsControlCharacters(QStringLiteral("a\tb")));
        QCOMPARE(TextRules::firstControlCharacter(QStringLiteral("a\tb"), true), std::nullopt);
        QCOMPARE(TextRules::firstControlCharacter(QStringLiteral("a\tb\nc"), true),
                 std::optional<char32_t>(U'\n'));
        QCOMPARE(TextRules::firstControlCharacter(QStringLiteral("a\u202Eb\n")),
                 std::optional<char32_t>(0x202E));
        QCOMPARE(TextRules::codePointLabel(0x202E), QStringLiteral("U+202E"));
        QCOMPARE(TextRules::codePointLabel(0x1F98A), QStringLiteral("U+1F98A"));
        // Every C0 and C1 control is one, and none of printable ASCII is.
        for (char32_t cp = 0; cp < 0x20; ++cp)
            QVERIFY(TextRules::isControlCharacter(cp));
        for (char32_t cp = 0x7F; cp <= 0x9F; ++cp)
            QVERIFY(TextRules::isControlCharacter(cp));
        for (char32_t cp = 0x20; cp < 0x7F; ++cp)
            QVERIFY(!TextRules::isControlCharacter(cp));
    }

    void hostName_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");

        QTest::newRow("single label") << QStringLiteral("dev-07") << true;
        QTest::newRow("fqdn") << QStringLiteral("hub.factory.example.com") << true;
        QTest::newRow("upper case") << QStringLiteral("Hub-01") << true;
        QTest::newRow("digit start") << QStringLiteral("3com") << true;
        QTest::newRow("numeric label inside") << QStringLiteral("host.123.example") << true;
        QTest::newRow("63 label") << repeated(QStringLiteral("a"), 63) << true;
        QTest::newRow("253 total") << QString(repeated(repeated(QStringLiteral("a"), 62) + u'.', 4)
                                              + QStringLiteral("a"))
                                   << true;

        QTest::newRow("empty") << QString() << false;
        QTest::newRow("64 label") << repeated(QStringLiteral("a"), 64) << false;
        QTest::newRow("254 total") << QString(repeated(repeated(QStringLiteral("a"), 62) + u'.', 4)
                                              + QStringLiteral("ab"))
                                   << false;
        QTest::newRow("leading hyphen") << QStringLiteral("-dev") << false;
        QTest::newRow("trailing hyphen") << QStringLiteral("dev-") << false;
        QTest::newRow("label trailing hyphen") << QStringLiteral("dev-.example") << false;
        QTest::newRow("underscore") << QStringLiteral("dev_07") << false;
        QTest::newRow("space") << QStringLiteral("dev 07") << false;
        QTest::newRow("double dot") << QStringLiteral("a..b") << false;
        QTest::newRow("leading dot") << QStringLiteral(".a") << false;
        QTest::newRow("trailing dot") << QStringLiteral("a.") << false;
        QTest::newRow("accent") << QStringLiteral("josé") << false;
        QTest::newRow("newline") << QStringLiteral("dev\nevil") << false;
        QTest::newRow("ipv4 lookalike") << QStringLiteral("10.42.42.1") << false;
        QTest::newRow("all digits") << QStringLiteral("1234") << false;
        QTest::newRow("colon") << QStringLiteral("fe80::1") << false;
    }

    void hostName()
    {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        const Result<QString> result = TextRules::checkHostName(text);
        QVERIFY2(result.ok() == valid, result.ok() ? "accepted" : qPrintable(result.error().message));
        if (valid)
            QCOMPARE(*result, text);
        else
            QVERIFY(!TextRules::containsControlCharacters(result.error().message));
    }

    void toHostName_data()
    {
        QTest::addColumn<QString>("displayName");
        QTest::addColumn<QString>("expected");

        QTest::newRow("two words") << QStringLiteral("Alice Smith") << QStringLiteral("alice-smith");
        QTest::newRow("accents") << QStringLiteral("José Müller") << QStringLiteral("jose-muller");
        QTest::newRow("eszett") << QStringLiteral("Straße") << QStringLiteral("strasse");
        QTest::newRow("nordic") << QStringLiteral("Ærøskøbing") << QStringLiteral("aeroskobing");
        QTest::newRow("polish") << QStringLiteral("Łukasz Wójcik") << QStringLiteral("lukasz-wojcik");
        QTest::newRow("apostrophe") << QStringLiteral("Dan O'Brien") << QStringLiteral("dan-obrien");
        QTest::newRow("typographic apostrophe") << QStringLiteral("O’Neil") << QStringLiteral("oneil");
        QTest::newRow("punctuation runs") << QStringLiteral("  --Bob__(QA)--  ") << QStringLiteral("bob-qa");
        QTest::newRow("dots") << QStringLiteral("a.b.c") << QStringLiteral("a-b-c");
        QTest::newRow("already fine") << QStringLiteral("dev-07") << QStringLiteral("dev-07");
        QTest::newRow("fullwidth") << QStringLiteral("ＡＢＣ１") << QStringLiteral("abc1");
        QTest::newRow("ligature") << QStringLiteral("ﬁnance") << QStringLiteral("finance");
        QTest::newRow("bidi override") << QStringLiteral("\u202Eevil\u202C") << QStringLiteral("evil");
        QTest::newRow("newline") << QStringLiteral("alice\n10.0.0.1 bank")
                                 << QStringLiteral("alice-10-0-0-1-bank");
        QTest::newRow("only cjk") << QStringLiteral("山田") << QString();
        QTest::newRow("only punctuation") << QStringLiteral("!!!") << QString();
        QTest::newRow("empty") << QString() << QString();
        QTest::newRow("digits") << QStringLiteral("1234") << QStringLiteral("host-1234");
        QTest::newRow("long") << repeated(QStringLiteral("ab "), 40)
                              << QString(repeated(QStringLiteral("ab-"), 21)).left(62);
    }

    void toHostName()
    {
        QFETCH(QString, displayName);
        QFETCH(QString, expected);
        const QString name = TextRules::toHostName(displayName);
        QCOMPARE(name, expected);
        if (!name.isEmpty()) {
            const Result<QString> checked = TextRules::checkHostName(name);
            QVERIFY2(checked.ok(), checked.ok() ? "" : qPrintable(checked.error().message));
            QVERIFY(name.size() <= 63);
            QVERIFY(!name.contains(u'.'));
        }
    }
};

QTEST_GUILESS_MAIN(TestTextRules)
#include "tst_textrules.moc"
