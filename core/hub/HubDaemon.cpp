#include "HubDaemon.h"

#include "AtomicFile.h"
#include "ClientsFileWatcher.h"
#include "Firewall.h"
#include "FoundriesApi.h"
#include "FoundriesInventorySource.h"
#include "HubLog.h"
#include "HubViewHolder.h"
#include "InventoryParser.h"
#include "ServerConfigLoader.h"
#include "StaticInventorySource.h"
#include "StrictJson.h"
#include "WatchedFile.h"
#include "WireGuardInterface.h"

#include <QCoreApplication>
#include <QDir>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace fvpn {

namespace {

constexpr int SampleIntervalMs = 1000; // live data while someone watches

} // namespace

HubDaemon::HubDaemon(HubOptions options, PrivateKey key, HubViewHolder *views, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_key(std::move(key))
    , m_views(views ? views : new HubViewHolder(this))
    , m_address(m_options.vpnAddress)
    , m_port(m_options.port)
    , m_endpoint(m_options.endpoint)
    , m_deviceToDevice(m_options.allowDeviceToDevice)
    , m_clientsView(std::make_shared<const ClientsView>())
    , m_live(std::make_shared<const LiveSample>())
{
    m_status.pid = QCoreApplication::applicationPid();
    m_status.startedAt = QDateTime::currentDateTimeUtc();
    m_status.factory = m_options.factory;
    m_status.interfaceName = m_options.interfaceName;
    m_status.publicKey = m_key.publicKey().toBase64();
    m_status.inventorySource = m_options.usesStaticInventory() ? u"file"_s : u"api"_s;
    m_status.clientsFile = m_options.clientsFile;
    m_status.deviceToDevice = m_deviceToDevice;
    m_syncTimer.setInterval(m_options.intervalSecs * 1000);
    connect(&m_syncTimer, &QTimer::timeout, this, [this] {
        qCDebug(lcHub) << "periodic sync";
        reloadAll();
    });
    m_sampleTimer.setInterval(SampleIntervalMs);
    connect(&m_sampleTimer, &QTimer::timeout, this, &HubDaemon::sampleLive);
    // Queued onto this thread: markWatched() is called from the API's threads.
    connect(m_views, &HubViewHolder::watchStarted, this, &HubDaemon::onWatchStarted, Qt::QueuedConnection);
}

HubDaemon::~HubDaemon() = default;

QString HubDaemon::statePath(const QString &name) const
{
    return QDir(m_options.stateDir).filePath(name);
}

void HubDaemon::fail(const QString &message)
{
    qCCritical(lcHub).noquote() << message;
    m_status.phase = u"failed"_s;
    writeStatus();
    publish();
    Q_EMIT failed(message);
}

void HubDaemon::start()
{
    if (!QDir().mkpath(m_options.stateDir)) {
        fail(u"cannot create the state folder %1"_s.arg(m_options.stateDir));
        return;
    }
    if (!m_options.usesStaticInventory()) {
        m_api = new FoundriesApi(m_options.apiUrl, m_options.factory,
                                 { m_options.apiToken, m_options.oauthCredsFile }, this);
        m_configLoader
            = new ServerConfigLoader(m_api, statePath(u"server-config.txt"_s), m_options.intervalSecs, this);
        connect(m_configLoader, &ServerConfigLoader::loaded, this, &HubDaemon::onServerConfig);
        connect(m_configLoader, &ServerConfigLoader::failed, this, &HubDaemon::fail);
        connect(m_configLoader, &ServerConfigLoader::waiting, this, [this](const QString &error) {
            qCWarning(lcHub).noquote() << error;
            m_status.phase = u"waiting-for-config"_s;
            m_status.inventoryError = error;
            writeStatus();
            publish();
        });
        writeStatus();
        m_configLoader->start();
        return;
    }
    bringUp();
}

void HubDaemon::onServerConfig(const WireguardServerConfig &config, bool fromCache)
{
    if (m_running)
        return;
    const Result<InterfaceAddress> address = InterfaceAddress::make(*config.serverAddress, 24);
    if (!address) {
        fail(u"the factory's server_address is unusable: %1"_s.arg(address.error().message));
        return;
    }
    m_address = *address;
    m_port = config.endpoint->port();
    m_endpoint = config.endpoint;
    if (config.publicKey && *config.publicKey != m_key.publicKey())
        qCWarning(lcHub).noquote() << "the factory config publishes hub key" << config.publicKey->toBase64()
                                   << "but" << m_options.privateKeyFile << "holds the key of"
                                   << m_key.publicKey().toBase64()
                                   << ": devices will not connect until 'enable' is run with this key";
    qCInfo(lcHub).noquote() << u"factory config%1: address %2, port %3"_s
                                   .arg(fromCache ? u" (cached)"_s : QString(), m_address.toString())
                                   .arg(m_port);
    m_status.inventoryError.clear();
    bringUp();
}

Result<void> HubDaemon::setUpInterface()
{
    const Result<WireGuardInterface::Origin> origin = m_interface->ensureExists();
    if (!origin)
        return origin.error();
    m_status.interfaceOrigin = originName(*origin);
    qCInfo(lcHub).noquote() << u"interface %1 (%2%3)"_s.arg(
        m_interface->name(), originName(*origin),
        m_interface->usesUapi() ? u", peers through its UAPI socket"_s : u", peers through wg"_s);
    return m_interface->configure(m_key, m_port, m_address);
}

void HubDaemon::bringUp()
{
    m_running = true;
    m_status.address = m_address.toString();
    m_status.listenPort = m_port;
    m_interface = std::make_unique<WireGuardInterface>(m_options.interfaceName);
    if (const Result<void> ready = setUpInterface(); !ready) {
        m_running = false;
        fail(u"cannot set up WireGuard interface %1: %2"_s.arg(m_options.interfaceName,
                                                               ready.error().message));
        return;
    }
    if (!m_options.noSysctl) {
        const Result<bool> forwarding = Firewall::enableForwarding();
        if (!forwarding)
            qCCritical(lcHub).noquote() << forwarding.error().message;
        else if (*forwarding)
            qCInfo(lcHub) << "IPv4 forwarding turned on";
    }
    m_firewall = std::make_unique<Firewall>(NftRuleset(m_options.interfaceName, m_address.address()));
    m_reconciler = std::make_unique<Reconciler>(m_interface.get(), m_firewall.get(), m_options.hostsFile,
                                                m_options.factory);

    m_clients = new ClientsFileWatcher(m_options.clientsFile, clientRules(),
                                       statePath(u"clients-last-good.conf"_s), this);
    connect(m_clients, &ClientsFileWatcher::clientsChanged, this, &HubDaemon::onClientsChanged);
    connect(m_clients, &ClientsFileWatcher::errorChanged, this, [this] {
        refreshClientsView();
        writeStatus();
        publish();
    });
    m_clients->reload();
    refreshClientsView();

    m_settingsFile = new WatchedFile(statePath(u"settings.json"_s), this);
    connect(m_settingsFile, &WatchedFile::changed, this, &HubDaemon::loadSettings);
    loadSettings();

    m_inventoryParser = std::make_unique<InventoryParser>(
        DeviceInventory::Rules { m_address.network(), m_address.address() });
    loadInventoryCache();
    if (m_options.usesStaticInventory())
        m_source = new StaticInventorySource(m_options.inventoryFile, this);
    else
        m_source = new FoundriesInventorySource(m_api, m_options.intervalSecs, this);
    connect(m_source, &InventorySource::inventoryFetched, this, &HubDaemon::onInventoryFetched);
    connect(m_source, &InventorySource::fetchFailed, this, &HubDaemon::onFetchFailed);
    m_source->start();

    m_status.phase = u"running"_s;
    // The first pass reads the interface: a restart changes nothing that is right.
    scheduleReconcile(Reconciler::Mode::Verify);
    m_syncTimer.start();
}

ClientsFile::ParseOptions HubDaemon::clientRules() const
{
    ClientsFile::ParseOptions rules;
    rules.subnet = m_address.network();
    rules.hubAddress = m_address.address();
    rules.hubKey = m_key.publicKey();
    if (m_devices) {
        for (const InventoryDevice &d : *m_devices) {
            rules.deviceKeys.insert(d.publicKey, d.name);
            rules.deviceAddresses.insert(d.address, d.name);
        }
    }
    return rules;
}

void HubDaemon::loadInventoryCache()
{
    const Result<QByteArray> cached = AtomicFile::read(statePath(u"inventory-cache.json"_s));
    if (!cached)
        return;
    // Through the parser: a fetch that brings the same entries then parses none again.
    const Result<DeviceInventory> inventory = m_inventoryParser->parse(*cached);
    if (!inventory) {
        qCWarning(lcHub).noquote() << "ignoring the inventory cache:" << inventory.error().message;
        return;
    }
    m_devices = std::make_shared<const QList<InventoryDevice>>(inventory->devices());
    // A client line may not take a device's key or address: checked again.
    m_clients->setOptions(clientRules());
    m_inventorySkipped = inventory->skipped();
    m_cachedInventoryJson = *cached;
    m_desiredDirty = true;
    m_status.inventoryKnown = true;
    m_status.inventoryFromCache = true;
    m_status.inventoryDevices = int(inventory->devices().size());
    m_status.inventoryDisabled = inventory->disabledCount();
    qCInfo(lcHub).noquote() << "inventory cache loaded:" << inventory->devices().size() << "devices";
}

void HubDaemon::loadSettings()
{
    const QString path = statePath(u"settings.json"_s);
    bool wanted = m_options.allowDeviceToDevice;
    const Result<QByteArray> raw = AtomicFile::read(path, 64 * 1024);
    if (raw) {
        const Result<QJsonObject> document = StrictJson::parseObject(*raw);
        const QJsonValue value = document ? document->value(u"deviceToDevice") : QJsonValue();
        if (!document || !(value.isBool() || value.isUndefined())) {
            qCCritical(lcHub).noquote()
                << path << "is not {\"deviceToDevice\": true|false}; setting unchanged";
            return;
        }
        if (value.isBool())
            wanted = value.toBool();
    }
    if (wanted != m_deviceToDevice || !m_settingsLoaded)
        qCInfo(lcHub).noquote() << u"device-to-device mode %1 (%2)"_s.arg(wanted ? u"on"_s : u"off"_s,
                                                                          raw ? path : u"command line"_s);
    m_settingsLoaded = true;
    setDeviceToDevice(wanted);
}

void HubDaemon::setDeviceToDevice(bool allowed)
{
    if (allowed == m_deviceToDevice && m_status.deviceToDevice == allowed)
        return;
    m_deviceToDevice = allowed;
    m_status.deviceToDevice = allowed;
    m_desiredDirty = true;
    scheduleReconcile(Reconciler::Mode::Change);
}

void HubDaemon::reloadAll()
{
    if (!m_running)
        return;
    m_source->refresh();
    m_clients->reloadIfChanged();
    loadSettings();
    scheduleReconcile(Reconciler::Mode::Verify);
}

void HubDaemon::onInventoryFetched(const QByteArray &json)
{
    m_status.inventoryAttemptAt = QDateTime::currentDateTimeUtc();
    if (!m_status.inventoryError.isEmpty())
        qCInfo(lcHub) << "inventory fetched again after errors";
    const bool hadError = !m_status.inventoryError.isEmpty();
    m_status.inventoryError.clear();
    m_status.inventorySyncedAt = m_status.inventoryAttemptAt;
    if (json == m_inventoryBytes && m_devices) {
        // The periodic re-read: same bytes, same devices; nothing to parse or apply.
        m_views->counters().inventorySynced(m_status.inventoryAttemptAt.toMSecsSinceEpoch());
        if (hadError || m_status.inventoryFromCache) {
            m_status.inventoryFromCache = false;
            writeStatus();
            publish();
        }
        return;
    }
    const Result<DeviceInventory> inventory = m_inventoryParser->parse(json);
    if (!inventory) {
        m_views->counters().inventorySyncFailed(HubCounters::SyncError::Parse);
        reportFetchFailure(inventory.error().message);
        return;
    }
    m_views->counters().inventorySynced(m_status.inventoryAttemptAt.toMSecsSinceEpoch());
    m_inventoryBytes = json;
    m_status.inventoryKnown = true;
    m_status.inventoryFromCache = false;
    m_status.inventoryDevices = int(inventory->devices().size());
    m_status.inventoryDisabled = inventory->disabledCount();
    if (inventory->skipped() != m_inventorySkipped) {
        for (const SkippedPeer &skipped : inventory->skipped()) {
            if (!m_inventorySkipped.contains(skipped))
                qCWarning(lcHub).noquote() << "device skipped:" << skipped.toString();
        }
        m_inventorySkipped = inventory->skipped();
        m_desiredDirty = true;
    }
    if (json != m_cachedInventoryJson)
        m_cachePending = true; // written after the pass: the peers come first
    if (!m_devices || *m_devices != inventory->devices()) {
        m_devices = std::make_shared<const QList<InventoryDevice>>(inventory->devices());
        m_desiredDirty = true;
        // A client line may not take a device's key or address: checked again.
        m_clients->setOptions(clientRules());
        qCInfo(lcHub).noquote() << "inventory:" << inventory->devices().size() << "devices,"
                                << inventory->disabledCount() << "disabled," << inventory->skipped().size()
                                << "skipped";
        scheduleReconcile(Reconciler::Mode::Change);
    } else {
        writeInventoryCache();
        writeStatus();
        publish();
    }
}

void HubDaemon::onFetchFailed(const QString &error)
{
    m_views->counters().inventorySyncFailed(HubCounters::SyncError::Fetch);
    reportFetchFailure(error);
}

void HubDaemon::reportFetchFailure(const QString &error)
{
    m_status.inventoryAttemptAt = QDateTime::currentDateTimeUtc();
    const bool changed = m_status.inventoryError != error;
    m_status.inventoryError = error;
    if (changed)
        qCWarning(lcHub).noquote()
            << u"inventory not updated: %1 - keeping the last known list (%2); no peer is removed"_s.arg(
                   error, m_devices ? u"%1 devices"_s.arg(m_devices->size()) : u"none yet"_s);
    writeStatus();
    publish();
}

void HubDaemon::onClientsChanged()
{
    m_desiredDirty = true;
    refreshClientsView();
    scheduleReconcile(Reconciler::Mode::Change);
}

void HubDaemon::onWatchStarted()
{
    if (!m_running || m_sampleTimer.isActive())
        return;
    qCDebug(lcHub) << "live data watched: sampling every second";
    sampleLive();
    m_sampleTimer.start();
}

void HubDaemon::sampleLive()
{
    if (!m_views->watchedWithin(HubViewHolder::WatchWindowMs)) {
        qCDebug(lcHub) << "live data no longer watched: sampling at the sync interval";
        m_sampleTimer.stop();
        return;
    }
    // A verify pass is the sample: the same read also repairs peer drift.
    scheduleReconcile(Reconciler::Mode::Verify);
}

void HubDaemon::stop()
{
    m_syncTimer.stop();
    m_sampleTimer.stop();
    m_running = false;
    if (m_status.phase != u"failed")
        m_status.phase = u"stopped"_s;
    writeStatus();
    publish();
    qCInfo(lcHub).noquote() << "stopped; interface" << m_options.interfaceName
                            << "and its peers stay up for the next start";
}

} // namespace fvpn
