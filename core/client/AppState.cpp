#include "AppState.h"

#include <QCoreApplication>

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
        return QCoreApplication::translate("fvpn::AppState", "Not registered");
    case AppState::Pending:
        return QCoreApplication::translate("fvpn::AppState", "Waiting for approval");
    case AppState::Disconnected:
        return QCoreApplication::translate("fvpn::AppState", "Disconnected");
    case AppState::Connecting:
        return QCoreApplication::translate("fvpn::AppState", "Connecting");
    case AppState::Connected:
        return QCoreApplication::translate("fvpn::AppState", "Connected");
    case AppState::Stale:
        return QCoreApplication::translate("fvpn::AppState", "No recent handshake");
    case AppState::Error:
        return QCoreApplication::translate("fvpn::AppState", "Error");
    }
    return {};
}

} // namespace fvpn
