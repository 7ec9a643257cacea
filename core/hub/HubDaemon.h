#pragma once

#include "ClientsFile.h"
#include "ConntrackCleaner.h"
#include "DeviceInventory.h"
#include "HubOptions.h"
#include "HubStatus.h"
#include "PrivateKey.h"
#include "WgDump.h"
#include "WireguardServerConfig.h"

#include <QObject>
#include <QTimer>

#include <memory>
#include <optional>

namespace fvpn {

class ClientsFileWatcher;
class Firewall;
class FoundriesApi;
class InventorySource;
class Reconciler;
class ServerConfigLoader;
class WatchedFile;
class WireGuardInterface;

// The hub: brings up the interface once, then keeps peers, firewall and hosts block
// in step with the device inventory, the clients file and the device-to-device
// setting. It reconciles at start (against what is live, so a restart touches no
// healthy tunnel), on every change, and every --interval to repair drift. Stopping
// leaves interface, peers and firewall in place: tunnels survive hub restarts.
class HubDaemon : public QObject
{
    Q_OBJECT

public:
    HubDaemon(HubOptions options, PrivateKey key, QObject *parent = nullptr);
    ~HubDaemon() override;

    void start();
    void stop();
    // Re-reads the inventory, the clients file and settings.json (SIGHUP).
    void reloadAll();
    // Live toggle; persisted by whoever owns settings.json (the hub API, later).
    void setDeviceToDevice(bool allowed);

    const HubStatus &status() const { return m_status; }
    QString statePath(const QString &name) const;

    // For the hub API (core/hubapi/HubDaemonBackend): what the hub serves, and a
    // reconcile that runs now and reports, so an approval is applied before it is
    // acknowledged.
    bool isRunning() const { return m_running && m_reconciler != nullptr; }
    PublicKey publicKey() const { return m_key.publicKey(); }
    const InterfaceAddress &vpnAddress() const { return m_address; }
    const std::optional<Endpoint> &endpoint() const { return m_endpoint; }
    QList<InventoryDevice> devices() const;
    Result<WgDump> liveDump() const;
    // Re-reads the clients file and reconciles at once; the clients-file, peer or
    // firewall error if the result is not what is now on disk.
    Result<void> reconcileNow();

Q_SIGNALS:
    void failed(const QString &message); // fatal; the caller exits non-zero
    void statusChanged(); // status() was just written (ServiceNotifier)

private:
    void onServerConfig(const WireguardServerConfig &config, bool fromCache);
    void bringUp();
    Result<void> setUpInterface();
    ClientsFile::ParseOptions clientRules() const; // for the clients file: hub key, subnet, devices
    void loadInventoryCache();
    void loadSettings();
    void onInventoryFetched(const QByteArray &json);
    void onFetchFailed(const QString &error);
    void scheduleReconcile(bool repairFirewall = false);
    void reconcile();
    void writeStatus();
    void fail(const QString &message);

    HubOptions m_options;
    PrivateKey m_key;
    InterfaceAddress m_address;
    quint16 m_port = 0;
    std::optional<Endpoint> m_endpoint;

    FoundriesApi *m_api = nullptr;
    ServerConfigLoader *m_configLoader = nullptr;
    InventorySource *m_source = nullptr;
    ClientsFileWatcher *m_clients = nullptr;
    WatchedFile *m_settingsFile = nullptr;
    std::unique_ptr<WireGuardInterface> m_interface;
    std::unique_ptr<Firewall> m_firewall;
    std::unique_ptr<Reconciler> m_reconciler;

    std::optional<DeviceInventory> m_inventory;
    QByteArray m_cachedInventoryJson;
    QList<SkippedPeer> m_loggedSkipped;
    bool m_deviceToDevice = false;
    bool m_running = false;
    bool m_settingsLoaded = false;

    ConntrackCleaner m_conntrack;
    QTimer m_syncTimer;
    bool m_reconcilePending = false;
    bool m_repairPending = false;
    HubStatus m_status;
};

} // namespace fvpn
