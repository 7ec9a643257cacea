#pragma once

#include "PublicKey.h"
#include "Result.h"
#include "SecureBuffer.h"

namespace fvpn {

// A WireGuard private key, clamped the way WireGuard clamps it, held only in
// sodium-guarded memory. Move-only.
class PrivateKey
{
public:
    static constexpr int RawSize = 32;

    PrivateKey() = default;
    static Result<PrivateKey> generate();
    // Parses the 44-character standard base64 form exactly as `wg genkey` prints it,
    // without the trailing newline (trim it first); the input is neither retained nor
    // quoted in errors. A key that is not clamped is accepted and clamped, as WireGuard
    // itself does, so toBase64() then returns the clamped form, not the input.
    // The all-zero key is rejected.
    static Result<PrivateKey> fromBase64(QByteArrayView base64);

    bool isNull() const { return m_key.isNull(); }
    // Null for a null key.
    PublicKey publicKey() const;
    // Base64 text (44 chars, no terminator) in guarded memory, for the keychain or a
    // config the user explicitly asked to export.
    SecureBuffer toBase64() const;
    const SecureBuffer &raw() const { return m_key; }

private:
    explicit PrivateKey(SecureBuffer key);
    SecureBuffer m_key;
};

} // namespace fvpn
