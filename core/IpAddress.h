#pragma once

#include "Result.h"

#include <QMetaType>
#include <QString>

#include <array>
#include <compare>

namespace fvpn {

// An IPv4 or IPv6 address. Parsing is strict: dotted-quad IPv4 with no leading
// zeros, no shorthand ("10.1"), no surrounding whitespace; IPv6 in RFC 4291 text
// form without zone ids.
class IpAddress
{
public:
    enum class Family : quint8
    {
        None,
        IPv4,
        IPv6
    };

    IpAddress() = default;
    static Result<IpAddress> parse(QStringView text);
    static IpAddress fromIPv4(quint32 address);
    static IpAddress fromIPv6(const std::array<quint8, 16> &bytes);

    Family family() const { return m_family; }
    bool isNull() const { return m_family == Family::None; }
    bool isIPv4() const { return m_family == Family::IPv4; }
    bool isIPv6() const { return m_family == Family::IPv6; }
    int bitLength() const { return isIPv4() ? 32 : 128; }

    quint32 toIPv4() const; // only for IPv4 (0 otherwise)
    const std::array<quint8, 16> &bytes() const { return m_bytes; } // IPv4 in the first 4
    QString toString() const; // canonical text (RFC 5952 for IPv6)

    // The address `offset` positions further; a null address on overflow past the
    // family's last address (and for a null address).
    IpAddress advanced(quint64 offset) const;

    friend bool operator==(const IpAddress &, const IpAddress &) = default;
    friend std::strong_ordering operator<=>(const IpAddress &, const IpAddress &) = default;

private:
    // Declaration order matters: the defaulted <=> orders by family, then bytes.
    Family m_family = Family::None;
    std::array<quint8, 16> m_bytes {};
};

size_t qHash(const IpAddress &address, size_t seed = 0) noexcept;

} // namespace fvpn

Q_DECLARE_METATYPE(fvpn::IpAddress)
