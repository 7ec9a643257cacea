#include "WgUapi.h"

#include <QDir>
#include <QFile>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <memory>
#include <sodium.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/un.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace fvpn::WgUapi {

namespace {

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
        return makeError(ErrorCode::Unavailable,
                         u"unexpected UAPI answer '%1'"_s.arg(GetParser::shown(line)));
    const QByteArrayView value = line.sliced(6);
    if (value != "0") {
        const std::optional<int> code = GetParser::parseErrno(value);
        return makeError(ErrorCode::IoError,
                         u"wireguard-go refused the change (%1)"_s.arg(code ? GetParser::errnoText(*code)
                                                                            : GetParser::shown(value)));
    }
    return {};
}

} // namespace fvpn::WgUapi
