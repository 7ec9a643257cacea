#include "PublicKey.h"

#include <QHashFunctions>

#include <cstring>
#include <sodium.h>

namespace fvpn {

namespace {

constexpr auto Base64Variant = sodium_base64_VARIANT_ORIGINAL;
constexpr int EncodedBufferSize = sodium_base64_ENCODED_LEN(PublicKey::RawSize, Base64Variant);
static_assert(EncodedBufferSize == PublicKey::Base64Size + 1, "base64 of 32 bytes plus the terminator");

Error invalid(const QString &what)
{
    return makeError(ErrorCode::InvalidInput, what);
}

bool isBase64Char(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= u'A' && u <= u'Z') || (u >= u'a' && u <= u'z') || (u >= u'0' && u <= u'9') || u == u'+'
        || u == u'/';
}

// Names a character so that a person can find it, also when it is invisible.
QString describe(QChar c)
{
    switch (c.unicode()) {
    case u' ':
        return QStringLiteral("a space");
    case u'\t':
        return QStringLiteral("a tab");
    case u'\n':
    case u'\r':
        return QStringLiteral("a line break");
    case u'-':
    case u'_':
        return QStringLiteral("'%1' (URL-safe base64 is not accepted)").arg(c);
    case u'=':
        return QStringLiteral("'=' (padding belongs only at the end)");
    default:
        break;
    }
    if (c.unicode() > 0x20 && c.unicode() < 0x7f)
        return QStringLiteral("'%1'").arg(c);
    return QStringLiteral("U+%1").arg(QString::number(c.unicode(), 16).toUpper().rightJustified(4, u'0'));
}

} // namespace

Result<PublicKey> PublicKey::fromBase64(QStringView text)
{
    if (text.size() != Base64Size)
        return invalid(QStringLiteral("expected %1 characters, got %2").arg(Base64Size).arg(text.size()));
    for (qsizetype i = 0; i < Base64Size - 1; ++i) {
        if (!isBase64Char(text[i]))
            return invalid(
                QStringLiteral("not valid base64: character %1 is %2").arg(i + 1).arg(describe(text[i])));
    }
    if (text[Base64Size - 1] != u'=')
        return invalid(QStringLiteral("not valid base64: the last character must be '=', not %1")
                           .arg(describe(text[Base64Size - 1])));

    const QByteArray ascii = text.toLatin1();
    std::array<unsigned char, RawSize> bytes {};
    std::size_t decoded = 0;
    const char *end = nullptr;
    if (sodium_base642bin(bytes.data(), bytes.size(), ascii.constData(),
                          static_cast<std::size_t>(ascii.size()), nullptr, &decoded, &end, Base64Variant)
            != 0
        || decoded != RawSize || end != ascii.constData() + ascii.size()) {
        return invalid(QStringLiteral("not valid base64"));
    }

    // 44 characters carry 264 bits for 256 bits of key; the character before '='
    // must leave the spare bits zero, or two different texts would name one key.
    char reencoded[EncodedBufferSize];
    sodium_bin2base64(reencoded, sizeof reencoded, bytes.data(), bytes.size(), Base64Variant);
    if (std::memcmp(reencoded, ascii.constData(), Base64Size) != 0) {
        return invalid(QStringLiteral("not valid base64: the character before '=' cannot be %1 "
                                      "(a 32-byte key ends in one of AEIMQUYcgkosw048)")
                           .arg(describe(text[Base64Size - 2])));
    }

    return fromRaw(QByteArrayView(reinterpret_cast<const char *>(bytes.data()), RawSize));
}

Result<PublicKey> PublicKey::fromRaw(QByteArrayView raw)
{
    if (raw.size() != RawSize)
        return invalid(QStringLiteral("expected %1 bytes, got %2").arg(RawSize).arg(raw.size()));
    PublicKey key;
    std::memcpy(key.m_bytes.data(), raw.data(), RawSize);
    // WireGuard uses the all-zero key as "no key"; it is never a real peer. A public
    // key is no secret, so a plain test does (sodium_is_zero's constant time cost a
    // tenth of a 10,000-peer interface read).
    unsigned char any = 0;
    for (const unsigned char byte : key.m_bytes)
        any |= byte;
    if (any == 0)
        return invalid(QStringLiteral("all-zero key"));
    key.m_isNull = false;
    return key;
}

QString PublicKey::toBase64() const
{
    if (m_isNull)
        return {};
    char text[EncodedBufferSize];
    sodium_bin2base64(text, sizeof text, m_bytes.data(), m_bytes.size(), Base64Variant);
    return QString::fromLatin1(text, Base64Size);
}

QByteArray PublicKey::raw() const
{
    if (m_isNull)
        return {};
    return QByteArray(reinterpret_cast<const char *>(m_bytes.data()), RawSize);
}

QString PublicKey::fingerprint() const
{
    return toBase64().left(8);
}

size_t qHash(const PublicKey &key, size_t seed) noexcept
{
    return qHashBits(key.m_bytes.data(), key.m_bytes.size(), seed);
}

} // namespace fvpn
