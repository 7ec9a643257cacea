#pragma once

#include "ClientsFile.h"
#include "HubBackend.h"

#include <QHash>
#include <QString>

#include <optional>

// A HubBackend for tests that keeps the real files — factory-clients.conf and
// settings.json written with AtomicFile — and stands in only for the tunnel:
// "applying" a clients file records its peers as the live interface. Tests can
// make the next applies fail, as a broken `wg set` would.
class FileHubBackend : public fvpn::HubBackend
{
public:
    explicit FileHubBackend(const QString &dir);

    fvpn::PublicKey hubPublicKey() const override { return m_hubKey; }
    fvpn::Endpoint hubEndpoint() const override { return m_endpoint; }
    fvpn::IpNetwork vpnSubnet() const override { return m_subnet; }
    fvpn::IpAddress hubAddress() const override { return m_hubAddress; }
    QList<fvpn::BackendDevice> devices() const override { return m_devices; }
    fvpn::Result<fvpn::WgDump> liveInterface() const override;
    fvpn::Result<QByteArray> clientsFileContent() const override;
    fvpn::Result<void> replaceClientsFile(const QByteArray &content) override;
    bool deviceToDevice() const override { return m_deviceToDevice; }
    fvpn::Result<void> setDeviceToDevice(bool allowed) override;
    QJsonObject status() const override;

    // Test controls.
    const QString &clientsFilePath() const { return m_clientsPath; }
    const QString &settingsPath() const { return m_settingsPath; }
    void setDevices(const QList<fvpn::BackendDevice> &devices) { m_devices = devices; }
    void failApplies(const QString &why) { m_applyFailure = why; }
    void setHandshake(const fvpn::PublicKey &key, qint64 latestHandshake, quint64 rx, quint64 tx);
    // Re-reads the file as the daemon would after a hand edit.
    void applyFromDisk();
    QList<fvpn::PublicKey> appliedClientKeys() const;
    int applyCount() const { return m_applies; }

private:
    fvpn::Result<void> apply(const QByteArray &content);

    QString m_clientsPath;
    QString m_settingsPath;
    fvpn::PublicKey m_hubKey;
    fvpn::Endpoint m_endpoint;
    fvpn::IpNetwork m_subnet;
    fvpn::IpAddress m_hubAddress;
    QList<fvpn::BackendDevice> m_devices;
    QList<fvpn::ClientPeer> m_applied;
    QHash<fvpn::PublicKey, fvpn::WgDumpPeer> m_handshakes;
    QString m_applyFailure;
    bool m_deviceToDevice = false;
    int m_applies = 0;
};
