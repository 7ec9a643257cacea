#pragma once

#include "IpAddress.h"
#include "Result.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>

namespace fvpn {

// An address and port to listen on: "0.0.0.0:8443", "[::1]:8444", "127.0.0.1:8444".
struct ListenAddress
{
    IpAddress address;
    quint16 port = 0;

    static Result<ListenAddress> parse(QStringView text);
    QString toString() const;
    friend bool operator==(const ListenAddress &, const ListenAddress &) = default;
};

// The hub API's part of the factory-vpn-hub command line. These options are
// taken out of the argument list before the daemon's own parser sees the rest,
// so each side stays strict about what it does not know.
struct HubApiOptions
{
    static constexpr quint16 DefaultPublicPort = 8443;
    static constexpr quint16 DefaultAdminPort = 8444;
    static constexpr quint16 DefaultDirectoryPort = 8445;

    std::optional<ListenAddress> publicListen; // empty: no public listener ("--public-listen none")
    QList<ListenAddress> adminListen; // empty: the hub's VPN address and 127.0.0.1, port 8444
    // GET /metrics without a token, plain HTTP; loopback, or an address also given
    // as --admin-listen (docs/metrics.md). Empty: none (the admin listener still serves it).
    std::optional<ListenAddress> metricsListen;
    QString tlsCert;
    QString tlsKey;
    QUrl publicUrl; // empty: https://<endpoint host>:<public port>
    int maxPending = 200;
    int registrationBurst = 5;
    bool disabled = false; // --no-api
    // The engineers' device directory, on the hub's VPN address only; empty: not served.
    std::optional<quint16> directoryPort = DefaultDirectoryPort;
    QString sshUser; // --ssh-user: what the directory tells apps to log in to devices as

    // A user name that is safe inside the `ssh USER@ADDRESS` command the app copies.
    static bool isSafeSshUser(QStringView name);

    // Removes the API options from `arguments` (both "--opt value" and "--opt=value").
    static Result<HubApiOptions> extract(QStringList &arguments);
    static QString helpText();

    // The admin addresses to use once the hub's VPN address is known.
    QList<ListenAddress> adminAddresses(const IpAddress &hubAddress) const;
};

} // namespace fvpn
