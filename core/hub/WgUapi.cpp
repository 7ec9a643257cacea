#include "WgUapi.h"

#include <QDir>
#include <QFile>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <limits>
#include <memory>
#include <sodium.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/un.h>
#include <type_traits>
#include <unistd.h>

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

void appendHex(QByteArray &out, const QByteArray &raw)
{
    static const char digits[] = "0123456789abcdef";
    for (const char byte : raw) {
        const auto b = static_cast<unsigned char>(byte);
        out.append(digits[b >> 4]);
        out.append(digits[b & 15]);
    }
}

// Dotted quad without a QString: a full sync writes 10,000 of them.
void appendIPv4(QByteArray &out, quint32 address)
{
    for (int shift = 24; shift >= 0; shift -= 8) {
        const quint32 part = (address >> shift) & 255;
        if (part >= 100)
            out.append(char('0' + part / 100));
        if (part >= 10)
            out.append(char('0' + part / 10 % 10));
        out.append(char('0' + part % 10));
        if (shift > 0)
            out.append('.');
    }
}

std::optional<quint64> parseUnsigned(QByteArrayView text, quint64 max = std::numeric_limits<quint64>::max())
{
    if (text.isEmpty() || text.size() > 20)
        return std::nullopt;
    quint64 value = 0;
    for (const char c : text) {
        if (c < '0' || c > '9')
            return std::nullopt;
        const auto digit = quint64(c - '0');
        if (value > (max - digit) / 10)
            return std::nullopt;
        value = value * 10 + digit;
    }
    return value;
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
    const std::optional<quint64> number = parseUnsigned(text.sliced(colon + 1), 65535);
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
        = parseUnsigned(text.sliced(slash + 1), quint64(address->bitLength()));
    if (!prefix)
        return std::nullopt;
    if (*prefix == quint64(address->bitLength()))
        return IpNetwork::hostRoute(*address); // every peer the hub sets: no host bits to check
    const Result<IpNetwork> network = IpNetwork::fromAddress(*address, int(*prefix));
    if (!network || network->networkAddress() != *address)
        return std::nullopt;
    return *network;
}

QString shown(QByteArrayView text)
{
    return QString::fromLatin1(text.first(std::min<qsizetype>(text.size(), 64)));
}

QString errnoText(int value)
{
    const int code = value < 0 ? -value : value;
    return u"errno %1: %2"_s.arg(value).arg(QString::fromLocal8Bit(std::strerror(code)));
}

// A blocking connection with a per-operation timeout, closed on destruction.
class Connection
{
public:
    ~Connection()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }

    Result<void> open(const QString &path, int timeoutMs)
    {
        const QByteArray native = QFile::encodeName(path);
        sockaddr_un address {};
        if (native.size() >= qsizetype(sizeof address.sun_path))
            return makeError(ErrorCode::InvalidInput, u"the socket path %1 is too long"_s.arg(path));
        m_fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (m_fd < 0)
            return systemError(u"cannot create a socket"_s);
        timeval timeout {};
        timeout.tv_sec = timeoutMs / 1000;
        timeout.tv_usec = (timeoutMs % 1000) * 1000;
        ::setsockopt(m_fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
        ::setsockopt(m_fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
        address.sun_family = AF_UNIX;
        std::memcpy(address.sun_path, native.constData(), size_t(native.size()));
        if (::connect(m_fd, reinterpret_cast<const sockaddr *>(&address), sizeof address) != 0) {
            const int error = errno;
            return makeError(
                error == ENOENT ? ErrorCode::NotFound : ErrorCode::Unavailable,
                u"cannot connect to %1: %2"_s.arg(path, QString::fromLocal8Bit(std::strerror(error))));
        }
        m_path = path;
        return {};
    }

    Result<void> writeAll(QByteArrayView data)
    {
        qsizetype done = 0;
        while (done < data.size()) {
            const ssize_t n = ::send(m_fd, data.data() + done, size_t(data.size() - done), MSG_NOSIGNAL);
            if (n < 0) {
                if (errno == EINTR)
                    continue;
                return systemError(u"cannot write to %1"_s.arg(m_path));
            }
            done += n;
        }
        return {};
    }

    // Bytes read; 0 at the end of the stream.
    Result<qsizetype> read(char *buffer, qsizetype size)
    {
        while (true) {
            const ssize_t n = ::recv(m_fd, buffer, size_t(size), 0);
            if (n >= 0)
                return qsizetype(n);
            if (errno != EINTR)
                return systemError(u"cannot read from %1"_s.arg(m_path));
        }
    }

private:
    static Error systemError(const QString &what)
    {
        const int error = errno;
        const bool timedOut = error == EAGAIN || error == EWOULDBLOCK;
        return makeError(ErrorCode::Unavailable,
                         u"%1: %2"_s.arg(what,
                                         timedOut ? u"no answer in time"_s
                                                  : QString::fromLocal8Bit(std::strerror(error))));
    }

    int m_fd = -1;
    QString m_path;
};

} // namespace

QString socketPath(const QString &interfaceName)
{
    QString folder = qEnvironmentVariable("FVPN_WG_RUN_DIR");
    if (folder.isEmpty())
        folder = u"/run/wireguard"_s;
    return QDir(folder).filePath(interfaceName + u".sock"_s);
}

