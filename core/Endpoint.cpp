#include "Endpoint.h"

#include "IpAddress.h"
#include "QuotedInput.h"

#include <algorithm>

namespace fvpn {

namespace {

Error invalid(QString message)
{
    return makeError(ErrorCode::InvalidInput, std::move(message));
}

bool isAsciiDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

bool isAsciiLetter(QChar c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z');
}

bool isDigitsAndDots(QStringView text)
{
    for (const QChar c : text) {
        if (!isAsciiDigit(c) && c != u'.')
            return false;
    }
    return true;
}

Result<quint16> parsePort(QStringView port, QStringView whole)
{
    const auto fail = [&] {
        return invalid(QStringLiteral("%1 has an invalid port %2 (expected a number 1–65535)")
                           .arg(quotedInput(whole), quotedInput(port)));
    };
    if (port.isEmpty() || port.size() > 5 || port.front() == u'0')
        return fail();
    for (const QChar c : port) {
        if (!isAsciiDigit(c))
            return fail();
    }
    const uint value = port.toUInt();
    if (value < 1 || value > 65535)
        return fail();
    return quint16(value);
}

// RFC 1123 host names; on success the lowercase form, since DNS ignores case and
// equal endpoints should compare equal.
Result<QString> checkHostName(QStringView host)
{
    const auto fail = [&](const QString &why) {
        return invalid(QStringLiteral("%1 is not a valid host name (%2)").arg(quotedInput(host), why));
    };
    if (host.size() > 253)
        return fail(QStringLiteral("at most 253 characters"));
    const QList<QStringView> labels = host.split(u'.');
    for (const QStringView label : labels) {
        if (label.isEmpty())
            return fail(QStringLiteral("a part between the dots is empty"));
        if (label.size() > 63)
            return fail(QStringLiteral("each part between the dots is at most 63 characters"));
        for (const QChar c : label) {
            if (!isAsciiLetter(c) && !isAsciiDigit(c) && c != u'-')
                return fail(QStringLiteral("only letters a–z, digits, '-' and '.' are allowed"));
        }
        if (label.front() == u'-' || label.back() == u'-')
            return fail(QStringLiteral("a part cannot start or end with '-'"));
    }
    // A numeric last label ("1", "0x7f") makes resolvers read the whole name as an
    // IPv4 address in inet_aton()'s loose forms ("0x7f.1" is 127.0.0.1).
    const QStringView top = labels.back();
    const bool numeric = isDigitsAndDots(top)
        || (top.size() > 2 && top.front() == u'0' && (top.at(1) == u'x' || top.at(1) == u'X')
            && std::all_of(top.begin() + 2, top.end(), [](QChar c) {
                   return isAsciiDigit(c) || (c >= u'a' && c <= u'f') || (c >= u'A' && c <= u'F');
               }));
    if (numeric)
        return fail(QStringLiteral("the last part cannot be a number"));
    return host.toString().toLower();
}

// The host part of an endpoint, brackets already removed: an IP literal in canonical
// form or a checked host name.
Result<QString> checkHost(QStringView host, bool bracketed)
{
    if (host.isEmpty())
        return invalid(QStringLiteral("the endpoint has no host"));
    if (bracketed && !host.contains(u':'))
        return invalid(QStringLiteral("%1 is not an IPv6 address; only IPv6 addresses go in brackets")
                           .arg(quotedInput(host)));
    if (host.contains(u':') || isDigitsAndDots(host)) {
        const Result<IpAddress> address = IpAddress::parse(host);
        if (!address)
            return address.error();
        return address->toString();
    }
    return checkHostName(host);
}

} // namespace

Result<Endpoint> Endpoint::parse(QStringView text)
{
    if (text.isEmpty())
        return invalid(QStringLiteral("the endpoint is empty"));
    for (const QChar c : text) {
        if (c.isSpace() || c.category() == QChar::Other_Control || c.category() == QChar::Other_Format)
            return invalid(
                QStringLiteral("%1 is not a valid endpoint (it contains spaces or control characters)")
                    .arg(quotedInput(text)));
    }

    QStringView host;
    QStringView port;
    bool bracketed = false;
    if (text.front() == u'[') {
        const qsizetype close = text.indexOf(u']');
        if (close < 0)
            return invalid(QStringLiteral("%1 is not a valid endpoint (missing ']')").arg(quotedInput(text)));
        if (close + 1 >= text.size() || text.at(close + 1) != u':')
            return invalid(QStringLiteral("%1 is not a valid endpoint (expected ':' and a port after ']', "
                                          "like [2001:db8::1]:51820)")
                               .arg(quotedInput(text)));
        host = text.mid(1, close - 1);
        port = text.mid(close + 2);
        bracketed = true;
    } else {
        if (text.contains(u'[') || text.contains(u']'))
            return invalid(QStringLiteral("%1 is not a valid endpoint (brackets go around an IPv6 address, "
                                          "like [2001:db8::1]:51820)")
                               .arg(quotedInput(text)));
        const qsizetype colon = text.lastIndexOf(u':');
        if (colon < 0)
            return invalid(QStringLiteral("%1 has no port (write it like %2:51820)")
                               .arg(quotedInput(text), text.toString()));
        if (text.indexOf(u':') != colon) {
            // Unbracketed IPv6: where the address ends and the port begins is a
            // guess, so refuse and show the unambiguous form.
            const Result<IpAddress> address = IpAddress::parse(text.left(colon));
            if (address && address->isIPv6())
                return invalid(
                    QStringLiteral(
                        "%1 is not a valid endpoint (put an IPv6 address in brackets, like [%2]:%3)")
                        .arg(quotedInput(text), address->toString(), text.mid(colon + 1).toString()));
            if (const Result<IpAddress> whole = IpAddress::parse(text); whole && whole->isIPv6())
                return invalid(QStringLiteral("%1 has no port (write it like [%2]:51820)")
                                   .arg(quotedInput(text), whole->toString()));
            return invalid(QStringLiteral("%1 is not a valid endpoint (expected host:port; an IPv6 address "
                                          "goes in brackets, like [2001:db8::1]:51820)")
                               .arg(quotedInput(text)));
        }
        host = text.left(colon);
        port = text.mid(colon + 1);
    }

    const Result<QString> checkedHost = checkHost(host, bracketed);
    if (!checkedHost)
        return checkedHost.error();
    const Result<quint16> checkedPort = parsePort(port, text);
    if (!checkedPort)
        return checkedPort.error();
    Endpoint endpoint;
    endpoint.m_host = *checkedHost;
    endpoint.m_port = *checkedPort;
    return endpoint;
}

Result<Endpoint> Endpoint::make(const QString &host, int port)
{
    for (const QChar c : host) {
        if (c.isSpace() || c.category() == QChar::Other_Control || c.category() == QChar::Other_Format)
            return invalid(QStringLiteral("%1 is not a valid host (it contains spaces or control characters)")
                               .arg(quotedInput(host)));
    }
    if (host.contains(u'[') || host.contains(u']'))
        return invalid(QStringLiteral("%1 is not a valid host (give an IPv6 address without brackets)")
                           .arg(quotedInput(host)));
    const Result<QString> checkedHost = checkHost(host, false);
    if (!checkedHost)
        return checkedHost.error();
    if (port < 1 || port > 65535)
        return invalid(QStringLiteral("%1 is not a valid port (expected a number 1–65535)").arg(port));
    Endpoint endpoint;
    endpoint.m_host = *checkedHost;
    endpoint.m_port = quint16(port);
    return endpoint;
}

bool Endpoint::hostIsIPv6() const
{
    return m_host.contains(QLatin1Char(':'));
}

QString Endpoint::toString() const
{
    if (isNull())
        return {};
    if (hostIsIPv6())
        return QStringLiteral("[%1]:%2").arg(m_host).arg(m_port);
    return QStringLiteral("%1:%2").arg(m_host).arg(m_port);
}

} // namespace fvpn
