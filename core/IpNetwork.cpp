#include "IpNetwork.h"

#include "QuotedInput.h"

#include <QHashFunctions>

namespace fvpn {

namespace {

Error invalid(QString message)
{
    return makeError(ErrorCode::InvalidInput, std::move(message));
}

// Keeps the first `prefix` bits of the address and sets every later bit to `hostBit`.
IpAddress withHostBits(const IpAddress &address, int prefix, bool hostBit)
{
    std::array<quint8, 16> bytes = address.bytes();
    const int length = address.bitLength() / 8;
    for (int i = 0; i < length; ++i) {
        const int keep = qBound(0, prefix - 8 * i, 8); // network bits in this byte
        const quint8 hostMask = quint8(0xff >> keep);
        bytes[size_t(i)] = quint8(hostBit ? (bytes[size_t(i)] | hostMask) : (bytes[size_t(i)] & ~hostMask));
    }
    if (address.isIPv4())
        return IpAddress::fromIPv4((quint32(bytes[0]) << 24) | (quint32(bytes[1]) << 16)
                                   | (quint32(bytes[2]) << 8) | quint32(bytes[3]));
    return IpAddress::fromIPv6(bytes);
}

} // namespace

Result<int> IpNetwork::parsePrefixLength(QStringView prefix, const IpAddress &address, QStringView whole)
{
    const int maximum = address.bitLength();
    const QString why = QStringLiteral("%1 has an invalid prefix length (expected /0 to /%2)")
                            .arg(quotedInput(whole))
                            .arg(maximum);
    if (prefix.isEmpty() || prefix.size() > 3)
        return invalid(why);
    for (const QChar c : prefix) {
        if (c < u'0' || c > u'9')
            return invalid(why);
    }
    if (prefix.size() > 1 && prefix.front() == u'0')
        return invalid(
            QStringLiteral("%1 has an invalid prefix length (no leading zeros)").arg(quotedInput(whole)));
    const int value = prefix.toInt();
    if (value > maximum)
        return invalid(why);
    return value;
}

Result<IpNetwork> IpNetwork::parse(QStringView text, bool hostRouteIfBare)
{
    if (text.isEmpty())
        return invalid(QStringLiteral("the network is empty"));
    const qsizetype slash = text.indexOf(u'/');
    if (slash < 0) {
        const Result<IpAddress> address = IpAddress::parse(text);
        if (!address)
            return address.error();
        if (hostRouteIfBare)
            return hostRoute(*address);
        return invalid(QStringLiteral("%1 has no prefix length (write it like %2/%3)")
                           .arg(quotedInput(text), address->toString())
                           .arg(address->isIPv4() ? 24 : 64));
    }
    if (text.indexOf(u'/', slash + 1) >= 0)
        return invalid(
            QStringLiteral("%1 is not a valid network (more than one '/')").arg(quotedInput(text)));

    const Result<IpAddress> address = IpAddress::parse(text.left(slash));
    if (!address)
        return address.error();
    const Result<int> prefix = parsePrefixLength(text.mid(slash + 1), *address, text);
    if (!prefix)
        return prefix.error();

    const Result<IpNetwork> network = fromAddress(*address, *prefix);
    if (!network)
        return network.error();
    if (network->networkAddress() != *address)
        return invalid(QStringLiteral("%1/%2 has host bits set; did you mean %3?")
                           .arg(address->toString())
                           .arg(*prefix)
                           .arg(network->toString()));
    return network;
}

Result<IpNetwork> IpNetwork::fromAddress(const IpAddress &address, int prefixLength)
{
    if (address.isNull())
        return invalid(QStringLiteral("a network needs an address"));
    if (prefixLength < 0 || prefixLength > address.bitLength())
        return invalid(QStringLiteral("/%1 is not a valid prefix length for %2 (expected /0 to /%3)")
                           .arg(prefixLength)
                           .arg(address.toString())
                           .arg(address.bitLength()));
    IpNetwork network;
    network.m_address = withHostBits(address, prefixLength, false);
    network.m_prefix = prefixLength;
    return network;
}

IpNetwork IpNetwork::hostRoute(const IpAddress &address)
{
    IpNetwork network;
    if (address.isNull())
        return network;
    network.m_address = address;
    network.m_prefix = address.bitLength();
    return network;
}

IpAddress IpNetwork::broadcastAddress() const
{
    if (isNull())
        return {};
    return withHostBits(m_address, m_prefix, true);
}

quint64 IpNetwork::addressCount() const
{
    if (isNull())
        return 0;
    const int hostBits = m_address.bitLength() - m_prefix;
    if (hostBits >= 63)
        return quint64(1) << 63;
    return quint64(1) << hostBits;
}

bool IpNetwork::contains(const IpAddress &address) const
{
    if (isNull() || address.family() != family())
        return false;
    return withHostBits(address, m_prefix, false) == m_address;
}

bool IpNetwork::contains(const IpNetwork &other) const
{
    return !other.isNull() && other.m_prefix >= m_prefix && contains(other.m_address);
}

bool IpNetwork::overlaps(const IpNetwork &other) const
{
    // Two CIDR blocks are either nested or disjoint.
    return contains(other) || other.contains(*this);
}

QString IpNetwork::toString() const
{
    if (isNull())
        return {};
    return QStringLiteral("%1/%2").arg(m_address.toString()).arg(m_prefix);
}

size_t qHash(const IpNetwork &network, size_t seed) noexcept
{
    return qHashMulti(seed, network.networkAddress(), network.prefixLength());
}

} // namespace fvpn
