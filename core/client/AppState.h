#pragma once

#include <QString>

namespace fvpn {

// The one state the tray icon and the window's header show: where the engineer
// stands, from "no request yet" to "tunnel with a fresh handshake".
enum class AppState
{
    NotRegistered,
    Pending,
    Disconnected,
    Connecting,
    Connected,
    Stale,
    Error,
};

QString appStateName(AppState state); // "not-registered", … (icon file names use it)
QString appStateText(AppState state); // "Not registered", "Waiting for approval", …

} // namespace fvpn
