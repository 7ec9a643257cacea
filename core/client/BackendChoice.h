#pragma once

#include <QString>

#include <optional>

namespace fvpn {

enum class BackendKind
{
    WgQuick,
    NetworkManager,
};

// What the user picked in the settings; Automatic is the default.
enum class BackendPreference
{
    Automatic,
    WgQuick,
    NetworkManager,
};

QString backendPreferenceName(BackendPreference preference); // "automatic", "wg-quick", "networkmanager"
std::optional<BackendPreference> parseBackendPreference(QStringView text);

struct BackendDecision
{
    std::optional<BackendKind> kind; // nullopt: nothing usable, explanation says why
    QString explanation; // a sentence for the settings page and the diagnostics
};

// The backend to use for a preference on this computer. NetworkManager is used
// where it runs and its backend is available; wg-quick everywhere else.
BackendDecision chooseBackend(BackendPreference preference, bool networkManagerRunning,
                              bool networkManagerBackendAvailable);

} // namespace fvpn
