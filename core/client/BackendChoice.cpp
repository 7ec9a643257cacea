#include "BackendChoice.h"

#include <QCoreApplication>

namespace fvpn {

QString backendPreferenceName(BackendPreference preference)
{
    switch (preference) {
    case BackendPreference::Automatic:
        return QStringLiteral("automatic");
    case BackendPreference::WgQuick:
        return QStringLiteral("wg-quick");
    case BackendPreference::NetworkManager:
        return QStringLiteral("networkmanager");
    }
    return QStringLiteral("automatic");
}

std::optional<BackendPreference> parseBackendPreference(QStringView text)
{
    for (const BackendPreference preference :
         { BackendPreference::Automatic, BackendPreference::WgQuick, BackendPreference::NetworkManager }) {
        if (text == backendPreferenceName(preference))
            return preference;
    }
    return std::nullopt;
}

BackendDecision chooseBackend(BackendPreference preference, bool networkManagerRunning,
                              bool networkManagerBackendAvailable)
{
    switch (preference) {
    case BackendPreference::WgQuick:
        return { BackendKind::WgQuick,
                 QCoreApplication::translate("fvpn::BackendChoice", "wg-quick, as chosen in the settings.") };
    case BackendPreference::NetworkManager:
        if (!networkManagerRunning)
            return { std::nullopt,
                     QCoreApplication::translate(
                         "fvpn::BackendChoice",
                         "NetworkManager was chosen in the settings, but it is not running "
                         "on this computer. Choose Automatic or wg-quick.") };
        if (!networkManagerBackendAvailable)
            return { std::nullopt,
                     QCoreApplication::translate(
                         "fvpn::BackendChoice",
                         "NetworkManager was chosen in the settings, but this version of "
                         "Factory VPN cannot drive it yet. Choose Automatic or wg-quick.") };
        return { BackendKind::NetworkManager,
                 QCoreApplication::translate("fvpn::BackendChoice",
                                             "NetworkManager, as chosen in the settings.") };
    case BackendPreference::Automatic:
        break;
    }
    if (networkManagerRunning && networkManagerBackendAvailable)
        return { BackendKind::NetworkManager,
                 QCoreApplication::translate("fvpn::BackendChoice",
                                             "NetworkManager, because it manages this computer's "
                                             "network.") };
    if (networkManagerRunning)
        return { BackendKind::WgQuick,
                 QCoreApplication::translate("fvpn::BackendChoice",
                                             "wg-quick: NetworkManager runs here, but this version of "
                                             "Factory VPN cannot drive it yet, so the tunnel is set up "
                                             "next to it.") };
    return { BackendKind::WgQuick,
             QCoreApplication::translate("fvpn::BackendChoice",
                                         "wg-quick, because NetworkManager is not running.") };
}

} // namespace fvpn
