#include "HubCommandLine.h"

#include <QCommandLineParser>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace fvpn {

namespace {

Error usageError(const QString &message)
{
    return makeError(ErrorCode::InvalidInput, message);
}

// Interface and factory names end up in nft rules, URLs and hosts-file markers:
// keep them to characters that need no quoting anywhere.
bool isSafeName(const QString &text)
{
    static const QRegularExpression pattern(u"^[A-Za-z0-9][A-Za-z0-9_.-]*$"_s);
    return pattern.match(text).hasMatch();
}

Result<int> parseInteger(const QString &option, const QString &text, int min, int max)
{
    bool ok = false;
    const int value = text.toInt(&ok);
    if (!ok || value < min || value > max)
        return usageError(u"--%1: '%2' is not a number from %3 to %4"_s.arg(option, text).arg(min).arg(max));
    return value;
}

struct Options
{
    QCommandLineOption help { { u"h"_s, u"help"_s }, u"Show this help."_s };
    QCommandLineOption version { u"version"_s, u"Show the version."_s };
    QCommandLineOption apiToken { { u"t"_s, u"apitoken"_s }, u"API token."_s, u"TOKEN"_s };
    QCommandLineOption apiTokenFile { u"apitoken-file"_s, u"API token file."_s, u"FILE"_s };
    QCommandLineOption oauthCreds { { u"a"_s, u"oauthcreds"_s }, u"OAuth2 credentials file."_s, u"FILE"_s };
    QCommandLineOption factory { { u"f"_s, u"factory"_s }, u"Factory."_s, u"FACTORY"_s };
    QCommandLineOption interfaceName { { u"n"_s, u"intf-name"_s }, u"Interface."_s, u"IFNAME"_s };
    QCommandLineOption privateKey { { u"k"_s, u"privatekey"_s }, u"Private key file."_s, u"FILE"_s };
    QCommandLineOption noSysctl { u"no-sysctl"_s, u"Leave ip_forward alone."_s };
    QCommandLineOption interval { { u"i"_s, u"interval"_s }, u"Sync interval."_s, u"SECONDS"_s };
    QCommandLineOption port { { u"p"_s, u"port"_s }, u"UDP port."_s, u"PORT"_s };
    QCommandLineOption endpoint { { u"e"_s, u"endpoint"_s }, u"Public endpoint."_s, u"HOST"_s };
    QCommandLineOption vpnAddress { { u"v"_s, u"vpnaddr"_s }, u"Hub VPN address."_s, u"ADDR"_s };
    QCommandLineOption noCheckIp { u"no-check-ip"_s, u"Accepted for compatibility."_s };
    QCommandLineOption inventory { u"inventory"_s, u"Static inventory."_s, u"FILE"_s };
    QCommandLineOption apiUrl { u"api-url"_s, u"API base URL."_s, u"URL"_s };
    QCommandLineOption clientsFile { u"clients-file"_s, u"Client peers."_s, u"FILE"_s };
    QCommandLineOption stateDir { u"state-dir"_s, u"State folder."_s, u"DIR"_s };
    QCommandLineOption hostsFile { u"hosts-file"_s, u"Hosts file."_s, u"FILE"_s };
    QCommandLineOption deviceToDevice { u"allow-device-to-device"_s, u"Device-to-device mode."_s };
    QCommandLineOption logLevel { u"log-level"_s, u"Log level."_s, u"LEVEL"_s };

    QList<QCommandLineOption> all() const
    {
        return { help,       version,  apiToken,    apiTokenFile, oauthCreds, factory,        interfaceName,
                 privateKey, noSysctl, interval,    port,         endpoint,   vpnAddress,     noCheckIp,
                 inventory,  apiUrl,   clientsFile, stateDir,     hostsFile,  deviceToDevice, logLevel };
    }
};

constexpr QStringView CommandList = u"'daemon', 'enable', 'enable_run' or 'update_endpoint'";

Result<HubOptions::Command> parseCommand(const QStringList &positional)
{
    if (positional.isEmpty())
        return usageError(u"no command given: use %1"_s.arg(CommandList));
    if (positional.size() > 1)
        return usageError(u"unexpected argument '%1'"_s.arg(positional.at(1)));
    const QString &name = positional.first();
    if (name == u"daemon")
        return HubOptions::Command::Daemon;
    if (name == u"enable")
        return HubOptions::Command::Enable;
    if (name == u"enable_run")
        return HubOptions::Command::EnableRun;
    if (name == u"update_endpoint")
        return HubOptions::Command::UpdateEndpoint;
    return usageError(u"unknown command '%1': use %2"_s.arg(name, CommandList));
}

Result<LogLevel> parseLogLevel(const QString &text)
{
    if (text == u"error")
        return LogLevel::Error;
    if (text == u"warning")
        return LogLevel::Warning;
    if (text == u"info")
        return LogLevel::Info;
    if (text == u"debug")
        return LogLevel::Debug;
    return usageError(u"--log-level: '%1' is not one of error, warning, info, debug"_s.arg(text));
}

Result<QUrl> parseApiUrl(const QString &text)
{
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid() || (url.scheme() != u"https" && url.scheme() != u"http") || url.host().isEmpty()
        || url.hasQuery() || url.hasFragment())
        return usageError(
            u"--api-url: '%1' is not an http(s) URL such as https://api.foundries.io"_s.arg(text));
    QUrl normalized = url;
    QString path = normalized.path();
    while (path.endsWith(u'/'))
        path.chop(1);
    normalized.setPath(path);
    return normalized;
}

