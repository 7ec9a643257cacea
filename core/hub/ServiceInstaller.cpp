#include "ServiceInstaller.h"

#include "AtomicFile.h"
#include "CommandRunner.h"
#include "HubConfigFile.h"

#include <QDir>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace fvpn {

namespace {

QString absolute(const QString &path)
{
    return path.isEmpty() ? path : QFileInfo(path).absoluteFilePath();
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
    return u"info"_s;
}

} // namespace

ServiceInstaller::Paths ServiceInstaller::defaultPaths(const QString &configFile)
{
    Paths paths;
    paths.configFile = configFile.isEmpty() ? HubConfigFile::DefaultPath.toString() : configFile;
    paths.tokenFile = QFileInfo(paths.configFile).absoluteDir().filePath(u"api-token"_s);
    const QString unit = qEnvironmentVariable("FVPN_SYSTEMD_UNIT");
    if (!unit.isEmpty()) {
        paths.unitFiles << unit;
    } else {
        for (const QString &dir :
             { u"/etc/systemd/system"_s, u"/usr/lib/systemd/system"_s, u"/lib/systemd/system"_s })
            paths.unitFiles << dir + u'/' + UnitName.toString();
    }
    paths.systemctl = qEnvironmentVariable("FVPN_SYSTEMCTL", u"systemctl"_s);
    return paths;
}

QString ServiceInstaller::installedUnit(const Paths &paths)
{
    for (const QString &file : paths.unitFiles) {
        if (QFileInfo::exists(file))
            return file;
    }
    return {};
}

QList<QPair<QString, QString>> ServiceInstaller::configValues(const HubOptions &options,
                                                              const QString &tokenFile,
                                                              const QSet<QString> &fromCommandLine)
{
    QList<QPair<QString, QString>> values { { u"factory"_s, options.factory },
                                            { u"intf-name"_s, options.interfaceName },
                                            { u"privatekey"_s, absolute(options.privateKeyFile) } };
    if (!options.oauthCredsFile.isEmpty()) {
        values.append({ u"oauthcreds"_s, absolute(options.oauthCredsFile) });
        values.append({ u"apitoken-file"_s, QString() });
    } else {
        // A credential name (no '/') stays as it is: it is looked up at start.
        const QString file = !options.apiTokenFile.isEmpty()
            ? (options.apiTokenFile.contains(u'/') ? absolute(options.apiTokenFile) : options.apiTokenFile)
            : tokenFile;
        values.append({ u"apitoken-file"_s, file });
        values.append({ u"oauthcreds"_s, QString() });
    }
    // The daemon's own options, when this `enable` was given them. Endpoint,
    // address and port are not among them: the daemon reads those from the
    // factory config that `enable` just published.
    const auto given = [&](const QString &key, const QString &value) {
        if (fromCommandLine.contains(key))
            values.append({ key, value });
    };
    given(u"api-url"_s, options.apiUrl.toString());
    given(u"interval"_s, QString::number(options.intervalSecs));
    given(u"clients-file"_s, absolute(options.clientsFile));
    given(u"state-dir"_s, absolute(options.stateDir));
    given(u"hosts-file"_s, absolute(options.hostsFile));
    given(u"log-level"_s, levelName(options.logLevel));
    given(u"no-sysctl"_s, options.noSysctl ? u"true"_s : u"false"_s);
    given(u"allow-device-to-device"_s, options.allowDeviceToDevice ? u"true"_s : u"false"_s);
    return values;
}

Result<QString> ServiceInstaller::install(const HubOptions &options, const QSet<QString> &fromCommandLine,
                                          const Paths &paths)
{
    QStringList done;
    const QString configDir = QFileInfo(paths.configFile).absolutePath();
    if (!QDir().mkpath(configDir))
        return makeError(ErrorCode::IoError, u"cannot create %1"_s.arg(configDir));
    // The token given with -t moves out of sight: into a file only root can read.
    if (options.apiTokenFile.isEmpty() && !options.apiToken.isEmpty()) {
        if (const Result<void> written = AtomicFile::write(paths.tokenFile, options.apiToken.toUtf8() + '\n');
            !written)
            return makeError(written.error().code,
                             u"cannot store the API token: %1"_s.arg(written.error().message));
        done << u"API token stored in %1 (0600)"_s.arg(paths.tokenFile);
    }
    const Result<QByteArray> current = AtomicFile::read(paths.configFile, HubConfigFile::MaxBytes);
    if (!current && current.error().code != ErrorCode::NotFound)
        return current.error();
    const QByteArray text
        = HubConfigFile::withValues(current ? QByteArrayView(*current) : QByteArrayView(),
                                    configValues(options, paths.tokenFile, fromCommandLine));
    // What is written must be what the daemon accepts.
    if (const Result<QList<HubConfigFile::Entry>> check = HubConfigFile::parse(text); !check)
        return makeError(ErrorCode::InvalidInput,
                         u"%1 would not be valid after the change, left as it was: %2"_s.arg(
                             paths.configFile, check.error().message));
    if (const Result<void> written = AtomicFile::write(paths.configFile, text,
                                                       QFileDevice::ReadOwner | QFileDevice::WriteOwner
                                                           | QFileDevice::ReadGroup | QFileDevice::ReadOther);
        !written)
        return written.error();
    done << u"settings written to %1"_s.arg(paths.configFile);

    const QString unit = UnitName.toString();
    for (const QStringList &args :
         { QStringList { u"enable"_s, unit }, QStringList { u"restart"_s, unit } }) {
        const Result<QByteArray> ran = CommandRunner::run(paths.systemctl, args, {}, 120'000);
        if (!ran)
            return makeError(ran.error().code,
                             u"%1; but 'systemctl %2' failed: %3"_s.arg(done.join(u"; "_s), args.join(u' '),
                                                                        ran.error().message));
    }
    done << u"%1 enabled and started; logs: journalctl -fu %1"_s.arg(unit);
    return done.join(u"\n"_s);
}

} // namespace fvpn
