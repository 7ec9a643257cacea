#include "SystemIdentity.h"

#include <QSysInfo>

#include <pwd.h>
#include <unistd.h>

namespace fvpn {

QString SystemIdentity::fullNameFrom(const QString &gecos, const QString &loginName)
{
    // GECOS: "Full Name,Room,Work phone,…"; only the first field is the name.
    const QString name = gecos.section(u',', 0, 0).simplified();
    if (name.compare(loginName, Qt::CaseInsensitive) == 0)
        return {};
    return name;
}

SystemIdentity SystemIdentity::current()
{
    SystemIdentity identity;
    if (const struct passwd *entry = ::getpwuid(::getuid()))
        identity.fullName = fullNameFrom(QString::fromLocal8Bit(entry->pw_gecos ? entry->pw_gecos : ""),
                                         QString::fromLocal8Bit(entry->pw_name));
    identity.hostname = QSysInfo::machineHostName();
    identity.os = QSysInfo::prettyProductName();
    return identity;
}

} // namespace fvpn
