#pragma once

#include <QString>
#include <QUrl>

namespace fvpn {

// Settings of the hub API that are not the daemon's.
struct HubApiConfig
{
    QUrl publicUrl; // what engineers' apps connect to, for enrollment links
    QString certificateFingerprint; // "sha256:<hex>" of the public listener's certificate; empty without TLS
    int persistentKeepalive = 25; // seconds, sent to approved clients
    int maxPendingRequests = 200; // beyond this, registrations get 503
    int registrationBurst = 5; // per source address ...
    qint64 registrationRefillMs = 60'000; // ... then one per minute
    qint64 onlineWithinSecs = 180; // a peer with a handshake this recent is online
    // The engineers' device directory (GET /api/v1/directory on the hub's VPN
    // address): its port (0: not served), "stale" up to this handshake age (the
    // admin view's threshold), the account for "Copy ssh command" (may be empty),
    // and its per-address rate limit.
    quint16 directoryPort = 0;
    qint64 staleWithinSecs = 3600;
    QString directorySshUser;
    int directoryBurst = 20;
    qint64 directoryRefillMs = 1'000;
};

} // namespace fvpn
