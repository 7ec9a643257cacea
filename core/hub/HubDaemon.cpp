#include "HubDaemon.h"

#include "AtomicFile.h"
#include "ClientsFileWatcher.h"
#include "Firewall.h"
#include "FoundriesApi.h"
#include "FoundriesInventorySource.h"
#include "HubLog.h"
#include "Reconciler.h"
#include "ServerConfigLoader.h"
#include "StaticInventorySource.h"
#include "StrictJson.h"
#include "WatchedFile.h"
#include "WireGuardInterface.h"

#include <QCoreApplication>
#include <QDir>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace fvpn {

namespace {

constexpr auto WorldReadable
    = QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup | QFileDevice::ReadOther;

} // namespace

HubDaemon::HubDaemon(HubOptions options, PrivateKey key, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_key(std::move(key))
    , m_address(m_options.vpnAddress)
    , m_port(m_options.port)
    , m_endpoint(m_options.endpoint)
    , m_deviceToDevice(m_options.allowDeviceToDevice)
{
    m_status.pid = QCoreApplication::applicationPid();
    m_status.startedAt = QDateTime::currentDateTimeUtc();
    m_status.factory = m_options.factory;
    m_status.interfaceName = m_options.interfaceName;
    m_status.publicKey = m_key.publicKey().toBase64();
    m_status.inventorySource = m_options.usesStaticInventory() ? u"file"_s : u"api"_s;
    m_status.clientsFile = m_options.clientsFile;
    m_syncTimer.setInterval(m_options.intervalSecs * 1000);
    connect(&m_syncTimer, &QTimer::timeout, this, [this] {
        qCDebug(lcHub) << "periodic sync";
        reloadAll();
        scheduleReconcile(true);
    });
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
    qCInfo(lcHub).noquote() << u"interface %1 (%2)"_s.arg(m_interface->name(), originName(*origin));
    return m_interface->configure(m_key, m_port, m_address);
}

void HubDaemon::bringUp()
{
    m_running = true;
    m_status.address = m_address.toString();
    m_status.listenPort = m_port;
    m_interface = std::make_unique<WireGuardInterface>(m_options.interfaceName);
    if (const Result<void> ready = setUpInterface(); !ready) {
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

    m_clients = new ClientsFileWatcher(m_options.clientsFile, clientRules(), this);
    connect(m_clients, &ClientsFileWatcher::clientsChanged, this, [this] { scheduleReconcile(); });
    connect(m_clients, &ClientsFileWatcher::errorChanged, this, &HubDaemon::writeStatus);
    m_clients->reload();

    m_settingsFile = new WatchedFile(statePath(u"settings.json"_s), this);
    connect(m_settingsFile, &WatchedFile::changed, this, &HubDaemon::loadSettings);
    loadSettings();

    loadInventoryCache();
    if (m_options.usesStaticInventory())
        m_source = new StaticInventorySource(m_options.inventoryFile, this);
    else
        m_source = new FoundriesInventorySource(m_api, m_options.intervalSecs, this);
    connect(m_source, &InventorySource::inventoryFetched, this, &HubDaemon::onInventoryFetched);
    connect(m_source, &InventorySource::fetchFailed, this, &HubDaemon::onFetchFailed);
    m_source->start();

    m_status.phase = u"running"_s;
    scheduleReconcile(true);
    m_syncTimer.start();
}

ClientsFile::ParseOptions HubDaemon::clientRules() const
{
    ClientsFile::ParseOptions rules;
    rules.subnet = m_address.network();
    rules.hubAddress = m_address.address();
    rules.hubKey = m_key.publicKey();
    for (const InventoryDevice &d : devices()) {
        rules.deviceKeys.insert(d.publicKey, d.name);
        rules.deviceAddresses.insert(d.address, d.name);
    }
    return rules;
}

void HubDaemon::loadInventoryCache()
{
    const Result<QByteArray> cached = AtomicFile::read(statePath(u"inventory-cache.json"_s));
    if (!cached)
        return;
    const Result<DeviceInventory> inventory
        = DeviceInventory::parse(*cached, { m_address.network(), m_address.address() });
    if (!inventory) {
        qCWarning(lcHub).noquote() << "ignoring the inventory cache:" << inventory.error().message;
        return;
    }
    m_inventory = *inventory;
    m_clients->setOptions(clientRules());
    m_cachedInventoryJson = *cached;
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
    scheduleReconcile();
}

void HubDaemon::reloadAll()
{
    if (!m_running)
        return;
    m_source->refresh();
    m_clients->reload();
    loadSettings();
}

void HubDaemon::onInventoryFetched(const QByteArray &json)
{
    m_status.inventoryAttemptAt = QDateTime::currentDateTimeUtc();
    const Result<DeviceInventory> inventory
        = DeviceInventory::parse(json, { m_address.network(), m_address.address() });
    if (!inventory) {
        onFetchFailed(inventory.error().message);
        return;
    }
    if (!m_status.inventoryError.isEmpty())
        qCInfo(lcHub) << "inventory fetched again after errors";
    m_status.inventoryError.clear();
    m_status.inventorySyncedAt = m_status.inventoryAttemptAt;
    m_status.inventoryKnown = true;
    m_status.inventoryFromCache = false;
    m_status.inventoryDevices = int(inventory->devices().size());
    m_status.inventoryDisabled = inventory->disabledCount();
    if (inventory->skipped() != m_loggedSkipped) {
        for (const SkippedPeer &skipped : inventory->skipped())
            qCWarning(lcHub).noquote() << "device skipped:" << skipped.toString();
        m_loggedSkipped = inventory->skipped();
    }
    if (json != m_cachedInventoryJson) {
        if (const Result<void> saved
            = AtomicFile::write(statePath(u"inventory-cache.json"_s), json, WorldReadable))
            m_cachedInventoryJson = json;
        else
            qCWarning(lcHub).noquote() << "cannot cache the inventory:" << saved.error().message;
    }
    const bool changed = !m_inventory || m_inventory->devices() != inventory->devices();
    m_inventory = *inventory;
    if (changed) {
        // A client line may not take a device's key or address: checked again.
        m_clients->setOptions(clientRules());
        qCInfo(lcHub).noquote() << "inventory:" << inventory->devices().size() << "devices,"
                                << inventory->disabledCount() << "disabled," << inventory->skipped().size()
                                << "skipped";
        scheduleReconcile();
    } else {
        writeStatus();
    }
}

void HubDaemon::onFetchFailed(const QString &error)
{
    m_status.inventoryAttemptAt = QDateTime::currentDateTimeUtc();
    m_status.inventoryError = error;
    qCWarning(lcHub).noquote()
        << u"inventory not updated: %1 - keeping the last known list (%2); no peer is removed"_s.arg(
               error, m_inventory ? u"%1 devices"_s.arg(m_inventory->devices().size()) : u"none yet"_s);
    writeStatus();
}

void HubDaemon::scheduleReconcile(bool repairFirewall)
{
    m_repairPending = m_repairPending || repairFirewall;
    if (m_reconcilePending)
        return;
    m_reconcilePending = true;
    // Coalesces bursts (an inventory and a clients change at once) into one pass.
    QTimer::singleShot(0, this, &HubDaemon::reconcile);
}

void HubDaemon::reconcile()
{
    m_reconcilePending = false;
    if (!m_running || !m_reconciler)
        return;
    Reconciler::Input input;
    if (m_inventory)
        input.devices = m_inventory->devices();
    input.clients = m_clients->clients();
    input.deviceToDevice = m_deviceToDevice;
    input.repairFirewall = m_repairPending;
    m_repairPending = false;

    Reconciler::Report report = m_reconciler->run(input);
    if (!report.applyError.isEmpty() && !m_interface->exists()) {
        qCCritical(lcHub).noquote() << "interface" << m_interface->name() << "disappeared; recreating it";
        if (const Result<void> ready = setUpInterface(); ready) {
            input.repairFirewall = true;
            report = m_reconciler->run(input);
        }
    }
    if (report.applyError != m_status.lastApplyError && !report.applyError.isEmpty())
        qCCritical(lcHub).noquote() << "peers not applied:" << report.applyError;
    if (report.firewallError != m_status.firewallError && !report.firewallError.isEmpty())
        qCCritical(lcHub).noquote() << "firewall not applied:" << report.firewallError;
    if (report.hostsError != m_status.hostsError && !report.hostsError.isEmpty())
        qCCritical(lcHub).noquote() << "hosts file not updated:" << report.hostsError;
    if (report.hostsWritten)
        qCInfo(lcHub).noquote() << "hosts file" << m_options.hostsFile << "updated";

    QList<SkippedPeer> skipped = m_inventory ? m_inventory->skipped() : QList<SkippedPeer> {};
    for (const SkippedPeer &clash : report.desired.skipped()) {
        if (!skipped.contains(clash)) {
            skipped.append(clash);
            if (!m_status.skipped.contains(clash))
                qCWarning(lcHub).noquote() << "device skipped:" << clash.toString();
        }
    }
    m_status.skipped = skipped;
    m_status.clients = int(m_clients->clients().size());
    m_status.clientsError = m_clients->error();
    m_status.peerDevices = report.desired.deviceCount();
    m_status.peerClients = report.desired.clientCount();
    m_status.livePeers = report.livePeers;
    m_status.lastApplyAt = QDateTime::currentDateTimeUtc();
    m_status.lastApplyOk = report.applyError.isEmpty() && report.firewallError.isEmpty();
    m_status.lastApplyError = report.applyError;
    m_status.lastAdded = int(report.diff.additions.size());
    m_status.lastChanged = int(report.diff.changes.size());
    m_status.lastRemoved = int(report.diff.removals.size());
    m_status.firewallError = report.firewallError;
    m_status.hostsError = report.hostsError;
    ++m_status.reconcileCount;
    // Once the NAT is in place: flows that began without it (docs/hub-daemon.md).
    m_conntrack.firewallApplied(report.firewallError.isEmpty(),
                                report.desired.addresses(PeerSpec::Kind::Client),
                                report.desired.addresses(PeerSpec::Kind::Device));
    writeStatus();
}

QList<InventoryDevice> HubDaemon::devices() const
{
    return m_inventory ? m_inventory->devices() : QList<InventoryDevice> {};
}

Result<WgDump> HubDaemon::liveDump() const
{
    if (!m_interface)
        return makeError(ErrorCode::Unavailable, u"the WireGuard interface is not up yet"_s);
    return m_interface->dump();
}

Result<void> HubDaemon::reconcileNow()
{
    if (!isRunning())
        return makeError(ErrorCode::Unavailable, u"the hub is still starting; try again shortly"_s);
    m_clients->reload();
    if (const std::optional<Error> &error = m_clients->error())
        return *error;
    reconcile();
    if (!m_status.lastApplyError.isEmpty())
        return makeError(ErrorCode::Unavailable, u"peers not applied: %1"_s.arg(m_status.lastApplyError));
    if (!m_status.firewallError.isEmpty())
        return makeError(ErrorCode::Unavailable, u"firewall not applied: %1"_s.arg(m_status.firewallError));
    return {};
}

void HubDaemon::writeStatus()
{
    if (m_clients)
        m_status.clientsError = m_clients->error();
    m_status.updatedAt = QDateTime::currentDateTimeUtc();
    if (const Result<void> written = m_status.write(statePath(u"status.json"_s)); !written)
        qCWarning(lcHub).noquote() << "cannot write status:" << written.error().message;
    Q_EMIT statusChanged();
}

void HubDaemon::stop()
{
    m_syncTimer.stop();
    m_running = false;
    if (m_status.phase != u"failed")
        m_status.phase = u"stopped"_s;
    writeStatus();
    qCInfo(lcHub).noquote() << "stopped; interface" << m_options.interfaceName
                            << "and its peers stay up for the next start";
}

} // namespace fvpn
