#include "PrivateKey.h"

#include <sodium.h>
#include <utility>

namespace fvpn {

namespace {

constexpr auto Base64Variant = sodium_base64_VARIANT_ORIGINAL;
constexpr std::size_t RawBytes = PrivateKey::RawSize;
constexpr std::size_t Base64Chars = PublicKey::Base64Size;
static_assert(crypto_scalarmult_BYTES == RawBytes && crypto_scalarmult_SCALARBYTES == RawBytes);

// Curve25519 scalar clamping, as WireGuard (and RFC 7748) does it: a multiple of
// the cofactor 8, with the top bit cleared and the second-highest bit set.
void clamp(unsigned char *key)
{
    key[0] &= 248;
    key[31] &= 127;
    key[31] |= 64;
}

Error invalid(const QString &what)
{
    // Never quote the input here: it is a secret.
    return makeError(ErrorCode::InvalidInput, what);
}

Error noGuardedMemory()
{
    return makeError(ErrorCode::Internal,
                     QStringLiteral("could not allocate protected memory for a private key"));
}

} // namespace

PrivateKey::PrivateKey(SecureBuffer key)
    : m_key(std::move(key))
{ }

Result<PrivateKey> PrivateKey::generate()
{
    if (!initSodium())
        return makeError(ErrorCode::Unavailable, QStringLiteral("libsodium could not be initialised"));
    SecureBuffer key(RawBytes);
    if (key.isNull())
        return noGuardedMemory();
    randombytes_buf(key.data(), key.size());
    clamp(key.data());
    return PrivateKey(std::move(key));
}

Result<PrivateKey> PrivateKey::fromBase64(QByteArrayView base64)
{
    if (!initSodium())
        return makeError(ErrorCode::Unavailable, QStringLiteral("libsodium could not be initialised"));
    if (static_cast<std::size_t>(base64.size()) != Base64Chars)
        return invalid(QStringLiteral("expected %1 characters, got %2").arg(Base64Chars).arg(base64.size()));

    SecureBuffer key(RawBytes);
    SecureBuffer reencoded(sodium_base64_ENCODED_LEN(RawBytes, Base64Variant));
    if (key.isNull() || reencoded.isNull())
        return noGuardedMemory();

    std::size_t decoded = 0;
    const char *end = nullptr;
    if (sodium_base642bin(key.data(), key.size(), base64.data(), Base64Chars, nullptr, &decoded, &end,
                          Base64Variant)
            != 0
        || decoded != RawBytes || end != base64.data() + base64.size()) {
        return invalid(
            QStringLiteral("not valid base64 (expected 44 characters of standard base64 ending in '=')"));
    }
    // Reject texts whose spare bits are set, so that one key has exactly one text.
    sodium_bin2base64(reinterpret_cast<char *>(reencoded.data()), reencoded.size(), key.data(), key.size(),
                      Base64Variant);
    if (sodium_memcmp(reencoded.data(), base64.data(), Base64Chars) != 0)
        return invalid(QStringLiteral("not valid base64 (non-canonical encoding: the character before '=' "
                                      "must be one of AEIMQUYcgkosw048)"));
    if (sodium_is_zero(key.data(), key.size()))
        return invalid(QStringLiteral("all-zero key"));

    // A key that is not clamped is accepted and clamped, exactly as `wg` and the
    // kernel do when they are given one: both forms stand for the same key, and
    // toBase64() then returns the clamped form.
    clamp(key.data());
    return PrivateKey(std::move(key));
}

PublicKey PrivateKey::publicKey() const
{
    if (m_key.isNull())
        return {};
    unsigned char pub[crypto_scalarmult_BYTES];
    if (crypto_scalarmult_base(pub, m_key.data()) != 0)
        return {};
    Result<PublicKey> key
        = PublicKey::fromRaw(QByteArrayView(reinterpret_cast<const char *>(pub), sizeof pub));
    return key.ok() ? key.value() : PublicKey {};
}

SecureBuffer PrivateKey::toBase64() const
{
    if (m_key.isNull())
        return {};
    // sodium_bin2base64 writes a terminating NUL; the result carries the text only.
    SecureBuffer withNul(sodium_base64_ENCODED_LEN(RawBytes, Base64Variant));
    if (withNul.isNull())
        return {};
    sodium_bin2base64(reinterpret_cast<char *>(withNul.data()), withNul.size(), m_key.data(), m_key.size(),
                      Base64Variant);
    return SecureBuffer::fromBytes(withNul.view().first(static_cast<qsizetype>(Base64Chars)));
}

} // namespace fvpn
