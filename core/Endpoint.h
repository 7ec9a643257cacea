#pragma once

#include "Result.h"

#include <QString>

namespace fvpn {

// A UDP endpoint "host:port": "203.0.113.7:5555", "[2001:db8::1]:5555",
// "hub.example.com:5555". IPv6 literals must be bracketed. Hostnames are checked
// against RFC 1123 label rules. The host is kept in canonical form (host names in
// lowercase, IPv6 per RFC 5952), so equal endpoints compare equal.
class Endpoint
{
public:
    Endpoint() = default;
    static Result<Endpoint> parse(QStringView text);
    static Result<Endpoint> make(const QString &host, int port);

    bool isNull() const { return m_host.isEmpty(); }
    const QString &host() const { return m_host; } // without brackets
    quint16 port() const { return m_port; }
    bool hostIsIPv6() const;
    QString toString() const; // brackets an IPv6 host

    friend bool operator==(const Endpoint &, const Endpoint &) = default;

private:
    QString m_host;
    quint16 m_port = 0;
};

} // namespace fvpn
