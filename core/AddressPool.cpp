#include "AddressPool.h"

namespace fvpn {

namespace {

// IPv4 blocks up to /30 lose their network and broadcast address; IPv6 blocks up to
// /126 their subnet-router anycast address.
bool excludesNetworkAddress(const IpNetwork &subnet)
{
    return subnet.prefixLength() <= subnet.networkAddress().bitLength() - 2;
}

bool excludesBroadcastAddress(const IpNetwork &subnet)
{
    return subnet.family() == IpAddress::Family::IPv4 && excludesNetworkAddress(subnet);
}

// Last address minus one; the subnet has at least four addresses when this is used.
IpAddress previous(const IpAddress &address)
{
    std::array<quint8, 16> bytes = address.bytes();
    for (int i = address.bitLength() / 8 - 1; i >= 0; --i) {
        if (bytes[size_t(i)]-- != 0)
            break;
    }
    if (address.isIPv4())
        return IpAddress::fromIPv4((quint32(bytes[0]) << 24) | (quint32(bytes[1]) << 16)
                                   | (quint32(bytes[2]) << 8) | quint32(bytes[3]));
    return IpAddress::fromIPv6(bytes);
}

} // namespace

AddressPool::AddressPool(const IpNetwork &subnet, const IpAddress &hubAddress)
    : m_subnet(subnet)
    , m_hub(hubAddress)
{
    if (m_subnet.isNull())
        return;
    m_first = excludesNetworkAddress(m_subnet) ? m_subnet.networkAddress().advanced(1)
                                               : m_subnet.networkAddress();
    m_last = excludesBroadcastAddress(m_subnet) ? previous(m_subnet.broadcastAddress())
                                                : m_subnet.broadcastAddress();
    m_nextFree = firstFreeFrom(m_first);
}

IpAddress AddressPool::firstFreeFrom(IpAddress from) const
{
    while (!from.isNull() && from <= m_last) {
        if (from != m_hub && !m_used.contains(from))
            return from;
        from = from.advanced(1);
    }
    return {};
}

Result<void> AddressPool::check(const IpAddress &address) const
{
    if (address.isNull())
        return makeError(ErrorCode::InvalidInput, QStringLiteral("no address given"));
    if (m_subnet.isNull())
        return makeError(ErrorCode::InvalidInput, QStringLiteral("the address pool has no subnet"));
    if (!m_subnet.contains(address))
        return makeError(
            ErrorCode::InvalidInput,
            QStringLiteral("%1 is outside the VPN subnet %2").arg(address.toString(), m_subnet.toString()));
    if (address < m_first)
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("%1 is the network address of %2 and cannot be given to a peer")
                             .arg(address.toString(), m_subnet.toString()));
    if (address > m_last)
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("%1 is the broadcast address of %2 and cannot be given to a peer")
                             .arg(address.toString(), m_subnet.toString()));
    if (address == m_hub)
        return makeError(ErrorCode::Conflict,
                         QStringLiteral("%1 is the hub's own address").arg(address.toString()));
    const auto it = m_used.constFind(address);
    if (it != m_used.constEnd()) {
        if (it->isEmpty())
            return makeError(ErrorCode::Conflict,
                             QStringLiteral("%1 is already in use").arg(address.toString()));
        return makeError(ErrorCode::Conflict,
                         QStringLiteral("%1 is already used by %2").arg(address.toString(), *it));
    }
    return {};
}

Result<void> AddressPool::reserve(const IpAddress &address, const QString &owner)
{
    if (const Result<void> ok = check(address); !ok)
        return ok;
    m_used.insert(address, owner);
    if (address == m_nextFree)
        m_nextFree = firstFreeFrom(address);
    return {};
}

void AddressPool::release(const IpAddress &address)
{
    if (m_used.remove(address) == 0)
        return;
    if (m_nextFree.isNull() || address < m_nextFree)
        m_nextFree = address;
}

bool AddressPool::isUsed(const IpAddress &address) const
{
    return m_used.contains(address);
}

QString AddressPool::ownerOf(const IpAddress &address) const
{
    return m_used.value(address);
}

Result<IpAddress> AddressPool::allocate() const
{
    if (m_subnet.isNull())
        return makeError(ErrorCode::Exhausted, QStringLiteral("the address pool has no subnet"));
    if (m_nextFree.isNull())
        return makeError(ErrorCode::Exhausted,
                         QStringLiteral("no free address left in %1 (%2 of %3 in use)")
                             .arg(m_subnet.toString())
                             .arg(usedCount())
                             .arg(capacity()));
    return m_nextFree;
}

quint64 AddressPool::capacity() const
{
    if (m_subnet.isNull())
        return 0;
    quint64 count = m_subnet.addressCount();
    if (excludesNetworkAddress(m_subnet))
        --count;
    if (excludesBroadcastAddress(m_subnet))
        --count;
    if (m_subnet.contains(m_hub) && m_hub >= m_first && m_hub <= m_last)
        --count;
    return count;
}

} // namespace fvpn
