#include "IpAddress.h"

#include "QuotedInput.h"

#include <QHashFunctions>
#include <QStringList>

namespace fvpn {

namespace {

// Only ASCII counts: QChar::isDigit() would also accept Arabic-Indic or full-width
// digits, which no tool downstream reads as numbers.
bool isAsciiDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

int hexValue(QChar c)
{
    if (isAsciiDigit(c))
        return c.unicode() - u'0';
    if (c >= u'a' && c <= u'f')
        return c.unicode() - u'a' + 10;
    if (c >= u'A' && c <= u'F')
        return c.unicode() - u'A' + 10;
    return -1;
}

bool hasSpaceOrControl(QStringView text)
{
    for (const QChar c : text) {
        if (c.isSpace() || c.category() == QChar::Other_Control || c.category() == QChar::Other_Format)
            return true;
    }
    return false;
}

Error invalid(QString message)
{
    return makeError(ErrorCode::InvalidInput, std::move(message));
}

Error invalidIPv4(QStringView text, const QString &why)
{
    return invalid(QStringLiteral("%1 is not a valid IPv4 address (%2)").arg(quotedInput(text), why));
}

Error invalidIPv6(QStringView text, const QString &why)
{
    return invalid(QStringLiteral("%1 is not a valid IPv6 address (%2)").arg(quotedInput(text), why));
}

// `text` holds only digits and dots here. `whole` is what the user typed, for the
// message (an embedded IPv4 is reported as part of its IPv6 address).
Result<quint32> parseIPv4(QStringView text, QStringView whole, bool insideIPv6)
{
    const auto fail = [&](const QString &why) {
        return insideIPv6 ? invalidIPv6(whole, why) : invalidIPv4(whole, why);
    };
    const QList<QStringView> parts = text.split(u'.');
    if (parts.size() != 4)
        return fail(QStringLiteral("expected four numbers separated by dots, like 10.42.42.1"));
    quint32 value = 0;
    for (const QStringView part : parts) {
        if (part.isEmpty())
            return fail(QStringLiteral("a part between the dots is empty"));
        for (const QChar c : part) {
            if (!isAsciiDigit(c))
                return fail(QStringLiteral("each part must be a decimal number 0–255"));
        }
        // A leading zero reads as octal to inet_aton() and friends: "010" would
        // silently become 8 there, so refuse rather than guess.
        if (part.size() > 1 && part.front() == u'0')
            return fail(QStringLiteral("leading zeros are not allowed"));
        if (part.size() > 3)
            return fail(QStringLiteral("each part must be 0–255"));
        const uint octet = part.toUInt();
        if (octet > 255)
            return fail(QStringLiteral("each part must be 0–255"));
        value = (value << 8) | octet;
    }
    return value;
}

// RFC 4291 section 2.2 text forms, without zone ids.
Result<std::array<quint8, 16>> parseIPv6(QStringView text)
{
    for (const QChar c : text) {
        if (c == u'%')
            return invalidIPv6(text, QStringLiteral("zone ids such as %eth0 are not allowed"));
        if (c == u'[' || c == u']')
            return invalidIPv6(text, QStringLiteral("write it without brackets"));
        if (c != u':' && c != u'.' && hexValue(c) < 0)
            return invalidIPv6(text, QStringLiteral("only hex digits, ':' and '.' may appear"));
    }

    const qsizetype gap = text.indexOf(u"::");
    if (gap >= 0 && text.indexOf(u"::", gap + 1) >= 0)
        return invalidIPv6(text, QStringLiteral("'::' may appear only once"));

    const auto splitGroups = [](QStringView part) {
        return part.isEmpty() ? QList<QStringView> {} : part.split(u':');
    };
    const QList<QStringView> head = splitGroups(gap >= 0 ? text.left(gap) : text);
    const QList<QStringView> tail = gap >= 0 ? splitGroups(text.mid(gap + 2)) : QList<QStringView> {};

    // Each entry is one 16-bit group; an embedded IPv4 address adds two.
    QList<quint16> headValues;
    QList<quint16> tailValues;
    const auto convert
        = [&](const QList<QStringView> &groups, QList<quint16> &values, bool holdsLast) -> Result<void> {
        for (qsizetype i = 0; i < groups.size(); ++i) {
            const QStringView group = groups.at(i);
            if (group.isEmpty())
                return invalidIPv6(text, QStringLiteral("a single ':' cannot start or end the address"));
            if (group.contains(u'.')) {
                if (!holdsLast || i != groups.size() - 1)
                    return invalidIPv6(text, QStringLiteral("an IPv4 part may only come last"));
                const Result<quint32> v4 = parseIPv4(group, text, true);
                if (!v4)
                    return v4.error();
                values << quint16(*v4 >> 16) << quint16(*v4 & 0xffff);
                continue;
            }
            if (group.size() > 4)
                return invalidIPv6(text, QStringLiteral("each group is 1 to 4 hex digits"));
            quint16 value = 0;
            for (const QChar c : group)
                value = quint16((value << 4) | hexValue(c));
            values << value;
        }
        return {};
    };
    if (const Result<void> r = convert(head, headValues, gap < 0); !r)
        return r.error();
    if (const Result<void> r = convert(tail, tailValues, true); !r)
        return r.error();

    const qsizetype groups = headValues.size() + tailValues.size();
    if (gap < 0 && groups != 8)
        return invalidIPv6(text, QStringLiteral("expected 8 groups, or '::' for a run of zeros"));
    if (gap >= 0 && groups > 7)
        return invalidIPv6(text, QStringLiteral("too many groups for '::'"));

    std::array<quint16, 8> words {};
    for (qsizetype i = 0; i < headValues.size(); ++i)
        words[size_t(i)] = headValues.at(i);
    for (qsizetype i = 0; i < tailValues.size(); ++i)
        words[size_t(8 - tailValues.size() + i)] = tailValues.at(i);
    std::array<quint8, 16> bytes {};
    for (size_t i = 0; i < 8; ++i) {
        bytes[2 * i] = quint8(words[i] >> 8);
        bytes[2 * i + 1] = quint8(words[i] & 0xff);
    }
    return bytes;
}

// RFC 5952: lowercase, no leading zeros, the longest run (first on a tie) of two or
// more zero groups as "::", and IPv4-mapped addresses in mixed notation.
QString formatIPv6(const std::array<quint8, 16> &bytes)
{
    std::array<quint16, 8> words {};
    for (size_t i = 0; i < 8; ++i)
        words[i] = quint16((bytes[2 * i] << 8) | bytes[2 * i + 1]);

    const bool mapped = words[0] == 0 && words[1] == 0 && words[2] == 0 && words[3] == 0 && words[4] == 0
        && words[5] == 0xffff;
    const size_t hexWords = mapped ? 6 : 8;

    size_t bestStart = 0;
    size_t bestLength = 0;
    for (size_t i = 0; i < hexWords;) {
        if (words[i] != 0) {
            ++i;
            continue;
        }
        size_t j = i;
        while (j < hexWords && words[j] == 0)
            ++j;
        if (j - i > bestLength) {
            bestStart = i;
            bestLength = j - i;
        }
        i = j;
    }
    if (bestLength < 2)
        bestLength = 0;

    QString out;
    for (size_t i = 0; i < hexWords; ++i) {
        if (bestLength > 0 && i == bestStart) {
            out += QStringLiteral("::");
            i += bestLength - 1;
            continue;
        }
        if (!out.isEmpty() && !out.endsWith(QLatin1Char(':')))
            out += QLatin1Char(':');
        out += QString::number(words[i], 16);
    }
    if (mapped) {
        if (!out.endsWith(QLatin1Char(':')))
            out += QLatin1Char(':');
        out += QStringLiteral("%1.%2.%3.%4").arg(bytes[12]).arg(bytes[13]).arg(bytes[14]).arg(bytes[15]);
    }
    return out;
}

} // namespace

Result<IpAddress> IpAddress::parse(QStringView text)
{
    if (text.isEmpty())
        return invalid(QStringLiteral("the IP address is empty"));
    if (hasSpaceOrControl(text))
        return invalid(
            QStringLiteral("%1 is not a valid IP address (it contains spaces or control characters)")
                .arg(quotedInput(text)));
    if (text.contains(u':') || text.contains(u'%') || text.contains(u'[')) {
        const Result<std::array<quint8, 16>> bytes = parseIPv6(text);
        if (!bytes)
            return bytes.error();
        return fromIPv6(*bytes);
    }
    for (const QChar c : text) {
        if (!isAsciiDigit(c) && c != u'.')
            return invalid(QStringLiteral("%1 is not a valid IP address (expected an IPv4 address like "
                                          "10.42.42.1 or an IPv6 address like fd00::1)")
                               .arg(quotedInput(text)));
    }
    const Result<quint32> v4 = parseIPv4(text, text, false);
    if (!v4)
        return v4.error();
    return fromIPv4(*v4);
}

IpAddress IpAddress::fromIPv4(quint32 address)
{
    IpAddress result;
    result.m_family = Family::IPv4;
    result.m_bytes[0] = quint8(address >> 24);
    result.m_bytes[1] = quint8(address >> 16);
    result.m_bytes[2] = quint8(address >> 8);
    result.m_bytes[3] = quint8(address);
    return result;
}

IpAddress IpAddress::fromIPv6(const std::array<quint8, 16> &bytes)
{
    IpAddress result;
    result.m_family = Family::IPv6;
    result.m_bytes = bytes;
    return result;
}

quint32 IpAddress::toIPv4() const
{
    if (!isIPv4())
        return 0;
    return (quint32(m_bytes[0]) << 24) | (quint32(m_bytes[1]) << 16) | (quint32(m_bytes[2]) << 8)
        | quint32(m_bytes[3]);
}

QString IpAddress::toString() const
{
    switch (m_family) {
    case Family::None:
        return {};
    case Family::IPv4:
        return QStringLiteral("%1.%2.%3.%4").arg(m_bytes[0]).arg(m_bytes[1]).arg(m_bytes[2]).arg(m_bytes[3]);
    case Family::IPv6:
        return formatIPv6(m_bytes);
    }
    return {};
}

IpAddress IpAddress::advanced(quint64 offset) const
{
    if (isNull())
        return {};
    IpAddress result = *this;
    // Big-endian addition over the family's bytes, carrying the offset's bytes in.
    const int length = isIPv4() ? 4 : 16;
    quint64 carry = offset;
    for (int i = length - 1; i >= 0 && carry != 0; --i) {
        const quint64 sum = quint64(result.m_bytes[size_t(i)]) + (carry & 0xff);
        result.m_bytes[size_t(i)] = quint8(sum & 0xff);
        carry = (carry >> 8) + (sum >> 8);
    }
    if (carry != 0)
        return {};
    return result;
}

size_t qHash(const IpAddress &address, size_t seed) noexcept
{
    return qHashMulti(seed, quint8(address.family()),
                      qHashBits(address.bytes().data(), address.bytes().size(), 0));
}

} // namespace fvpn
