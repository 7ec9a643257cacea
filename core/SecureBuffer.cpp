#include "SecureBuffer.h"

#include <QByteArray>

#include <cstring>
#include <sodium.h>
#include <utility>

namespace fvpn {

bool initSodium()
{
    // A function-local static is initialised exactly once even with concurrent
    // callers; sodium_init() itself is also safe to call repeatedly.
    static const bool ok = sodium_init() >= 0;
    return ok;
}

SecureBuffer::SecureBuffer(std::size_t size)
{
    // sodium_malloc needs the page size that sodium_init() determines. A zero-size
    // buffer stays null: there is nothing to guard.
    if (size == 0 || !initSodium())
        return;
    m_data = static_cast<unsigned char *>(sodium_malloc(size));
    if (!m_data)
        return;
    m_size = size;
    // sodium_malloc fills with a marker byte; callers expect a clean slate.
    sodium_memzero(m_data, m_size);
}

SecureBuffer SecureBuffer::fromBytes(QByteArrayView bytes)
{
    SecureBuffer buffer(static_cast<std::size_t>(bytes.size()));
    if (!buffer.isNull())
        std::memcpy(buffer.m_data, bytes.data(), buffer.m_size);
    return buffer;
}

SecureBuffer::~SecureBuffer()
{
    // sodium_free zeroes the memory before releasing it.
    if (m_data)
        sodium_free(m_data);
}

SecureBuffer::SecureBuffer(SecureBuffer &&other) noexcept
    : m_data(std::exchange(other.m_data, nullptr))
    , m_size(std::exchange(other.m_size, 0))
{ }

SecureBuffer &SecureBuffer::operator=(SecureBuffer &&other) noexcept
{
    if (this != &other) {
        if (m_data)
            sodium_free(m_data);
        m_data = std::exchange(other.m_data, nullptr);
        m_size = std::exchange(other.m_size, 0);
    }
    return *this;
}

QByteArrayView SecureBuffer::view() const
{
    return QByteArrayView(reinterpret_cast<const char *>(m_data), static_cast<qsizetype>(m_size));
}

bool SecureBuffer::equals(const SecureBuffer &other) const
{
    // The sizes are not secret (keys have fixed sizes), the contents are.
    if (m_size != other.m_size)
        return false;
    if (m_size == 0)
        return true;
    return sodium_memcmp(m_data, other.m_data, m_size) == 0;
}

void SecureBuffer::wipe(QByteArray &bytes)
{
    if (bytes.isNull())
        return;
    // data() detaches: when other QByteArrays share the storage we get (and wipe)
    // a private copy instead of changing their value under them. When this is the
    // last owner it is the original storage that gets zeroed. Everything up to the
    // capacity is wiped because a shrunk array keeps old bytes past size().
    char *data = bytes.data();
    sodium_memzero(data, static_cast<std::size_t>(bytes.capacity()));
}

} // namespace fvpn
