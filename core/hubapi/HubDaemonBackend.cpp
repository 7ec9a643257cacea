#include "HubDaemonBackend.h"

#include "AtomicFile.h"
#include "HubDaemon.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>

namespace fvpn {

HubDaemonBackend::HubDaemonBackend(HubDaemon &daemon, QString clientsFile, QString settingsFile)
    : m_daemon(daemon)
    , m_clientsFile(std::move(clientsFile))
    , m_settingsFile(std::move(settingsFile))
{ }

PublicKey HubDaemonBackend::hubPublicKey() const
{
    return m_daemon.publicKey();
}

Endpoint HubDaemonBackend::hubEndpoint() const
{
    return m_daemon.endpoint().value_or(Endpoint());
}

IpNetwork HubDaemonBackend::vpnSubnet() const
{
    return m_daemon.vpnAddress().network();
}

IpAddress HubDaemonBackend::hubAddress() const
{
    return m_daemon.vpnAddress().address();
}

QList<BackendDevice> HubDaemonBackend::devices() const
{
    QList<BackendDevice> out;
    for (const InventoryDevice &d : m_daemon.devices())
        out.append({ d.name, d.publicKey, d.address });
    return out;
}

Result<WgDump> HubDaemonBackend::liveInterface() const
{
    return m_daemon.liveDump();
}

Result<QByteArray> HubDaemonBackend::clientsFileContent() const
{
    return AtomicFile::read(m_clientsFile, 8 * 1024 * 1024);
}

Result<void> HubDaemonBackend::writeKeepingMode(const QString &path, const QByteArray &content) const
{
    // A hand-managed file keeps its mode; a new one is private.
    QFileDevice::Permissions mode = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
    if (QFileInfo::exists(path))
        mode = QFile::permissions(path);
    return AtomicFile::write(path, content, mode);
}

Result<void> HubDaemonBackend::replaceClientsFile(const QByteArray &content)
{
    if (!m_daemon.isRunning())
        return makeError(ErrorCode::Unavailable,
                         QStringLiteral("the hub is still starting; try again shortly"));
    const Result<QByteArray> previous = clientsFileContent();
    if (!previous && previous.error().code != ErrorCode::NotFound)
        return previous.error();
    if (auto written = writeKeepingMode(m_clientsFile, content); !written)
        return written;
    const Result<void> applied = m_daemon.reconcileNow();
    if (applied)
        return {};
    // Back to what was there, on disk and on the interface.
    if (previous)
        (void)writeKeepingMode(m_clientsFile, previous.value());
    else
        QFile::remove(m_clientsFile);
    (void)m_daemon.reconcileNow();
    return applied;
}

bool HubDaemonBackend::deviceToDevice() const
{
    return m_daemon.status().deviceToDevice;
}

Result<void> HubDaemonBackend::setDeviceToDevice(bool allowed)
{
    if (!m_daemon.isRunning())
        return makeError(ErrorCode::Unavailable,
                         QStringLiteral("the hub is still starting; try again shortly"));
    const bool before = deviceToDevice();
    auto settings = [](bool on) {
        return QJsonDocument(QJsonObject { { QStringLiteral("deviceToDevice"), on } }).toJson();
    };
    const auto worldReadable
        = QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup | QFileDevice::ReadOther;
    // settings.json is what the daemon reads at start and when it changes.
    if (auto written = AtomicFile::write(m_settingsFile, settings(allowed), worldReadable); !written)
        return written;
    m_daemon.setDeviceToDevice(allowed);
    const Result<void> applied = m_daemon.reconcileNow();
    if (applied)
        return {};
    (void)AtomicFile::write(m_settingsFile, settings(before), worldReadable);
    m_daemon.setDeviceToDevice(before);
    (void)m_daemon.reconcileNow();
    return applied;
}

QJsonObject HubDaemonBackend::status() const
{
    return m_daemon.status().toJson();
}

} // namespace fvpn
