#pragma once

#include "Result.h"

#include <QDBusError>
#include <QList>
#include <QMap>
#include <QString>
#include <QVariantMap>

namespace fvpn {

// NetworkManager's D-Bus vocabulary, as far as the tunnel backend uses it
// (https://networkmanager.dev/docs/api/latest/spec.html).
namespace nm {

// A connection profile: setting name -> property -> value (a{sa{sv}}).
using SettingsMap = QMap<QString, QVariantMap>;
// A list of dictionaries (aa{sv}): WireGuard peers, address-data.
using DictList = QList<QVariantMap>;

inline constexpr auto Service = "org.freedesktop.NetworkManager";
inline constexpr auto ManagerPath = "/org/freedesktop/NetworkManager";
inline constexpr auto ManagerInterface = "org.freedesktop.NetworkManager";
inline constexpr auto SettingsPath = "/org/freedesktop/NetworkManager/Settings";
inline constexpr auto SettingsInterface = "org.freedesktop.NetworkManager.Settings";
inline constexpr auto ConnectionInterface = "org.freedesktop.NetworkManager.Settings.Connection";
inline constexpr auto ActiveInterface = "org.freedesktop.NetworkManager.Connection.Active";
inline constexpr auto AgentManagerPath = "/org/freedesktop/NetworkManager/AgentManager";
inline constexpr auto AgentManagerInterface = "org.freedesktop.NetworkManager.AgentManager";
// NetworkManager calls every agent at this path on the agent's own connection.
inline constexpr auto SecretAgentPath = "/org/freedesktop/NetworkManager/SecretAgent";
inline constexpr auto SecretAgentInterface = "org.freedesktop.NetworkManager.SecretAgent";
inline constexpr auto NoSecretsError = "org.freedesktop.NetworkManager.SecretAgent.NoSecrets";
inline constexpr auto PropertiesInterface = "org.freedesktop.DBus.Properties";

// NMSettingsAddConnection2Flags / NMSettingsUpdate2Flags (same values for these two).
inline constexpr uint SaveToDisk = 0x1;
inline constexpr uint BlockAutoconnect = 0x20;
// NMSettingSecretFlags: an agent owns the secret, NetworkManager never stores it.
inline constexpr uint SecretAgentOwned = 0x1;

// NMActiveConnectionState
enum class ActiveState : uint
{
    Unknown = 0,
    Activating = 1,
    Activated = 2,
    Deactivating = 3,
    Deactivated = 4,
};

// Makes the types above known to QtDBus; safe to call more than once.
void registerTypes();

// NMActiveConnectionStateReason in words, for an error message.
QString activeStateReasonText(uint reason);

// A failed call to NetworkManager as a Result error; `what` is the action
// ("NetworkManager could not save the tunnel profile"). A missing service or bus
// becomes a clear "NetworkManager is not running" instead of a D-Bus name.
Error dbusError(const QString &what, const QDBusError &error);

} // namespace nm

} // namespace fvpn
