#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <cstddef>

namespace fvpn {

// Bytes in libsodium-guarded memory: allocated with sodium_malloc (guard pages,
// mlock'ed so they never reach swap), wiped on destruction, move-only so a secret
// is never silently copied into ordinary heap memory.
class SecureBuffer
{
public:
    SecureBuffer() = default;
    // Zero-filled. isNull() is true when size is 0 or the allocation failed.
    explicit SecureBuffer(std::size_t size);
    static SecureBuffer fromBytes(QByteArrayView bytes);
    ~SecureBuffer();

    SecureBuffer(SecureBuffer &&other) noexcept;
    SecureBuffer &operator=(SecureBuffer &&other) noexcept;
    SecureBuffer(const SecureBuffer &) = delete;
    SecureBuffer &operator=(const SecureBuffer &) = delete;

    bool isNull() const { return m_data == nullptr; }
    std::size_t size() const { return m_size; }
    unsigned char *data() { return m_data; }
    const unsigned char *data() const { return m_data; }
    QByteArrayView view() const;

    // Constant-time comparison.
    bool equals(const SecureBuffer &other) const;

    // Wipe memory that held a secret outside a SecureBuffer (a QByteArray from a
    // library API, say). Afterwards `bytes` keeps its size and holds only zeros.
    // Detaches first, so other QByteArrays sharing the storage keep their value:
    // to wipe the storage itself, wipe the last copy of it.
    static void wipe(QByteArray &bytes);

private:
    unsigned char *m_data = nullptr;
    std::size_t m_size = 0;
};

// sodium_init() once per process; false if libsodium cannot be used.
bool initSodium();

} // namespace fvpn
