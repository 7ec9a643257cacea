#include "PrivateKey.h"
#include "PublicKey.h"

#include <QProcess>
#include <QSet>
#include <QStandardPaths>
#include <QtTest>

using namespace fvpn;

namespace {

// QVERIFY2 evaluates its message even when the check passes, and error() of a
// successful Result must not be called.
template<typename R> QString failure(const R &result)
{
    return result.ok() ? QString() : result.error().toString();
}

constexpr int Iterations = 20;

// Runs the real wg(8) from wireguard-tools; every expected value in this test
// comes from it, not from this code base.
QByteArray runWg(const QStringList &args, const QByteArray &input = {})
{
    QString wg = QStandardPaths::findExecutable(QStringLiteral("wg"));
    if (wg.isEmpty())
        wg = QStringLiteral("/usr/bin/wg");
    QProcess process;
    process.start(wg, args);
    if (!process.waitForStarted())
        return {};
    process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished() || process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0)
        return {};
    return process.readAllStandardOutput().trimmed();
}

QByteArray wgGenkey()
{
    return runWg({ QStringLiteral("genkey") });
}

QByteArray wgPubkey(QByteArrayView privateKeyBase64)
{
    return runWg({ QStringLiteral("pubkey") }, privateKeyBase64.toByteArray() + '\n');
}

QString validPublicKeyText()
{
    return QString::fromLatin1(wgPubkey(wgGenkey()));
}

// Standard base64 alphabet position of a character; -1 if not in it.
int alphabetIndex(QChar c)
{
    static const QString alphabet
        = QStringLiteral("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/");
    return int(alphabet.indexOf(c));
}

QChar alphabetAt(int index)
{
    static const QString alphabet
        = QStringLiteral("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/");
    return alphabet.at(index);
}

// The same 32 bytes with the spare low bits of the character before '=' set: it
// still decodes to the same key with a lenient decoder, but is not canonical.
QString nonCanonical(QString text)
{
    const int index = alphabetIndex(text.at(42));
    Q_ASSERT(index >= 0 && index % 4 == 0);
    text[42] = alphabetAt(index + 1);
    return text;
}

void addBadKeyRows(const QString &valid)
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("message");

    // The valid text with its 5th character replaced.
    auto replaced5 = [&valid](QChar c) {
        QString text = valid;
        text[4] = c;
        return text;
    };
    QTest::newRow("empty") << QString() << QStringLiteral("expected 44 characters, got 0");
    QTest::newRow("43 chars") << valid.left(43) << QStringLiteral("expected 44 characters, got 43");
    QTest::newRow("45 chars") << valid + QLatin1Char('A') << QStringLiteral("expected 44 characters, got 45");
    QTest::newRow("trailing newline")
        << valid + QLatin1Char('\n') << QStringLiteral("expected 44 characters, got 45");
    QTest::newRow("trailing CRLF") << valid + QStringLiteral("\r\n")
                                   << QStringLiteral("expected 44 characters, got 46");
    QTest::newRow("leading space") << QLatin1Char(' ') + valid
                                   << QStringLiteral("expected 44 characters, got 45");
    QTest::newRow("space inside") << replaced5(QLatin1Char(' ')) << QStringLiteral("not valid base64");
    QTest::newRow("tab inside") << replaced5(QLatin1Char('\t')) << QStringLiteral("not valid base64");
    QTest::newRow("newline inside") << replaced5(QLatin1Char('\n')) << QStringLiteral("not valid base64");
    QTest::newRow("NUL inside") << replaced5(QChar(u'\0')) << QStringLiteral("not valid base64");
    QTest::newRow("URL-safe -") << replaced5(QLatin1Char('-')) << QStringLiteral("not valid base64");
    QTest::newRow("URL-safe _") << replaced5(QLatin1Char('_')) << QStringLiteral("not valid base64");
    QTest::newRow("'=' inside") << replaced5(QLatin1Char('=')) << QStringLiteral("not valid base64");
    QTest::newRow("last char not '='")
        << valid.left(43) + QLatin1Char('A') << QStringLiteral("not valid base64");
    QTest::newRow("double padding") << valid.left(42) + QStringLiteral("==")
                                    << QStringLiteral("not valid base64");
    QTest::newRow("non-canonical last char") << nonCanonical(valid) << QStringLiteral("not valid base64");
    QTest::newRow("non-ASCII é") << replaced5(QChar(u'é')) << QStringLiteral("not valid base64");
    QTest::newRow("fullwidth A") << replaced5(QChar(u'\uFF21')) << QStringLiteral("not valid base64");
    QTest::newRow("all zero") << QStringLiteral("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")
                              << QStringLiteral("all-zero key");
}

} // namespace

