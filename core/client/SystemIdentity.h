#pragma once

#include <QString>

namespace fvpn {

// What the registration tells the admin about this computer, read from the OS.
// The window shows exactly these values before they are sent.
struct SystemIdentity
{
    // The account's real name from the password database (GECOS), or empty when
    // the account has none: "root" or "alice" would tell an admin nothing, so the
    // window asks for a name instead of offering the login name.
    QString fullName;
    QString hostname;
    QString os; // "Debian GNU/Linux 12 (bookworm)"

    static SystemIdentity current();
    // The real name in a GECOS field ("Alice Example,Room 4,,"): its first part,
    // unless that is empty or only repeats the login name.
    static QString fullNameFrom(const QString &gecos, const QString &loginName);
};

} // namespace fvpn
