#pragma once

#include <QStringList>

#include <optional>

class QSettings;

namespace fvpn {

class SecretStore;

// `factory-vpn --add-hub NAME --admin-url URL [--pin SHA256] < token`: adds (or
// updates, by name) an admin's hub profile without the window, for provisioning
// a workstation or a demo. The token is read from standard input so it never
// shows in the process list or the shell history; it goes to the keychain only.
class HubProfileImport
{
public:
    // nullopt when the arguments do not ask for an import; otherwise the exit code.
    static std::optional<int> run(const QStringList &arguments, QSettings *settings, SecretStore *secrets);
};

} // namespace fvpn
