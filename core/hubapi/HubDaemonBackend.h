#pragma once

#include "HubBackend.h"

#include <QString>

namespace fvpn {

class HubDaemon;

// HubBackend over the running HubDaemon: the API writes factory-clients.conf and
// settings.json atomically and has the daemon reconcile at once; if that fails,
// the previous file goes back and is reconciled again, so nothing is half-done.
class HubDaemonBackend : public HubBackend
{
public:
    HubDaemonBackend(HubDaemon &daemon, QString clientsFile, QString settingsFile);

    PublicKey hubPublicKey() const override;
    Endpoint hubEndpoint() const override;
    IpNetwork vpnSubnet() const override;
    IpAddress hubAddress() const override;
    QList<BackendDevice> devices() const override;
    Result<WgDump> liveInterface() const override;
    Result<QByteArray> clientsFileContent() const override;
    Result<void> replaceClientsFile(const QByteArray &content) override;
    bool deviceToDevice() const override;
    Result<void> setDeviceToDevice(bool allowed) override;
    QJsonObject status() const override;

private:
    Result<void> writeKeepingMode(const QString &path, const QByteArray &content) const;

    HubDaemon &m_daemon;
    QString m_clientsFile;
    QString m_settingsFile;
};

} // namespace fvpn
