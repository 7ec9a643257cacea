#include "NetworkManagerProbe.h"

#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusReply>

namespace fvpn {

bool NetworkManagerProbe::isRunning()
{
    const QDBusConnection bus = QDBusConnection::systemBus();
    if (!bus.isConnected() || !bus.interface())
        return false;
    const QDBusReply<bool> registered
        = bus.interface()->isServiceRegistered(QString::fromLatin1(ServiceName));
    return registered.isValid() && registered.value();
}

QString NetworkManagerProbe::describe()
{
    const QDBusConnection bus = QDBusConnection::systemBus();
    if (!bus.isConnected())
        return QStringLiteral("no system D-Bus (%1)").arg(bus.lastError().message());
    return isRunning() ? QStringLiteral("NetworkManager is running on the system D-Bus")
                       : QStringLiteral("NetworkManager is not running on the system D-Bus");
}

} // namespace fvpn
