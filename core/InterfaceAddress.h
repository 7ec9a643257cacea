#pragma once

#include "IpAddress.h"
#include "IpNetwork.h"
#include "Result.h"

namespace fvpn {

// An interface's address together with its subnet: "10.42.42.1/24" (the form of
// wg-quick's Address= and the hub's --vpnaddr). A bare address gets defaultPrefix.
class InterfaceAddress
{
public:
    InterfaceAddress() = default;
    static Result<InterfaceAddress> parse(QStringView text, int defaultPrefix = -1);
    static Result<InterfaceAddress> make(const IpAddress &address, int prefixLength);

    const IpAddress &address() const { return m_address; }
    const IpNetwork &network() const { return m_network; }
    bool isNull() const { return m_address.isNull(); }
    QString toString() const; // "10.42.42.1/24"

    friend bool operator==(const InterfaceAddress &, const InterfaceAddress &) = default;

private:
    IpAddress m_address;
    IpNetwork m_network;
};

} // namespace fvpn