// Upstream takes a bare host for --endpoint and the port from --port; a host:port
// form is accepted as well as long as the two agree. `hasPort` tells which form it was.
Result<Endpoint> parseEndpoint(const QString &text, quint16 port, bool portGiven, bool *hasPort)
{
    *hasPort = false;
    if (Result<Endpoint> full = Endpoint::parse(text)) {
        if (portGiven && full->port() != port)
            return usageError(
                u"--endpoint %1 names port %2 but --port is %3"_s.arg(text).arg(full->port()).arg(port));
        *hasPort = true;
        return full;
    }
    QString host = text;
    if (host.startsWith(u'[') && host.endsWith(u']'))
        host = host.mid(1, host.size() - 2);
    Result<Endpoint> bare = Endpoint::make(host, port);
    if (!bare)
        return usageError(
            u"--endpoint: '%1' is not a host name or IP address (%2)"_s.arg(text, bare.error().message));
    return bare;
}

} // namespace

Result<HubCommandLine::Parsed> HubCommandLine::parse(const QStringList &arguments)
{
    Options o;
    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsCompactedShortOptions);
    parser.addOptions(o.all());
    parser.addPositionalArgument(u"command"_s, u"daemon, enable, enable_run or update_endpoint"_s);
    if (!parser.parse(QStringList { u"factory-vpn-hub"_s } + arguments))
        return usageError(parser.errorText());

    Parsed parsed;
    if (parser.isSet(o.help)) {
        parsed.action = Action::ShowHelp;
        return parsed;
    }
    if (parser.isSet(o.version)) {
        parsed.action = Action::ShowVersion;
        return parsed;
    }

    for (const QCommandLineOption &option : o.all()) {
        if (parser.values(option).size() > 1)
            return usageError(u"--%1 is given more than once"_s.arg(option.names().constLast()));
    }

    HubOptions &opts = parsed.options;
    const Result<HubOptions::Command> command = parseCommand(parser.positionalArguments());
    if (!command)
        return command.error();
    opts.command = *command;

    opts.factory = parser.value(o.factory);
    if (opts.factory.isEmpty())
        return usageError(u"--factory (-f) is required"_s);
    if (!isSafeName(opts.factory))
        return usageError(
            u"--factory: '%1' may only contain letters, digits, '.', '_' and '-'"_s.arg(opts.factory));

    if (parser.isSet(o.interfaceName)) {
        opts.interfaceName = parser.value(o.interfaceName);
    } else {
        // Upstream's rule, kept so the same units produce the same interface.
        if (opts.factory.size() > MaxInterfaceNameLength - 3)
            return usageError(
                u"factory name '%1' is longer than 12 characters: give the interface name with --intf-name (-n)"_s
                    .arg(opts.factory));
        opts.interfaceName = u"fio"_s + opts.factory;
    }
    if (opts.interfaceName.size() > MaxInterfaceNameLength)
        return usageError(
            u"--intf-name: '%1' is %2 characters long; Linux allows at most 15"_s.arg(opts.interfaceName)
                .arg(opts.interfaceName.size()));
    if (!isSafeName(opts.interfaceName))
        return usageError(u"--intf-name: '%1' may only contain letters, digits, '.', '_' and '-'"_s.arg(
            opts.interfaceName));

    opts.privateKeyFile = parser.value(o.privateKey);
    if (opts.privateKeyFile.isEmpty())
        return usageError(u"--privatekey (-k) is required"_s);

    opts.inventoryFile = parser.value(o.inventory);
    opts.apiToken = parser.value(o.apiToken);
    opts.apiTokenFile = parser.value(o.apiTokenFile);
    opts.oauthCredsFile = parser.value(o.oauthCreds);
    const bool hasTokenFile = parser.isSet(o.apiTokenFile);
    const bool hasToken = parser.isSet(o.apiToken) || hasTokenFile;
    const bool hasOauth = parser.isSet(o.oauthCreds);
    if (parser.isSet(o.apiToken) && hasTokenFile)
        return usageError(u"--apitoken (-t) and --apitoken-file cannot be used together"_s);
    if (hasToken && hasOauth)
        return usageError(u"--apitoken (-t) and --oauthcreds (-a) cannot be used together"_s);
    if ((parser.isSet(o.apiToken) && opts.apiToken.isEmpty()) || (hasTokenFile && opts.apiTokenFile.isEmpty())
        || (hasOauth && opts.oauthCredsFile.isEmpty()))
        return usageError(u"--apitoken/--apitoken-file/--oauthcreds need a non-empty value"_s);
    if (parser.isSet(o.inventory)) {
        if (opts.inventoryFile.isEmpty())
            return usageError(u"--inventory needs a file name"_s);
        if (opts.command == HubOptions::Command::UpdateEndpoint)
            return usageError(
                u"--inventory only works with 'daemon': 'update_endpoint' changes the factory config through the Foundries API"_s);
        if (opts.command != HubOptions::Command::Daemon)
            return usageError(
                u"--inventory only works with 'daemon': 'enable' publishes to the Foundries API"_s);
        if (hasToken || hasOauth)
            return usageError(
                u"--inventory replaces the Foundries API: do not combine it with --apitoken or --oauthcreds"_s);
    } else if (!hasToken && !hasOauth) {
        return usageError(
            u"one of --apitoken-file, --apitoken (-t) or --oauthcreds (-a) is required (or --inventory FILE for a static device list)"_s);
    }

    opts.noSysctl = parser.isSet(o.noSysctl);
    opts.noCheckIp = parser.isSet(o.noCheckIp);
    opts.allowDeviceToDevice = parser.isSet(o.deviceToDevice);

    if (parser.isSet(o.interval)) {
        const Result<int> interval = parseInteger(u"interval"_s, parser.value(o.interval), 1, 86400);
        if (!interval)
            return interval.error();
        opts.intervalSecs = *interval;
    }

    opts.portGiven = parser.isSet(o.port);
    if (opts.portGiven) {
        const Result<int> port = parseInteger(u"port"_s, parser.value(o.port), 1, 65535);
        if (!port)
            return port.error();
        opts.port = quint16(*port);
    }

    opts.vpnAddressGiven = parser.isSet(o.vpnAddress);
    const QString vpnText = opts.vpnAddressGiven ? parser.value(o.vpnAddress) : u"10.42.42.1"_s;
    const Result<InterfaceAddress> vpn = InterfaceAddress::parse(vpnText, 24);
    if (!vpn)
        return usageError(u"--vpnaddr: %1"_s.arg(vpn.error().message));
    if (!vpn->address().isIPv4())
        return usageError(u"--vpnaddr: '%1' is not an IPv4 address; the factory VPN is IPv4"_s.arg(vpnText));
    if (vpn->network().prefixLength() > 30)
        return usageError(u"--vpnaddr: /%1 leaves no room for peers; use /30 or shorter"_s.arg(
            vpn->network().prefixLength()));
    if (vpn->address() == vpn->network().networkAddress()
        || vpn->address() == vpn->network().broadcastAddress())
        return usageError(u"--vpnaddr: %1 is the network or broadcast address of %2"_s.arg(
            vpn->address().toString(), vpn->network().toString()));
    opts.vpnAddress = *vpn;

    if (parser.isSet(o.endpoint)) {
        const Result<Endpoint> endpoint
            = parseEndpoint(parser.value(o.endpoint), opts.port, opts.portGiven, &opts.endpointPortGiven);
        if (!endpoint)
            return endpoint.error();
        opts.endpoint = *endpoint;
        if (!opts.portGiven)
            opts.port = endpoint->port();
    }
    if (opts.needsEndpoint() && !opts.endpoint)
        return usageError(
            u"'%1' needs --endpoint (-e): the public host or IP address devices connect to"_s.arg(
                opts.command == HubOptions::Command::UpdateEndpoint ? u"update_endpoint"_s : u"enable"_s));
    // Upstream's update_endpoint wrote the endpoint into the VPN address; this one
    // changes the endpoint only, so an address given with it would be silently ignored.
    if (opts.command == HubOptions::Command::UpdateEndpoint && opts.vpnAddressGiven)
        return usageError(
            u"'update_endpoint' changes only the endpoint: use 'enable' to publish a new --vpnaddr"_s);
    if (opts.command == HubOptions::Command::Daemon && !opts.usesStaticInventory()
        && (opts.vpnAddressGiven || opts.portGiven))
        return usageError(
            u"with the Foundries API the hub's --vpnaddr and --port come from the factory config (set them with 'enable'); use them with --inventory or 'enable'"_s);

    const Result<QUrl> apiUrl
        = parseApiUrl(parser.isSet(o.apiUrl) ? parser.value(o.apiUrl) : u"https://api.foundries.io"_s);
    if (!apiUrl)
        return apiUrl.error();
    opts.apiUrl = *apiUrl;

    const auto pathOption
        = [&parser](const QCommandLineOption &option, const QString &fallback) -> Result<QString> {
        if (!parser.isSet(option))
            return fallback;
        const QString value = parser.value(option);
        if (value.isEmpty())
            return usageError(u"--%1 needs a path"_s.arg(option.names().constLast()));
        return value;
    };
    const Result<QString> clients = pathOption(o.clientsFile, u"/etc/wireguard/factory-clients.conf"_s);
    const Result<QString> state = pathOption(o.stateDir, u"/var/lib/factory-vpn"_s);
    const Result<QString> hosts = pathOption(o.hostsFile, u"/etc/hosts"_s);
    for (const Result<QString> *r : { &clients, &state, &hosts }) {
        if (!*r)
            return r->error();
    }
    opts.clientsFile = *clients;
    opts.stateDir = *state;
    opts.hostsFile = *hosts;

    if (parser.isSet(o.logLevel)) {
        const Result<LogLevel> level = parseLogLevel(parser.value(o.logLevel));
        if (!level)
            return level.error();
        opts.logLevel = *level;
    }
    return parsed;
}

