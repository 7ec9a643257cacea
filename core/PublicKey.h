#pragma once

#include "Result.h"

#include <QByteArray>
#include <QMetaType>
#include <QString>

#include <array>

namespace fvpn {

// A WireGuard (Curve25519) public key. Always valid once constructed through
// fromBase64/fromRaw: exactly 32 bytes, not all zero.
class PublicKey
{
public:
    static constexpr int RawSize = 32;
    static constexpr int Base64Size = 44;

    PublicKey() = default; // null key; isNull() is true

    // Accepts exactly the 44-character standard base64 form that `wg` prints
    // (with the trailing '='); rejects whitespace, URL-safe alphabet, all-zero keys.
    static Result<PublicKey> fromBase64(QStringView text);
    static Result<PublicKey> fromRaw(QByteArrayView raw);

    bool isNull() const { return m_isNull; }
    QString toBase64() const;
    QByteArray raw() const;
    // The 32 bytes in place (all zero for a null key): for lookups that must not allocate.
    const unsigned char *rawData() const { return m_bytes.data(); }
    // A short form for tables and logs: the first 8 characters of the base64 text.
    QString fingerprint() const;

    friend bool operator==(const PublicKey &, const PublicKey &) = default;
    friend auto operator<=>(const PublicKey &, const PublicKey &) = default;
    friend size_t qHash(const PublicKey &key, size_t seed) noexcept;

private:
    std::array<unsigned char, RawSize> m_bytes {};
    bool m_isNull = true;
};

size_t qHash(const PublicKey &key, size_t seed = 0) noexcept;

} // namespace fvpn

Q_DECLARE_METATYPE(fvpn::PublicKey)