bool hasSocket(const QString &interfaceName)
{
    struct stat info
    {
    };
    return ::stat(QFile::encodeName(socketPath(interfaceName)).constData(), &info) == 0
        && S_ISSOCK(info.st_mode);
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
        bool negative = value.startsWith('-');
        const std::optional<quint64> number = parseUnsigned(negative ? value.sliced(1) : value, 1u << 30);
        if (!number)
            return fail(u"'%1' is not an errno"_s.arg(shown(value)));
        m_errno = negative ? -int(*number) : int(*number);
        m_sawErrno = true;
        return;
    }
    if (keyIs(key, "listen_port")) {
        const std::optional<quint64> port = parseUnsigned(value, 65535);
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
        const std::optional<quint64> parsed = parseUnsigned(value, max);
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

QByteArray setRequest(const PeerDiff &diff)
{
    QByteArray request;
    request.reserve(8 + diff.removals.size() * 88 + (diff.changes.size() + diff.additions.size()) * 140);
    request.append("set=1\n");
    // Removals first, so an address a removed peer held is free before the peer
    // that takes it over is set (an allowed IP moves to the last peer given it).
    for (const PublicKey &key : diff.removals) {
        request.append("public_key=");
        appendHex(request, key.raw());
        request.append("\nremove=true\n");
    }
    for (const PeerSpecList *list : { &diff.changes, &diff.additions }) {
        for (const PeerSpec &peer : *list) {
            request.append("public_key=");
            appendHex(request, peer.key.raw());
            request.append("\nreplace_allowed_ips=true\nallowed_ip=");
            if (peer.address.isIPv4())
                appendIPv4(request, peer.address.toIPv4());
            else
                request.append(peer.address.toString().toLatin1());
            request.append(peer.address.isIPv4() ? "/32\n" : "/128\n");
        }
    }
    request.append('\n');
    return request;
}

Result<LiveState> get(const QString &socketPath, qsizetype expectedPeers, int timeoutMs)
{
    Connection connection;
    if (Result<void> opened = connection.open(socketPath, timeoutMs); !opened)
        return opened.error();
    if (Result<void> sent = connection.writeAll("get=1\n\n"); !sent)
        return sent.error();
    GetParser parser(expectedPeers > 0 ? expectedPeers : 1024);
    // 10,000 peers answer 3 MB: large reads keep the system calls few.
    // The parser wipes the secrets it reads; what it never reached (after an error)
    // is wiped with the buffer.
    constexpr qsizetype BufferSize = 256 * 1024;
    const auto wipe = [](char *data) {
        sodium_memzero(data, size_t(BufferSize));
        delete[] data;
    };
    const std::unique_ptr<char[], decltype(wipe)> buffer(new char[BufferSize], wipe);
    while (!parser.done()) {
        const Result<qsizetype> n = connection.read(buffer.get(), BufferSize);
        if (!n)
            return n.error();
        if (*n == 0)
            break;
        // Wipes the private key (first line) in the buffer as it parses it.
        parser.feed(buffer.get(), *n);
    }
    return parser.finish();
}

SecureBuffer setInterfaceRequest(const PrivateKey *key, quint16 listenPort)
{
    constexpr QByteArrayView Head = "set=1\n";
    constexpr QByteArrayView KeyField = "private_key=";
    const QByteArray port = "listen_port=" + QByteArray::number(listenPort) + "\n\n";
    const std::size_t keyHex = key ? key->raw().size() * 2 : 0;
    const std::size_t size = std::size_t(Head.size()) + (key ? std::size_t(KeyField.size()) + keyHex + 1 : 0)
        + std::size_t(port.size());
    // One more byte for the NUL sodium_bin2hex writes after the hex digits.
    SecureBuffer request(size + 1);
    if (request.isNull())
        return {};
    char *out = reinterpret_cast<char *>(request.data());
    out = std::copy_n(Head.data(), Head.size(), out);
    if (key) {
        out = std::copy_n(KeyField.data(), KeyField.size(), out);
        sodium_bin2hex(out, keyHex + 1, key->raw().data(), key->raw().size());
        out += keyHex;
        *out++ = '\n';
    }
    std::copy_n(port.data(), port.size(), out);
    return SecureBuffer::fromBytes(request.view().first(qsizetype(size)));
}

Result<void> set(const QString &socketPath, QByteArrayView request, int timeoutMs)
{
    Connection connection;
    if (Result<void> opened = connection.open(socketPath, timeoutMs); !opened)
        return opened;
    if (Result<void> sent = connection.writeAll(request); !sent)
        return sent;
    QByteArray answer;
    std::array<char, 256> buffer; // NOLINT: filled by recv before use
    while (!answer.endsWith("\n\n")) {
        const Result<qsizetype> n = connection.read(buffer.data(), qsizetype(buffer.size()));
        if (!n)
            return n.error();
        if (*n == 0 || answer.size() > 1024)
            return makeError(ErrorCode::Unavailable, u"wireguard-go gave no complete answer to a change"_s);
        answer.append(buffer.data(), *n);
    }
    const QByteArrayView line = QByteArrayView(answer).first(answer.indexOf('\n'));
    if (!line.startsWith("errno="))
        return makeError(ErrorCode::Unavailable, u"unexpected UAPI answer '%1'"_s.arg(shown(line)));
    const QByteArrayView value = line.sliced(6);
    if (value != "0") {
        const bool negative = value.startsWith('-');
        const std::optional<quint64> number = parseUnsigned(negative ? value.sliced(1) : value, 1u << 30);
        const int code = number ? (negative ? -int(*number) : int(*number)) : 0;
        return makeError(
            ErrorCode::IoError,
            u"wireguard-go refused the change (%1)"_s.arg(number ? errnoText(code) : shown(value)));
    }
    return {};
}

} // namespace fvpn::WgUapi
