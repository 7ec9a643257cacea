#include "WireGuardInterface.h"

#include "CommandRunner.h"
#include "HubLog.h"
#include "WgUapi.h"

#include <QThread>

using namespace Qt::StringLiterals;

namespace fvpn {

QString originName(WireGuardInterface::Origin origin)
{
    switch (origin) {
    case WireGuardInterface::Origin::Existing:
        return u"existing"_s;
    case WireGuardInterface::Origin::Kernel:
        return u"kernel"_s;
    case WireGuardInterface::Origin::WireguardGo:
        return u"wireguard-go"_s;
    }
    return u"existing"_s;
}

WireGuardInterface::WireGuardInterface(QString name)
    : m_name(std::move(name))
{ }

bool WireGuardInterface::exists() const
{
    return CommandRunner::run(CommandRunner::Tool::Ip, { u"link"_s, u"show"_s, u"dev"_s, m_name }).ok();
}

Result<WireGuardInterface::Origin> WireGuardInterface::ensureExists() const
{
    if (exists())
        return Origin::Existing;
    const Result<QByteArray> kernel = CommandRunner::run(
        CommandRunner::Tool::Ip, { u"link"_s, u"add"_s, u"dev"_s, m_name, u"type"_s, u"wireguard"_s });
    if (kernel)
        return Origin::Kernel;
    qCInfo(lcHub).noquote() << u"kernel WireGuard unavailable (%1); starting wireguard-go for %2"_s.arg(
        kernel.error().message, m_name);
    // Without -f wireguard-go daemonises: the interface outlives this process, as a
    // kernel interface would, so a hub restart keeps every tunnel.
    const Result<QByteArray> userspace = CommandRunner::run(CommandRunner::Tool::WireguardGo, { m_name });
    if (!userspace)
        return makeError(ErrorCode::Unavailable,
                         u"cannot create WireGuard interface %1: kernel: %2; wireguard-go: %3"_s.arg(
                             m_name, kernel.error().message, userspace.error().message));
    // The daemonised child opens the UAPI socket right after the parent returns.
    for (int attempt = 0; attempt < 50; ++attempt) {
        if (CommandRunner::run(CommandRunner::Tool::Wg, { u"show"_s, m_name, u"listen-port"_s }).ok())
            return Origin::WireguardGo;
        QThread::msleep(100);
    }
    return makeError(ErrorCode::Unavailable,
                     u"wireguard-go started but interface %1 did not answer within 5 s"_s.arg(m_name));
}

bool WireGuardInterface::hasAddress(const InterfaceAddress &address) const
{
    const Result<QByteArray> shown = CommandRunner::run(
        CommandRunner::Tool::Ip, { u"-o"_s, u"-4"_s, u"address"_s, u"show"_s, u"dev"_s, m_name });
    if (!shown)
        return false;
    const QString needle = u" inet "_s + address.toString() + u' ';
    return QString::fromUtf8(*shown).contains(needle);
}

Result<void> WireGuardInterface::configure(const PrivateKey &key, quint16 listenPort,
                                           const InterfaceAddress &address) const
{
    const Result<LiveState> live = readLive();
    if (!live)
        return live.error();
    const bool keyDiffers = live->publicKey != key.publicKey();
    if (keyDiffers || live->listenPort != listenPort) {
        if (const Result<void> set = setKeyAndPort(keyDiffers ? &key : nullptr, listenPort); !set)
            return set.error();
        qCInfo(lcHub).noquote() << u"interface %1: %2 (public key %3, port %4)"_s
                                       .arg(m_name, keyDiffers ? u"key and port set"_s : u"port set"_s,
                                            key.publicKey().toBase64())
                                       .arg(listenPort);
    }
    if (hasAddress(address)) {
        if (const Result<QByteArray> up
            = CommandRunner::run(CommandRunner::Tool::Ip, { u"link"_s, u"set"_s, u"dev"_s, m_name, u"up"_s });
            !up)
            return up.error();
        return {};
    }
    // Each tool run costs a process start: a new interface gets its address and
    // the link up in one.
    const QByteArray name = m_name.toLatin1();
    const QByteArray commands = "address add " + address.toString().toLatin1() + " dev " + name
        + "\nlink set dev " + name + " up\n";
    if (const Result<QByteArray> done
        = CommandRunner::run(CommandRunner::Tool::Ip, { u"-batch"_s, u"-"_s }, commands);
        !done)
        return done.error();
    qCInfo(lcHub).noquote() << "interface" << m_name << "address" << address.toString() << "added";
    return {};
}

Result<void> WireGuardInterface::setKeyAndPort(const PrivateKey *key, quint16 listenPort) const
{
    if (usesUapi()) {
        const SecureBuffer request = WgUapi::setInterfaceRequest(key, listenPort);
        if (request.isNull())
            return makeError(ErrorCode::Unavailable, u"cannot allocate locked memory for the key"_s);
        return WgUapi::set(WgUapi::socketPath(m_name), request.view());
    }
    QStringList args { u"set"_s, m_name, u"listen-port"_s, QString::number(listenPort) };
    SecureBuffer input;
    if (key) {
        args << u"private-key"_s << u"/dev/stdin"_s;
        const SecureBuffer base64 = key->toBase64();
        input = SecureBuffer(base64.size() + 1);
        std::copy_n(base64.data(), base64.size(), input.data());
        input.data()[base64.size()] = '\n';
    }
    const Result<QByteArray> set = CommandRunner::run(CommandRunner::Tool::Wg, args, input.view());
    if (!set)
        return set.error();
    return {};
}

bool WireGuardInterface::usesUapi() const
{
    return WgUapi::hasSocket(m_name);
}

Result<LiveState> WireGuardInterface::readLive(qsizetype expectedPeers) const
{
    if (usesUapi())
        return WgUapi::get(WgUapi::socketPath(m_name), expectedPeers);
    const Result<WgDump> dumped = dump();
    if (!dumped)
        return dumped.error();
    return LiveState::fromDump(*dumped);
}

Result<WgDump> WireGuardInterface::dump() const
{
    Result<QByteArray> output = CommandRunner::run(CommandRunner::Tool::Wg, { u"show"_s, m_name, u"dump"_s });
    if (!output)
        return output.error();
    // The first line holds the private key: parse() wipes the buffer.
    return WgDump::parse(output.value());
}

QList<QStringList> WireGuardInterface::setArguments(const QString &interfaceName, const PeerDiff &diff,
                                                    int peersPerCall)
{
    QList<QStringList> calls;
    QStringList current;
    int peersInCurrent = 0;
    const auto flushIfFull = [&] {
        if (peersInCurrent < peersPerCall)
            return;
        calls.append(current);
        current.clear();
        peersInCurrent = 0;
    };
    const auto begin = [&] {
        if (current.isEmpty())
            current << u"set"_s << interfaceName;
    };
    // Removals first, so an address freed by a removed peer is free before the
    // peer that takes it over is set (wg moves an allowed IP to the last peer given).
    for (const PublicKey &key : diff.removals) {
        begin();
        current << u"peer"_s << key.toBase64() << u"remove"_s;
        ++peersInCurrent;
        flushIfFull();
    }
    for (const PeerSpecList *list : { &diff.changes, &diff.additions }) {
        for (const PeerSpec &peer : *list) {
            begin();
            // allowed-ips in `wg set` replaces the peer's list: exactly one /32.
            current << u"peer"_s << peer.key.toBase64() << u"allowed-ips"_s
                    << peer.address.toString() + u"/32"_s;
            ++peersInCurrent;
            flushIfFull();
        }
    }
    if (!current.isEmpty())
        calls.append(current);
    return calls;
}

Result<void> WireGuardInterface::apply(const PeerDiff &diff) const
{
    if (diff.isEmpty())
        return {};
    if (usesUapi())
        return WgUapi::set(WgUapi::socketPath(m_name), WgUapi::setRequest(diff));
    for (const QStringList &args : setArguments(m_name, diff)) {
        const Result<QByteArray> set = CommandRunner::run(CommandRunner::Tool::Wg, args);
        if (!set)
            return set.error();
    }
    return {};
}

} // namespace fvpn
