#pragma once

#include "HubOptions.h"
#include "Result.h"

#include <QSet>
#include <QString>

namespace fvpn {

// The second half of upstream's `enable`: upstream wrote and started a unit of its
// own (with the API token inside it). Where the package's unit is installed, this
// writes the hub's settings into hub.conf instead, the API token into a 0600 file
// next to it, and enables and (re)starts factory-vpn-hub.service. A restart is
// safe: the interface and its peers outlive the hub process.
class ServiceInstaller
{
public:
    struct Paths
    {
        QString configFile; // hub.conf to write
        QString tokenFile; // where a token given with -t is stored
        QStringList unitFiles; // the first that exists means "the package is installed"
        QString systemctl; // the program
    };

    // /etc/factory-vpn/hub.conf (or `configFile` when --config named one), the unit
    // in /etc/systemd/system, /usr/lib/systemd/system or /lib/systemd/system,
    // `systemctl`; FVPN_SYSTEMD_UNIT and FVPN_SYSTEMCTL override the last two (tests).
    static Paths defaultPaths(const QString &configFile = {});

    // The installed unit, empty if none: then `enable` does what it always did.
    static QString installedUnit(const Paths &paths);

    // The hub.conf values `enable` writes: factory, interface, key, the API
    // credentials (a null value removes the key: switching from a token to OAuth
    // credentials drops apitoken-file), and the daemon options that were given on
    // the command line (`fromCommandLine`: keys).
    static QList<QPair<QString, QString>> configValues(const HubOptions &options, const QString &tokenFile,
                                                       const QSet<QString> &fromCommandLine);

    // Writes hub.conf (and the token file), enables and restarts the service. The
    // message says what was done, for the terminal.
    static Result<QString> install(const HubOptions &options, const QSet<QString> &fromCommandLine,
                                   const Paths &paths);

    static constexpr QStringView UnitName = u"factory-vpn-hub.service";
};

} // namespace fvpn
