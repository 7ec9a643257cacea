#include "AppState.h"

namespace fvpn {

QString appStateName(AppState state)
{
    switch (state) {
    case AppState::NotRegistered:
        return QStringLiteral("not-registered");
    case AppState::Pending:
        return QStringLiteral("pending");
    case AppState::Disconnected:
        return QStringLiteral("disconnected");
    case AppState::Connecting:
        return QStringLiteral("connecting");
    case AppState::Connected:
        return QStringLiteral("connected");
    case AppState::Stale:
        return QStringLiteral("stale");
    case AppState::Error:
        return QStringLiteral("error");
    }
    return {};
}

QString appStateText(AppState state)
{
    switch (state) {
    case AppState::NotRegistered:
        return QStringLiteral("Not registered");
    case AppState::Pending:
        return QStringLiteral("Waiting for approval");
    case AppState::Disconnected:
        return QStringLiteral("Disconnected");
    case AppState::Connecting:
        return QStringLiteral("Connecting");
    case AppState::Connected:
        return QStringLiteral("Connected");
    case AppState::Stale:
        return QStringLiteral("No recent handshake");
    case AppState::Error:
        return QStringLiteral("Error");
    }
    return {};
}

} // namespace fvpn
