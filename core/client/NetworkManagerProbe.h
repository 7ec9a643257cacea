#pragma once

#include <QString>

namespace fvpn {

// Whether NetworkManager runs on this computer: its well-known name has an owner
// on the system D-Bus. The NetworkManager tunnel backend is not finished (see
// docs/tunnel-backends.md); the probe lets the app say so and lets the automatic
// choice stay honest.
class NetworkManagerProbe
{
public:
    static constexpr auto ServiceName = "org.freedesktop.NetworkManager";

    // False when there is no system bus at all.
    static bool isRunning();
    // Which bus was asked and what it said, for the diagnostics report.
    static QString describe();
};

} // namespace fvpn
