#pragma once

#include "NetworkManagerDBus.h"
#include "Result.h"
#include "WgQuickConfig.h"

#include <QString>
#include <QUuid>

namespace fvpn {

// The NetworkManager connection profile of the engineer's tunnel, built from the
// same WgQuickConfig the wg-quick backend writes (the private key left out).
//
// The profile is a `wireguard` connection named "Factory VPN" with a uuid derived
// from the interface name, so the app finds and updates its own profile without
// storing anything. The private key is *agent-owned* (private-key-flags = 1):
// NetworkManager asks the app's secret agent for it at activation and never writes
// it to its keyfile. The tunnel never becomes the default route (never-default),
// IPv6 stays off unless the tunnel has an IPv6 address, and NetworkManager never
// starts it on its own (autoconnect = false).
class NetworkManagerProfile
{
public:
    static constexpr auto ConnectionName = "Factory VPN";

    // The same uuid for the same interface, on every computer and every run.
    static QUuid uuidForInterface(const QString &interfaceName);

    // The a{sa{sv}} map for AddConnection2/Update2. Refuses what the profile cannot
    // express (no peer or several, no address, a preshared key, a bad interface name).
    static Result<nm::SettingsMap> build(const WgQuickConfig &config, const QString &interfaceName,
                                         const QUuid &uuid);
};

} // namespace fvpn
