#include "SystemIdentity.h"

#include <QSysInfo>

#include <pwd.h>
#include <unistd.h>

namespace fvpn {

namespace {

QString accountName()
{
    const struct passwd *entry = ::getpwuid(::getuid());
    if (!entry)
        return qEnvironmentVariable("USER");
    // GECOS: "Full Name,Room,Work phone,…"; only the first field is the name.
    const QString gecos
        = QString::fromLocal8Bit(entry->pw_gecos ? entry->pw_gecos : "").section(u',', 0, 0).trimmed();
    if (!gecos.isEmpty())
        return gecos;
    return QString::fromLocal8Bit(entry->pw_name);
}

} // namespace

SystemIdentity SystemIdentity::current()
{
    SystemIdentity identity;
    identity.fullName = accountName();
    identity.hostname = QSysInfo::machineHostName();
    identity.os = QSysInfo::prettyProductName();
    return identity;
}

} // namespace fvpn
