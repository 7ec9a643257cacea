#pragma once

#include "ClientsFile.h"
#include "ConntrackCleaner.h"
#include "DesiredState.h"
#include "DeviceInventory.h"
#include "HubOptions.h"
#include "HubStatus.h"
#include "HubView.h"
#include "PrivateKey.h"
#include "Reconciler.h"
#include "WireguardServerConfig.h"

#include <QJsonObject>
#include <QObject>
#include <QTimer>

#include <memory>
#include <optional>

namespace fvpn {

class ClientsFileWatcher;
class Firewall;
class FoundriesApi;
class HubViewHolder;
class InventoryParser;
class InventorySource;
class ServerConfigLoader;
class WatchedFile;
class WireGuardInterface;

// The hub: brings up the interface once, then keeps peers, firewall and hosts block
// in step with the device inventory, the clients file and the device-to-device
// setting. It runs on its own thread (HubThread) and is only ever called there.
//
// A change of an input is applied at once, as its difference only (Reconciler,
// Change). Every --interval the inputs are re-read (unchanged bytes are not parsed
// again) and the interface and firewall verified (Reconciler, Verify); a pass where
// nothing differs writes nothing. Live tunnel data is sampled once a second while
// someone watches (HubViewHolder::markWatched), else at the interval. After every
// change a HubView is published for other threads. Stopping leaves interface,
// peers and firewall in place: tunnels survive hub restarts.
class HubDaemon : public QObject
{
    Q_OBJECT

public:
    // `views` receives the snapshots; with none, the daemon keeps its own holder.
    HubDaemon(HubOptions options, PrivateKey key, HubViewHolder *views = nullptr, QObject *parent = nullptr);
    ~HubDaemon() override;

    void start();
    void stop();
    // Re-reads the inventory, the clients file and settings.json, then verifies (SIGHUP).
    void reloadAll();
    // Live toggle; persisted by applyDeviceToDevice() or by whoever writes settings.json.
    void setDeviceToDevice(bool allowed);

    const HubStatus &status() const { return m_status; }
    QString statePath(const QString &name) const;
    bool isRunning() const { return m_running && m_reconciler != nullptr; }
    HubViewHolder *views() const { return m_views; }

    // Commands of the hub API, run on the hub thread; each returns once the result
    // is on the interface (or failed and was undone).
    //
    // Writes the clients file atomically (keeping its mode; a new one is 0600) and
    // applies it; on failure the previous file and the previous peers are back.
    Result<void> replaceClientsFile(const QByteArray &content);
    // Persists the mode in settings.json and applies it; on failure nothing changed.
    Result<void> applyDeviceToDevice(bool allowed);
    // Re-reads the clients file and reconciles at once; the clients-file, peer or
    // firewall error if the result is not what is now on disk.
    Result<void> reconcileNow();
    // reloadAll() and a verify pass, at once; its peer or firewall error.
    Result<void> verifyNow();

Q_SIGNALS:
    void failed(const QString &message); // fatal; the caller exits non-zero
    // The first reconcile pass after start is done (peers, firewall, hosts): the
    // hub is serving. A place for start-up hooks such as telling systemd "ready".
    void firstReconcileDone();

private:
    void onServerConfig(const WireguardServerConfig &config, bool fromCache);
    void bringUp();
    Result<void> setUpInterface();
    ClientsFile::ParseOptions clientRules() const; // for the clients file: hub key, subnet, devices
    void loadInventoryCache();
    void loadSettings();
    void onInventoryFetched(const QByteArray &json);
    void onFetchFailed(const QString &error);
    void reportFetchFailure(const QString &error);
    void onClientsChanged();
    void onWatchStarted();
    void sampleLive();
    void fail(const QString &message);

    // HubDaemonApply.cpp: passes, snapshots, status.
    void scheduleReconcile(Reconciler::Mode mode);
    void runPending();
    Reconciler::Report reconcile(Reconciler::Mode mode);
    void rebuildDesired();
    void recordReport(const Reconciler::Report &report, Reconciler::Mode mode);
    void publish();
    void writeStatus();
    QDateTime statusChangedAt(const QJsonObject &stable);
    void refreshClientsView();
    void writeInventoryCache();

    HubOptions m_options;
    PrivateKey m_key;
    HubViewHolder *m_views;
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

    // Inputs. The device list is null until one was fetched or cached.
    std::unique_ptr<InventoryParser> m_inventoryParser;
    std::shared_ptr<const QList<InventoryDevice>> m_devices;
    QList<SkippedPeer> m_inventorySkipped;
    QByteArray m_inventoryBytes; // the answer last parsed: the same bytes are not parsed again
    QByteArray m_cachedInventoryJson; // what inventory-cache.json holds
    bool m_cachePending = false;
    bool m_deviceToDevice = false;
    bool m_settingsLoaded = false;

    DesiredState m_desired;
    bool m_desiredDirty = true;

    // Outputs.
    std::shared_ptr<const ClientsView> m_clientsView;
    std::shared_ptr<const LiveSample> m_live;
    QDateTime m_verifiedAt;
    quint64 m_verifyCount = 0;
    quint64 m_serial = 0;
    QJsonObject m_writtenStatus; // status.json as last written, without its time stamp
    QJsonObject m_stableStatus; // the status as last seen by statusChangedAt()
    QDateTime m_statusChangedAt;

    bool m_running = false;
    bool m_firstReconcileDone = false;
    QTimer m_syncTimer { this };
    QTimer m_sampleTimer { this };
    std::optional<Reconciler::Mode> m_pending;
    ConntrackCleaner m_conntrack;
    HubStatus m_status;
};

} // namespace fvpn
