#include "WgUapiGetParser.h"

#include "TextRules.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <limits>
#include <sodium.h>
#include <type_traits>

using namespace Qt::StringLiterals;

namespace fvpn::WgUapi {

namespace {

constexpr qsizetype MaxLineLength = 4096; // the longest real line is ~80 bytes

// Hex digit values, -1 for anything else: a table rather than branches, as the
// 64 digits of each of 10,000 keys are most of a periodic read's work.
constexpr std::array<signed char, 256> HexValues = [] {
    std::array<signed char, 256> values {};
    for (signed char &value : values)
        value = -1;
    for (int c = '0'; c <= '9'; ++c)
        values[size_t(c)] = static_cast<signed char>(c - '0');
    for (int c = 'a'; c <= 'f'; ++c)
        values[size_t(c)] = static_cast<signed char>(c - 'a' + 10);
    for (int c = 'A'; c <= 'F'; ++c)
        values[size_t(c)] = static_cast<signed char>(c - 'A' + 10);
    return values;
}();

bool decodeHex32(QByteArrayView hex, unsigned char *out)
{
    if (hex.size() != 64)
        return false;
    const auto *digits = reinterpret_cast<const unsigned char *>(hex.data());
    int invalid = 0; // the sign bit collects a -1 from any digit
    for (int i = 0; i < 32; ++i) {
        const int high = HexValues[digits[2 * i]];
        const int low = HexValues[digits[2 * i + 1]];
        invalid |= high | low;
        out[i] = static_cast<unsigned char>((high << 4) | (low & 15));
    }
    return invalid >= 0;
}

// `key` is `literal` (a string literal): a fixed-size compare the compiler inlines.
template<size_t N> bool keyIs(QByteArrayView key, const char (&literal)[N])
{
    return key.size() == qsizetype(N - 1) && std::memcmp(key.data(), literal, N - 1) == 0;
}
// Dotted-quad IPv4 without building a QString: the common case of every line.
// Strict like IpAddress::parse: four parts of 0..255, no leading zeros.
std::optional<IpAddress> parseIPv4(QByteArrayView text)
{
    const char *at = text.data();
    const char *const end = at + text.size();
    quint32 address = 0;
    for (int part = 0; part < 4; ++part) {
        if (part > 0) {
            if (at == end || *at != '.')
                return std::nullopt;
            ++at;
        }
        const char *const first = at;
        quint32 value = 0;
        while (at != end && *at >= '0' && *at <= '9' && at - first < 3)
            value = value * 10 + quint32(*at++ - '0');
        if (at == first || value > 255 || (at - first > 1 && *first == '0'))
            return std::nullopt;
        address = (address << 8) | value;
    }
    if (at != end)
        return std::nullopt;
    return IpAddress::fromIPv4(address);
}

std::optional<IpAddress> parseAddress(QByteArrayView text)
{
    if (std::optional<IpAddress> v4 = parseIPv4(text))
        return v4;
    const Result<IpAddress> parsed = IpAddress::parse(QString::fromLatin1(text));
    return parsed ? std::optional<IpAddress>(*parsed) : std::nullopt;
}

// "a.b.c.d:port" or "[v6]:port" (a link-local zone "%eth0" is dropped).
bool parseEndpoint(QByteArrayView text, IpAddress *address, quint16 *port)
{
    const qsizetype colon = text.lastIndexOf(':');
    if (colon <= 0)
        return false;
    const std::optional<quint64> number = TextRules::parseDecimal(text.sliced(colon + 1), 65535);
    if (!number)
        return false;
    QByteArrayView host = text.first(colon);
    if (host.startsWith('[')) {
        if (!host.endsWith(']'))
            return false;
        host = host.sliced(1, host.size() - 2);
        if (const qsizetype zone = host.indexOf('%'); zone >= 0)
            host = host.first(zone);
    }
    const std::optional<IpAddress> parsed = parseAddress(host);
    if (!parsed)
        return false;
    *address = *parsed;
    *port = quint16(*number);
    return true;
}

std::optional<IpNetwork> parseNetwork(QByteArrayView text)
{
    const qsizetype slash = text.indexOf('/');
    if (slash <= 0)
        return std::nullopt;
    const std::optional<IpAddress> address = parseAddress(text.first(slash));
    if (!address)
        return std::nullopt;
    const std::optional<quint64> prefix
        = TextRules::parseDecimal(text.sliced(slash + 1), quint64(address->bitLength()));
    if (!prefix)
        return std::nullopt;
    if (*prefix == quint64(address->bitLength()))
        return IpNetwork::hostRoute(*address); // every peer the hub sets: no host bits to check
    const Result<IpNetwork> network = IpNetwork::fromAddress(*address, int(*prefix));
    if (!network || network->networkAddress() != *address)
        return std::nullopt;
    return *network;
}

} // namespace

QString GetParser::shown(QByteArrayView text)
{
    return QString::fromLatin1(text.first(std::min<qsizetype>(text.size(), 64)));
}

std::optional<int> GetParser::parseErrno(QByteArrayView value)
{
    const bool negative = value.startsWith('-');
    const std::optional<quint64> number
        = TextRules::parseDecimal(negative ? value.sliced(1) : value, 1u << 30);
    if (!number)
        return std::nullopt;
    return negative ? -int(*number) : int(*number);
}

QString GetParser::errnoText(int value)
{
    const int code = value < 0 ? -value : value;
    return u"errno %1: %2"_s.arg(value).arg(QString::fromLocal8Bit(std::strerror(code)));
}

GetParser::GetParser(qsizetype expectedPeers)
{
    // A little over the last count: a few peers added since do not double the array.
    const qsizetype room = std::max<qsizetype>(expectedPeers + expectedPeers / 32 + 16, 64);
    m_state.peers.reserve(size_t(room));
}

GetParser::~GetParser()
{
    sodium_memzero(m_partial.data(), size_t(m_partial.size()));
}

void GetParser::fail(const QString &message)
{
    if (m_error.isEmpty())
        m_error = u"line %1 of the UAPI answer: %2"_s.arg(m_line).arg(message);
}

void GetParser::feed(QByteArrayView chunk)
{
    QByteArray copy = chunk.toByteArray();
    feed(copy.data(), copy.size());
    sodium_memzero(copy.data(), size_t(copy.size()));
}

void GetParser::feed(char *chunk, qsizetype size)
{
    while (size > 0 && !done()) {
        char *newline = static_cast<char *>(std::memchr(chunk, '\n', size_t(size)));
        if (!newline) {
            if (m_partial.size() + size > MaxLineLength) {
                ++m_line;
                fail(u"a line longer than %1 bytes"_s.arg(MaxLineLength));
                return;
            }
            m_partial.append(chunk, size);
            return;
        }
        const qsizetype length = newline - chunk;
        if (m_partial.isEmpty()) {
            parseLine(chunk, length);
        } else {
            m_partial.append(chunk, length);
            parseLine(m_partial.data(), m_partial.size());
            sodium_memzero(m_partial.data(), size_t(m_partial.size()));
            m_partial.resize(0);
        }
        chunk = newline + 1;
        size -= length + 1;
    }
}

void GetParser::parseLine(char *text, qsizetype size)
{
    const QByteArrayView line(text, size);
    ++m_line;
    if (line.isEmpty()) {
        if (!m_sawErrno)
            return fail(u"the answer ended without an errno line"_s);
        m_done = true;
        return;
    }
    // Keys are short: a plain scan beats a library call per line.
    qsizetype equals = 0;
    while (equals < size && text[equals] != '=')
        ++equals;
    if (equals == 0 || equals == size)
        return fail(u"'%1' is not key=value"_s.arg(shown(line)));
    const QByteArrayView key = line.first(equals);
    const QByteArrayView value = line.sliced(equals + 1);

    if (keyIs(key, "public_key")) {
        unsigned char raw[32];
        if (!decodeHex32(value, raw))
            return fail(u"'%1' is not a public key"_s.arg(shown(value)));
        const Result<PublicKey> publicKey
            = PublicKey::fromRaw(QByteArrayView(reinterpret_cast<const char *>(raw), sizeof raw));
        if (!publicKey)
            return fail(publicKey.error().message);
        m_state.peers.emplace_back();
        m_peer = &m_state.peers.back();
        m_peer->key = *publicKey;
        return;
    }
    if (keyIs(key, "private_key")) {
        // Never quoted, never kept: only its public half leaves this function.
        std::array<unsigned char, 32> secret {};
        std::array<unsigned char, 32> publicHalf {};
        const bool decoded = decodeHex32(value, secret.data());
        const bool derived
            = decoded && crypto_scalarmult_curve25519_base(publicHalf.data(), secret.data()) == 0;
        sodium_memzero(secret.data(), secret.size());
        if (!derived)
            return fail(u"the private key line is malformed"_s);
        if (const Result<PublicKey> publicKey = PublicKey::fromRaw(
                QByteArrayView(reinterpret_cast<const char *>(publicHalf.data()), publicHalf.size()));
            publicKey)
            m_state.publicKey = *publicKey;
        return;
    }
    if (keyIs(key, "errno")) {
        const std::optional<int> number = parseErrno(value);
        if (!number)
            return fail(u"'%1' is not an errno"_s.arg(shown(value)));
        m_errno = *number;
        m_sawErrno = true;
        return;
    }
    if (keyIs(key, "listen_port")) {
        const std::optional<quint64> port = TextRules::parseDecimal(value, 65535);
        if (!port)
            return fail(u"'%1' is not a port"_s.arg(shown(value)));
        m_state.listenPort = quint16(*port);
        return;
    }
    if (!m_peer)
        return; // fwmark and whatever a later version adds for the interface
    if (keyIs(key, "allowed_ip")) {
        const std::optional<IpNetwork> network = parseNetwork(value);
        if (!network)
            return fail(u"'%1' is not an allowed IP"_s.arg(shown(value)));
        if (m_peer->allowedCount++ == 0)
            m_peer->allowed = *network;
        return;
    }
    if (keyIs(key, "endpoint")) {
        if (!parseEndpoint(value, &m_peer->endpointAddress, &m_peer->endpointPort))
            return fail(u"'%1' is not an endpoint"_s.arg(shown(value)));
        return;
    }
    const auto number = [&](auto *field, quint64 max) {
        const std::optional<quint64> parsed = TextRules::parseDecimal(value, max);
        if (!parsed)
            return fail(u"'%1' is not a number for %2"_s.arg(shown(value), shown(key)));
        *field = std::remove_pointer_t<decltype(field)>(*parsed);
    };
    if (keyIs(key, "last_handshake_time_sec"))
        return number(&m_peer->lastHandshake, quint64(std::numeric_limits<qint64>::max()));
    if (keyIs(key, "rx_bytes"))
        return number(&m_peer->rxBytes, std::numeric_limits<quint64>::max());
    if (keyIs(key, "tx_bytes"))
        return number(&m_peer->txBytes, std::numeric_limits<quint64>::max());
    if (keyIs(key, "persistent_keepalive_interval"))
        return number(&m_peer->persistentKeepalive, 65535);
    if (keyIs(key, "preshared_key")) {
        // A secret too (all zeros when unset): never looked at, wiped.
        sodium_memzero(text + equals + 1, size_t(value.size()));
        return;
    }
    // protocol_version, last_handshake_time_nsec and keys of later versions.
}

Result<LiveState> GetParser::finish()
{
    if (!m_error.isEmpty())
        return makeError(ErrorCode::InvalidInput, m_error);
    if (!m_done)
        return makeError(ErrorCode::Unavailable, u"the UAPI answer ended early"_s);
    if (m_errno != 0)
        return makeError(ErrorCode::Unavailable,
                         u"wireguard-go refused to list the interface (%1)"_s.arg(errnoText(m_errno)));
    return std::move(m_state);
}
} // namespace fvpn::WgUapi
