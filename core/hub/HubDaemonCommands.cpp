// HubDaemon: the commands the hub API sends to the hub thread.
#include "AtomicFile.h"
#include "ClientsFileWatcher.h"
#include "HubDaemon.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace fvpn {

namespace {

Error notRunning()
{
    return makeError(ErrorCode::Unavailable, u"the hub is still starting; try again shortly"_s);
}

// A hand-managed file keeps its mode; a new one is private.
Result<void> writeKeepingMode(const QString &path, const QByteArray &content)
{
    QFileDevice::Permissions mode = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
    if (QFileInfo::exists(path))
        mode = QFile::permissions(path);
    return AtomicFile::write(path, content, mode);
}

QByteArray settingsJson(bool deviceToDevice)
{
    return QJsonDocument(QJsonObject { { u"deviceToDevice"_s, deviceToDevice } }).toJson();
}

Result<void> outcome(const Reconciler::Report &report)
{
    if (!report.applyError.isEmpty())
        return makeError(ErrorCode::Unavailable, u"peers not applied: %1"_s.arg(report.applyError));
    if (!report.firewallError.isEmpty())
        return makeError(ErrorCode::Unavailable, u"firewall not applied: %1"_s.arg(report.firewallError));
    return {};
}

} // namespace

Result<void> HubDaemon::reconcileNow()
{
    if (!isRunning())
        return notRunning();
    m_clients->reload();
    if (const std::optional<Error> &error = m_clients->error())
        return *error;
    return outcome(reconcile(Reconciler::Mode::Change));
}

Result<void> HubDaemon::verifyNow()
{
    if (!isRunning())
        return notRunning();
    reloadAll();
    return outcome(reconcile(Reconciler::Mode::Verify));
}

Result<void> HubDaemon::replaceClientsFile(const QByteArray &content)
{
    if (!isRunning())
        return notRunning();
    const Result<QByteArray> previous = AtomicFile::read(m_options.clientsFile, ClientsFile::MaxFileSize);
    if (!previous && previous.error().code != ErrorCode::NotFound)
        return previous.error();
    if (Result<void> written = writeKeepingMode(m_options.clientsFile, content); !written)
        return written;
    const Result<void> applied = reconcileNow();
    if (applied)
        return {};
    // Back to what was there, on disk and on the interface.
    if (previous)
        (void)writeKeepingMode(m_options.clientsFile, previous.value());
    else
        QFile::remove(m_options.clientsFile);
    (void)reconcileNow();
    return applied;
}

Result<void> HubDaemon::applyDeviceToDevice(bool allowed)
{
    if (!isRunning())
        return notRunning();
    const bool before = m_deviceToDevice;
    const QString path = statePath(u"settings.json"_s);
    const auto worldReadable
        = QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup | QFileDevice::ReadOther;
    // settings.json is what the daemon reads at start and when it changes.
    if (Result<void> written = AtomicFile::write(path, settingsJson(allowed), worldReadable); !written)
        return written;
    setDeviceToDevice(allowed);
    const Result<void> applied = outcome(reconcile(Reconciler::Mode::Change));
    if (applied)
        return {};
    (void)AtomicFile::write(path, settingsJson(before), worldReadable);
    setDeviceToDevice(before);
    (void)reconcile(Reconciler::Mode::Change);
    return applied;
}

} // namespace fvpn