QString HubCommandLine::helpText()
{
    return uR"(Usage: factory-vpn-hub [--config FILE] [--apitoken-file FILE | -t TOKEN | -a OAUTHCREDS |
                       --inventory FILE] -f FACTORY [-n IFNAME] -k PRIVKEY [options] COMMAND

Keeps a WireGuard hub in step with a factory's devices and approved engineers,
applying changes peer by peer so no tunnel is ever dropped.

Commands:
  daemon                  keep interface, firewall and /etc/hosts in sync
  enable                  publish endpoint, VPN address and public key to the factory
                          config (creates the private key file if missing)
  enable_run              enable, then run the daemon
  update_endpoint         publish a new --endpoint only (the hub's public address
                          changed); the port is kept unless given

Options:
  --apitoken-file FILE    file holding the FoundriesFactory API token (mode 0600);
                          a bare NAME is $CREDENTIALS_DIRECTORY/NAME (LoadCredential=)
  -t, --apitoken TOKEN    the token itself (visible in ps: prefer --apitoken-file)
  -a, --oauthcreds FILE   OAuth2 credentials file (access_token, refresh_token, ...;
                          mode 0600, rewritten when the access token is refreshed)
  -f, --factory NAME      factory name (required)
  -n, --intf-name NAME    WireGuard interface, default fio<factory> (max 15 characters)
  -k, --privatekey FILE   hub private key file (required)
  --no-sysctl             do not turn on net.ipv4.ip_forward
  -i, --interval SECONDS  inventory sync and repair interval (default 300)
  --inventory FILE        static device list (JSON array of {name, pubkey, ip, enabled})
                          instead of the Foundries API; re-read when it changes
  -v, --vpnaddr ADDR[/N]  hub VPN address (default 10.42.42.1, subnet /24)
  -p, --port PORT         WireGuard UDP port (default 5555)
  -e, --endpoint HOST[:PORT]  public host or IP address devices connect to
                          (an IPv6 address in brackets: [2001:db8::1]:5555)
  --no-check-ip           accepted for compatibility; nothing is probed
  --api-url URL           API base (default https://api.foundries.io)
  --clients-file FILE     approved engineers (default /etc/wireguard/factory-clients.conf)
  --state-dir DIR         status and caches (default /var/lib/factory-vpn)
  --hosts-file FILE       hosts file to keep the name block in (default /etc/hosts)
  --allow-device-to-device  let devices reach each other through the hub
  --log-level LEVEL       error, warning, info (default) or debug
  --config FILE           read settings from FILE first (key = value lines; the keys are
                          the long option names); the command line wins over the file
  --check-config          print the settings the hub would use, from the command line and
                          --config FILE (default /etc/factory-vpn/hub.conf), and check them;
                          exit 0 if the hub could start with them, 1 if not
  -h, --help              show this help
  --version               show the version

Environment: FVPN_WG, FVPN_IP, FVPN_NFT, FVPN_WIREGUARD_GO override tool paths.
)"_s;
}

} // namespace fvpn
