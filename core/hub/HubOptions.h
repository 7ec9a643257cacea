#pragma once

#include "Endpoint.h"
#include "InterfaceAddress.h"

#include <QString>
#include <QUrl>

#include <optional>

namespace fvpn {

enum class LogLevel
{
    Error,
    Warning,
    Info,
    Debug
};

// Everything the hub was told on its command line, validated. Defaults follow the
// upstream factory-wireguard-server daemon so existing units keep working.
struct HubOptions
{
    enum class Command
    {
        Daemon,
        Enable,
        EnableRun,
        UpdateEndpoint
    };

    Command command = Command::Daemon;

    QString apiToken; // -t, or read from apiTokenFile; exclusive with oauthCredsFile
    QString apiTokenFile; // --apitoken-file: a 0600 file or a systemd credential name
    QString oauthCredsFile; // -a
    QString factory; // -f
    QString interfaceName; // -n, default fio<factory>
    QString privateKeyFile; // -k
    bool noSysctl = false;
    int intervalSecs = 300;

    QString inventoryFile; // empty: devices come from the Foundries API
    InterfaceAddress vpnAddress; // 10.42.42.1/24 by default
    bool vpnAddressGiven = false;
    quint16 port = 5555;
    bool portGiven = false;
    std::optional<Endpoint> endpoint;
    // --endpoint named its own port: update_endpoint then keeps it rather than the
    // port of the endpoint already published.
    bool endpointPortGiven = false;
    bool noCheckIp = false; // accepted for compatibility; the hub never probes

    QUrl apiUrl;
    QString clientsFile;
    QString stateDir;
    QString hostsFile;
    bool allowDeviceToDevice = false;
    LogLevel logLevel = LogLevel::Info;

    bool usesStaticInventory() const { return !inventoryFile.isEmpty(); }
    bool runsDaemon() const { return command == Command::Daemon || command == Command::EnableRun; }
    bool publishesConfig() const { return command == Command::Enable || command == Command::EnableRun; }
    bool needsEndpoint() const { return command != Command::Daemon; }
};

} // namespace fvpn