class TestKeys : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        const QByteArray probe = wgGenkey();
        QVERIFY2(probe.size() == 44,
                 "wg (wireguard-tools) must be installed: the key tests compare against it");
    }

    // wg generates, we derive: the public key must be the one wg derives.
    void wgKeysDeriveLikeWg()
    {
        for (int i = 0; i < Iterations; ++i) {
            const QByteArray privateText = wgGenkey();
            const QByteArray expectedPublic = wgPubkey(privateText);
            QCOMPARE(expectedPublic.size(), 44);

            Result<PrivateKey> key = PrivateKey::fromBase64(privateText);
            QVERIFY2(key.ok(), qPrintable(failure(key)));
            QCOMPARE(key->publicKey().toBase64(), QString::fromLatin1(expectedPublic));
            // wg's keys are clamped already, so the text survives a round trip.
            QCOMPARE(key->toBase64().view(), QByteArrayView(privateText));
        }
    }

    // We generate, wg derives: wg must get the public key we derive.
    void generatedKeysDeriveLikeWg()
    {
        for (int i = 0; i < Iterations; ++i) {
            Result<PrivateKey> key = PrivateKey::generate();
            QVERIFY(key.ok());
            const SecureBuffer text = key->toBase64();
            QCOMPARE(text.size(), std::size_t(44));
            QCOMPARE(key->publicKey().toBase64(), QString::fromLatin1(wgPubkey(text.view())));

            Result<PrivateKey> reparsed = PrivateKey::fromBase64(text.view());
            QVERIFY(reparsed.ok());
            QVERIFY(reparsed->raw().equals(key->raw()));
        }
    }

    void generatedKeysAreClamped()
    {
        for (int i = 0; i < Iterations; ++i) {
            Result<PrivateKey> key = PrivateKey::generate();
            QVERIFY(key.ok());
            const SecureBuffer &raw = key->raw();
            QCOMPARE(raw.size(), std::size_t(PrivateKey::RawSize));
            QCOMPARE(raw.data()[0] & 7, 0);
            QCOMPARE(raw.data()[31] & 128, 0);
            QCOMPARE(raw.data()[31] & 64, 64);
        }
    }

    void generatedKeysDiffer()
    {
        QSet<QString> publicKeys;
        for (int i = 0; i < Iterations; ++i) {
            Result<PrivateKey> key = PrivateKey::generate();
            QVERIFY(key.ok());
            publicKeys.insert(key->publicKey().toBase64());
        }
        QCOMPARE(publicKeys.size(), Iterations);
    }

    // WireGuard clamps a key it is given; so do we. wg must agree on the public key.
    void unclampedKeyIsClampedLikeWg()
    {
        for (int i = 0; i < Iterations; ++i) {
            const QByteArray clampedText = wgGenkey();
            QByteArray raw = QByteArray::fromBase64(clampedText);
            QCOMPARE(raw.size(), 32);
            raw[0] = char(raw[0] | (i % 7 + 1)); // some of the three low bits
            raw[31] = char((raw[31] | 0x80) & ~0x40);
            const QByteArray unclampedText = raw.toBase64();
            QVERIFY(unclampedText != clampedText);

            Result<PrivateKey> key = PrivateKey::fromBase64(unclampedText);
            QVERIFY2(key.ok(), qPrintable(failure(key)));
            QCOMPARE(key->toBase64().view(), QByteArrayView(clampedText));
            QCOMPARE(key->publicKey().toBase64(), QString::fromLatin1(wgPubkey(unclampedText)));
            QCOMPARE(key->publicKey().toBase64(), QString::fromLatin1(wgPubkey(clampedText)));
        }
    }

    void publicKeyRoundTrip()
    {
        const QString text = validPublicKeyText();
        Result<PublicKey> key = PublicKey::fromBase64(text);
        QVERIFY2(key.ok(), qPrintable(failure(key)));
        QVERIFY(!key->isNull());
        QCOMPARE(key->toBase64(), text);
        QCOMPARE(key->raw(), QByteArray::fromBase64(text.toLatin1()));
        QCOMPARE(key->fingerprint(), text.left(8));

        Result<PublicKey> fromRaw = PublicKey::fromRaw(key->raw());
        QVERIFY(fromRaw.ok());
        QCOMPARE(*fromRaw, *key);
        QCOMPARE(qHash(*fromRaw), qHash(*key));
    }

    void publicKeysCompareAndHash()
    {
        QSet<PublicKey> set;
        QList<PublicKey> keys;
        for (int i = 0; i < 5; ++i) {
            Result<PublicKey> key = PublicKey::fromBase64(validPublicKeyText());
            QVERIFY(key.ok());
            keys << *key;
            set.insert(*key);
        }
        QCOMPARE(set.size(), 5);
        for (const PublicKey &key : keys) {
            QVERIFY(set.contains(PublicKey::fromBase64(key.toBase64()).value()));
        }
        std::sort(keys.begin(), keys.end());
        for (qsizetype i = 1; i < keys.size(); ++i)
            QVERIFY(keys.at(i - 1).raw() < keys.at(i).raw()); // ordered by the bytes
    }

    void badPublicKeys_data() { addBadKeyRows(validPublicKeyText()); }

    void badPublicKeys()
    {
        QFETCH(QString, input);
        QFETCH(QString, message);
        Result<PublicKey> key = PublicKey::fromBase64(input);
        QVERIFY(!key.ok());
        QCOMPARE(key.error().code, ErrorCode::InvalidInput);
        QVERIFY2(key.error().message.contains(message), qPrintable(key.error().message));
    }

    void badPublicKeyMessagesPointAtTheProblem_data()
    {
        QTest::addColumn<int>("position");
        QTest::addColumn<QChar>("character");
        QTest::addColumn<QString>("message");
        QTest::newRow("URL-safe")
            << 4 << QChar(u'-')
            << QStringLiteral("not valid base64: character 5 is '-' (URL-safe base64 is not accepted)");
        QTest::newRow("space") << 9 << QChar(u' ')
                               << QStringLiteral("not valid base64: character 10 is a space");
        QTest::newRow("non-ASCII") << 2 << QChar(u'é')
                                   << QStringLiteral("not valid base64: character 3 is U+00E9");
        QTest::newRow("padding inside")
            << 0 << QChar(u'=')
            << QStringLiteral("not valid base64: character 1 is '=' (padding belongs only at the end)");
        QTest::newRow("no final '='")
            << 43 << QChar(u'A')
            << QStringLiteral("not valid base64: the last character must be '=', not 'A'");
    }

    void badPublicKeyMessagesPointAtTheProblem()
    {
        QFETCH(int, position);
        QFETCH(QChar, character);
        QFETCH(QString, message);
        QString text = validPublicKeyText();
        text[position] = character;
        QCOMPARE(PublicKey::fromBase64(text).error().message, message);
    }

    void badPrivateKeys_data()
    {
        const QByteArray privateText = wgGenkey();
        addBadKeyRows(QString::fromLatin1(privateText));
    }

    void badPrivateKeys()
    {
        QFETCH(QString, input);
        QFETCH(QString, message);
        const QByteArray bytes = input.toUtf8();
        Result<PrivateKey> key = PrivateKey::fromBase64(bytes);
        QVERIFY(!key.ok());
        QCOMPARE(key.error().code, ErrorCode::InvalidInput);
        // The length is checked first, in bytes (what a UTF-8 file holds).
        if (bytes.size() != 44)
            QCOMPARE(key.error().message, QStringLiteral("expected 44 characters, got %1").arg(bytes.size()));
        else
            QVERIFY2(key.error().message.contains(message), qPrintable(key.error().message));
        // The secret must not leak into the message, not even in part.
        for (qsizetype i = 0; i + 6 <= input.size(); ++i)
            QVERIFY(!key.error().message.contains(input.mid(i, 6)));
    }

    void publicKeyFromRawRejectsBadSizes_data()
    {
        QTest::addColumn<QByteArray>("raw");
        QTest::addColumn<QString>("message");
        QTest::newRow("empty") << QByteArray() << QStringLiteral("expected 32 bytes, got 0");
        QTest::newRow("31") << QByteArray(31, '\x01') << QStringLiteral("expected 32 bytes, got 31");
        QTest::newRow("33") << QByteArray(33, '\x01') << QStringLiteral("expected 32 bytes, got 33");
        QTest::newRow("zero") << QByteArray(32, '\0') << QStringLiteral("all-zero key");
    }

    void publicKeyFromRawRejectsBadSizes()
    {
        QFETCH(QByteArray, raw);
        QFETCH(QString, message);
        Result<PublicKey> key = PublicKey::fromRaw(raw);
        QVERIFY(!key.ok());
        QCOMPARE(key.error().code, ErrorCode::InvalidInput);
        QCOMPARE(key.error().message, message);
    }

    void nullKeys()
    {
        const PublicKey publicKey;
        QVERIFY(publicKey.isNull());
        QVERIFY(publicKey.toBase64().isEmpty());
        QVERIFY(publicKey.raw().isEmpty());
        QVERIFY(publicKey.fingerprint().isEmpty());
        QCOMPARE(publicKey, PublicKey());

        const PrivateKey privateKey;
        QVERIFY(privateKey.isNull());
        QVERIFY(privateKey.publicKey().isNull());
        QVERIFY(privateKey.toBase64().isNull());
    }

    void privateKeyMoves()
    {
        Result<PrivateKey> generated = PrivateKey::generate();
        QVERIFY(generated.ok());
        const PublicKey expected = generated->publicKey();
        PrivateKey moved = std::move(generated).value();
        QVERIFY(!moved.isNull());
        QCOMPARE(moved.publicKey(), expected);
    }
};

QTEST_GUILESS_MAIN(TestKeys)
#include "tst_keys.moc"
