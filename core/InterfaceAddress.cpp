#include "InterfaceAddress.h"

#include "QuotedInput.h"

namespace fvpn {

Result<InterfaceAddress> InterfaceAddress::parse(QStringView text, int defaultPrefix)
{
    if (text.isEmpty())
        return makeError(ErrorCode::InvalidInput, QStringLiteral("the interface address is empty"));
    const qsizetype slash = text.indexOf(u'/');
    const Result<IpAddress> address = IpAddress::parse(slash < 0 ? text : text.left(slash));
    if (!address)
        return address.error();
    if (slash < 0) {
        if (defaultPrefix < 0)
            return makeError(ErrorCode::InvalidInput,
                             QStringLiteral("%1 has no prefix length (write it like %2/%3)")
                                 .arg(quotedInput(text), address->toString())
                                 .arg(address->isIPv4() ? 24 : 64));
        return make(*address, defaultPrefix);
    }
    if (text.indexOf(u'/', slash + 1) >= 0)
        return makeError(
            ErrorCode::InvalidInput,
            QStringLiteral("%1 is not a valid interface address (more than one '/')").arg(quotedInput(text)));
    const Result<int> prefix = IpNetwork::parsePrefixLength(text.mid(slash + 1), *address, text);
    if (!prefix)
        return prefix.error();
    return make(*address, *prefix);
}

Result<InterfaceAddress> InterfaceAddress::make(const IpAddress &address, int prefixLength)
{
    const Result<IpNetwork> network = IpNetwork::fromAddress(address, prefixLength);
    if (!network)
        return network.error();
    InterfaceAddress result;
    result.m_address = address;
    result.m_network = *network;
    return result;
}

QString InterfaceAddress::toString() const
{
    if (isNull())
        return {};
    return QStringLiteral("%1/%2").arg(m_address.toString()).arg(m_network.prefixLength());
}

} // namespace fvpn
