#include "NetworkManagerDBus.h"

#include <QDBusMetaType>

namespace fvpn::nm {

void registerTypes()
{
    qDBusRegisterMetaType<SettingsMap>();
    qDBusRegisterMetaType<DictList>();
    // QtDBus (6.4) finds the types of an exported slot by the names moc wrote
    // down, so the secret agent's "nm::SettingsMap" needs its name registered too.
    qRegisterMetaType<SettingsMap>("nm::SettingsMap");
}

QString activeStateReasonText(uint reason)
{
    switch (reason) {
    case 1:
        return QStringLiteral("no reason given");
    case 2:
        return QStringLiteral("it was disconnected by a user");
    case 3:
        return QStringLiteral("its network device disconnected");
    case 4:
        return QStringLiteral("the service providing it stopped");
    case 5:
        return QStringLiteral("its IP configuration was invalid");
    case 6:
        return QStringLiteral("connecting took too long");
    case 7:
        return QStringLiteral("the service providing it did not start in time");
    case 8:
        return QStringLiteral("the service providing it failed to start");
    case 9:
        return QStringLiteral("the private key was not provided (no secrets)");
    case 10:
        return QStringLiteral("the login was refused");
    case 11:
        return QStringLiteral("its profile was deleted");
    case 12:
        return QStringLiteral("a connection it depends on failed");
    case 13:
        return QStringLiteral("the WireGuard interface could not be created (is the WireGuard kernel module "
                              "available?)");
    case 14:
        return QStringLiteral("its network device disappeared");
    default:
        return QStringLiteral("an unknown reason (%1)").arg(reason);
    }
}

Error dbusError(const QString &what, const QDBusError &error)
{
    if (error.name() == u"org.freedesktop.DBus.Error.NameHasNoOwner")
        return dbusError(what, QDBusError(QDBusError::ServiceUnknown, error.message()));
    switch (error.type()) {
    case QDBusError::ServiceUnknown:
        return makeError(ErrorCode::Unavailable,
                         QStringLiteral("%1: NetworkManager is not running (nobody answers as %2 on the "
                                        "system D-Bus).")
                             .arg(what, QString::fromLatin1(Service)));
    case QDBusError::Disconnected:
        return makeError(ErrorCode::Unavailable,
                         QStringLiteral("%1: there is no connection to the system D-Bus (%2).")
                             .arg(what, error.message()));
    case QDBusError::AccessDenied:
        return makeError(ErrorCode::PermissionDenied, QStringLiteral("%1: %2").arg(what, error.message()));
    case QDBusError::NoReply:
    case QDBusError::Timeout:
    case QDBusError::TimedOut:
        return makeError(ErrorCode::Unavailable,
                         QStringLiteral("%1: NetworkManager did not answer in time.").arg(what));
    default:
        break;
    }
    // NetworkManager's own errors carry a readable message; permission errors
    // come as ...PermissionDenied.
    const ErrorCode code = error.name().endsWith(QStringLiteral(".PermissionDenied"))
        ? ErrorCode::PermissionDenied
        : ErrorCode::IoError;
    return makeError(code, QStringLiteral("%1: %2").arg(what, error.message()));
}

} // namespace fvpn::nm
