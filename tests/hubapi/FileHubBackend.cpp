#include "FileHubBackend.h"

#include "AtomicFile.h"
#include "TestKeys.h"

#include <QDir>
#include <QJsonDocument>

using namespace fvpn;

FileHubBackend::FileHubBackend(const QString &dir)
    : m_clientsPath(QDir(dir).filePath(QStringLiteral("factory-clients.conf")))
    , m_settingsPath(QDir(dir).filePath(QStringLiteral("settings.json")))
    , m_hubKey(randomPublicKey())
    , m_endpoint(Endpoint::parse(u"hub.example.com:5555").value())
    , m_subnet(IpNetwork::parse(u"10.42.42.0/24").value())
    , m_hubAddress(IpAddress::parse(u"10.42.42.1").value())
{ }

Result<WgDump> FileHubBackend::liveInterface() const
{
    WgDump dump;
    dump.publicKey = m_hubKey;
    dump.listenPort = 5555;
    auto add = [&](const PublicKey &key, const IpAddress &address) {
        WgDumpPeer peer = m_handshakes.value(key);
        peer.publicKey = key;
        peer.allowedIps = { IpNetwork::hostRoute(address) };
        dump.peers.append(peer);
    };
    for (const BackendDevice &d : m_devices)
        add(d.publicKey, d.address);
    for (const ClientPeer &c : m_applied)
        add(c.publicKey, c.address);
    return dump;
}

Result<QByteArray> FileHubBackend::clientsFileContent() const
{
    return AtomicFile::read(m_clientsPath, 4 * 1024 * 1024);
}

Result<void> FileHubBackend::apply(const QByteArray &content)
{
    ClientsFile::ParseOptions options;
    options.subnet = m_subnet;
    options.hubAddress = m_hubAddress;
    auto parsed = ClientsFile::parseUtf8(content, options);
    if (!parsed)
        return parsed.error();
    if (!m_applyFailure.isEmpty())
        return makeError(ErrorCode::Unavailable, m_applyFailure);
    m_applied = parsed->peers();
    ++m_applies;
    return {};
}

Result<void> FileHubBackend::replaceClientsFile(const QByteArray &content)
{
    auto previous = clientsFileContent();
    if (auto written = AtomicFile::write(m_clientsPath, content,
                                         QFileDevice::ReadOwner | QFileDevice::WriteOwner
                                             | QFileDevice::ReadGroup | QFileDevice::ReadOther);
        !written)
        return written;
    if (auto applied = apply(content); !applied) {
        // Put the old file back: a failed apply leaves nothing half-done.
        if (previous)
            (void)AtomicFile::write(m_clientsPath, previous.value());
        else
            QFile::remove(m_clientsPath);
        return applied;
    }
    return {};
}

void FileHubBackend::applyFromDisk()
{
    auto content = clientsFileContent();
    (void)apply(content ? content.value() : QByteArray());
}

Result<void> FileHubBackend::setDeviceToDevice(bool allowed)
{
    if (!m_applyFailure.isEmpty())
        return makeError(ErrorCode::Unavailable, m_applyFailure);
    const QByteArray json
        = QJsonDocument(QJsonObject { { QStringLiteral("deviceToDevice"), allowed } }).toJson();
    if (auto written = AtomicFile::write(m_settingsPath, json); !written)
        return written;
    m_deviceToDevice = allowed;
    return {};
}

QJsonObject FileHubBackend::status() const
{
    return { { QStringLiteral("phase"), QStringLiteral("running") },
             { QStringLiteral("interfaceName"), QStringLiteral("test0") },
             // Where the real daemon's status has the hub's key.
             { QStringLiteral("interface"),
               QJsonObject { { QStringLiteral("publicKey"), m_hubKey.toBase64() } } },
             { QStringLiteral("clients"), int(m_applied.size()) } };
}

void FileHubBackend::setHandshake(const PublicKey &key, qint64 latestHandshake, quint64 rx, quint64 tx)
{
    WgDumpPeer &peer = m_handshakes[key];
    peer.latestHandshake = latestHandshake;
    peer.rxBytes = rx;
    peer.txBytes = tx;
    peer.endpoint = Endpoint::parse(u"198.51.100.20:40000").value();
}

QList<PublicKey> FileHubBackend::appliedClientKeys() const
{
    QList<PublicKey> keys;
    for (const ClientPeer &c : m_applied)
        keys.append(c.publicKey);
    return keys;
}
