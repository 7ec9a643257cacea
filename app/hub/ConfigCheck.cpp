#include "ConfigCheck.h"

#include "HubKeyFile.h"
#include "HubSecrets.h"
#include "SecretFile.h"

#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace fvpn::ConfigCheck {

namespace {

QString commandName(HubOptions::Command command)
{
    switch (command) {
    case HubOptions::Command::Daemon:
        return u"daemon"_s;
    case HubOptions::Command::Enable:
        return u"enable"_s;
    case HubOptions::Command::EnableRun:
        return u"enable_run"_s;
    case HubOptions::Command::UpdateEndpoint:
        return u"update_endpoint"_s;
    }
    return {};
}

QString levelName(LogLevel level)
{
    switch (level) {
    case LogLevel::Error:
        return u"error"_s;
    case LogLevel::Warning:
        return u"warning"_s;
    case LogLevel::Info:
        return u"info"_s;
    case LogLevel::Debug:
        return u"debug"_s;
    }
    return {};
}

QString yesNo(bool value)
{
    return value ? u"true"_s : u"false"_s;
}

} // namespace

int run(const HubConfigFile::Merged &merged, const HubOptions &options, const HubApiOptions &api,
        QTextStream &out, QTextStream &err)
{
    QStringList problems;
    QStringList notes;
    const auto row = [&](const QString &key, const QString &value, const QString &origin = {}) {
        QString line = u"  %1 %2 %3"_s.arg(key.leftJustified(22), value.leftJustified(40),
                                           origin.isEmpty() ? merged.origin(key) : origin);
        while (line.endsWith(u' '))
            line.chop(1);
        out << line << u'\n';
    };
    // Secrets are named, never shown; only the command line can hold a token itself.
    if (merged.configPath.isEmpty())
        out << u"factory-vpn-hub would use (command line only, no --config):\n"_s;
    else
        out << u"factory-vpn-hub would use (%1 and the command line):\n"_s.arg(merged.configPath);
    row(u"command"_s, commandName(options.command), u"command line"_s);
    row(u"factory"_s, options.factory);
    row(u"intf-name"_s, options.interfaceName,
        merged.origin(u"intf-name"_s) == u"default" ? u"default (fio<factory>)"_s : QString());
    row(u"privatekey"_s, options.privateKeyFile);
    if (options.usesStaticInventory()) {
        row(u"inventory"_s, options.inventoryFile);
        row(u"vpnaddr"_s, options.vpnAddress.toString());
        row(u"port"_s, QString::number(options.port));
    } else {
        if (!options.apiTokenFile.isEmpty())
            row(u"apitoken-file"_s, options.apiTokenFile);
        else if (!options.apiToken.isEmpty())
            row(u"apitoken"_s, u"(hidden)"_s, u"command line"_s);
        else
            row(u"oauthcreds"_s, options.oauthCredsFile);
        row(u"api-url"_s, options.apiUrl.toString());
        row(u"vpnaddr, port"_s, u"from the factory config (wireguard-server)"_s, u"Foundries API"_s);
    }
    if (options.endpoint)
        row(u"endpoint"_s, options.endpoint->toString());
    row(u"interval"_s, QString::number(options.intervalSecs));
    row(u"no-sysctl"_s, yesNo(options.noSysctl));
    row(u"clients-file"_s, options.clientsFile);
    row(u"state-dir"_s, options.stateDir);
    row(u"hosts-file"_s, options.hostsFile);
    row(u"allow-device-to-device"_s, yesNo(options.allowDeviceToDevice));
    row(u"log-level"_s, levelName(options.logLevel));
    row(u"no-api"_s, yesNo(api.disabled));
    if (!api.disabled) {
        row(u"public-listen"_s, api.publicListen ? api.publicListen->toString() : u"none"_s);
        QStringList admin;
        for (const ListenAddress &a : api.adminListen)
            admin << a.toString();
        row(u"admin-listen"_s,
            admin.isEmpty() ? u"<hub VPN address>:%1, 127.0.0.1:%1"_s.arg(HubApiOptions::DefaultAdminPort)
                            : admin.join(u", "_s));
        row(u"metrics-listen"_s,
            api.metricsListen ? api.metricsListen->toString() + u" (plain HTTP, no token)"_s
                              : u"none (GET /metrics on the admin listener, with a token)"_s);
        row(u"tls-cert"_s, api.tlsCert.isEmpty() ? u"(self-signed, made in state-dir)"_s : api.tlsCert);
        row(u"tls-key"_s, api.tlsKey.isEmpty() ? u"(self-signed, made in state-dir)"_s : api.tlsKey);
        row(u"public-url"_s,
            api.publicUrl.isEmpty() ? u"(https://<endpoint host>:<public port>)"_s
                                    : api.publicUrl.toString());
        row(u"max-pending"_s, QString::number(api.maxPending));
        row(u"registration-burst"_s, QString::number(api.registrationBurst));
    }

    // What the daemon reads at start, read the same way now.
    const Result<PrivateKey> key = HubKeyFile::load(options.privateKeyFile);
    if (!key) {
        // enable creates a missing key file; the daemon needs it.
        if (options.publishesConfig() && !QFileInfo::exists(options.privateKeyFile))
            notes << u"%1 does not exist yet: 'enable' creates it"_s.arg(options.privateKeyFile);
        else
            problems << key.error().message;
    } else {
        notes << u"hub public key: %1"_s.arg(key->publicKey().toBase64());
        if (SecretFile::checkPrivate(options.privateKeyFile).ok() == false)
            notes << u"warning: %1 is readable by other users; chmod 600 it"_s.arg(options.privateKeyFile);
    }
    HubOptions withSecrets = options;
    if (const Result<void> secrets = HubSecrets::load(withSecrets); !secrets)
        problems << secrets.error().message;
    if (!options.apiToken.isEmpty() && options.apiTokenFile.isEmpty())
        notes << u"warning: the API token is on the command line, where every user can see it (ps); use "
                 "--apitoken-file"_s;
    if (options.usesStaticInventory() && !QFileInfo::exists(options.inventoryFile))
        problems << u"the inventory file %1 does not exist"_s.arg(options.inventoryFile);
    if (!api.disabled && api.tlsCert.isEmpty() != api.tlsKey.isEmpty())
        problems << u"tls-cert and tls-key go together"_s;
    for (const QString &file : { api.tlsCert, api.tlsKey }) {
        if (!file.isEmpty() && !QFileInfo::exists(file))
            problems << u"%1 does not exist"_s.arg(file);
    }

    for (const QString &note : std::as_const(notes))
        out << note << u'\n';
    if (!problems.isEmpty()) {
        for (const QString &problem : std::as_const(problems))
            err << u"factory-vpn-hub: "_s << problem << u'\n';
        err << u"factory-vpn-hub: the configuration is not usable\n"_s;
        return 1;
    }
    out << u"configuration OK\n"_s;
    return 0;
}

} // namespace fvpn::ConfigCheck
