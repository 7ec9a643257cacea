#pragma once

#include "IpAddress.h"
#include "Result.h"

namespace fvpn {

// A CIDR block such as 10.42.42.0/24 or 10.42.42.7/32. The stored address is always
// the network address.
class IpNetwork
{
public:
    IpNetwork() = default;

    // "10.42.42.0/24". Host bits set ("10.42.42.1/24") is an error: use
    // InterfaceAddress for an address with its subnet. A bare address without a
    // prefix is an error unless hostRouteIfBare is true (then /32 or /128).
    static Result<IpNetwork> parse(QStringView text, bool hostRouteIfBare = false);
    static Result<IpNetwork> fromAddress(const IpAddress &address, int prefixLength); // masks host bits
    static IpNetwork hostRoute(const IpAddress &address);
    // The digits after the '/' of `whole`, checked for `address`'s family: decimal,
    // no leading zeros, 0..32 or 0..128. Shared with InterfaceAddress.
    static Result<int> parsePrefixLength(QStringView prefix, const IpAddress &address, QStringView whole);

    bool isNull() const { return m_address.isNull(); }
    const IpAddress &networkAddress() const { return m_address; }
    int prefixLength() const { return m_prefix; }
    IpAddress::Family family() const { return m_address.family(); }
    IpAddress broadcastAddress() const; // last address of the block (IPv4 and IPv6 alike)
    bool isHostRoute() const { return m_prefix == m_address.bitLength(); }
    // Number of addresses, saturated at 2^63 for very large IPv6 blocks.
    quint64 addressCount() const;

    bool contains(const IpAddress &address) const;
    bool contains(const IpNetwork &other) const;
    bool overlaps(const IpNetwork &other) const;

    QString toString() const; // "10.42.42.0/24"

    friend bool operator==(const IpNetwork &, const IpNetwork &) = default;
    friend std::strong_ordering operator<=>(const IpNetwork &, const IpNetwork &) = default;

private:
    IpAddress m_address;
    int m_prefix = 0;
};

size_t qHash(const IpNetwork &network, size_t seed = 0) noexcept;

} // namespace fvpn
