#pragma once

#include <QString>

namespace fvpn {

// What the registration tells the admin about this computer, read from the OS.
// The window shows exactly these values before they are sent.
struct SystemIdentity
{
    QString fullName; // the account's real name (GECOS), else the login name
    QString hostname;
    QString os; // "Debian GNU/Linux 12 (bookworm)"

    static SystemIdentity current();
};

} // namespace fvpn
