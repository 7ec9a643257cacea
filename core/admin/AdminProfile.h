#pragma once

#include "Result.h"

#include <QString>
#include <QUrl>

namespace fvpn {

// One hub the admin manages: where its admin API listens and how to trust it. The
// token is not here: it lives in the OS keychain (AdminProfileStore).
struct AdminProfile
{
    QString id; // stable, generated; names the keychain entry
    QString name; // "Plant 2 hub"
    QUrl adminUrl; // "http://10.42.42.1:8444": the admin listener, inside the tunnel (docs/api.md)
    QString pin; // lowercase hex SHA-256 of the hub's certificate, or empty

    // Checks and normalises what a person typed: a display name, an http(s) URL
    // with a host and nothing after the path, a pin of 64 hex digits (colons and
    // case are forgiven). The id is kept as given.
    static Result<AdminProfile> make(const QString &id, const QString &name, const QString &adminUrl,
                                     const QString &pin = {});
    // A token as the hub accepts it after "Bearer ": 8 to 512 visible ASCII characters.
    static Result<QString> checkToken(const QString &token);

    friend bool operator==(const AdminProfile &, const AdminProfile &) = default;
};

} // namespace fvpn
