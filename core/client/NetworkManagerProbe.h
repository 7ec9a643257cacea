#pragma once

#include <QString>

namespace fvpn {

// Whether NetworkManager runs on this computer: its well-known name has an owner
// on the system D-Bus. The automatic backend choice uses NetworkManager only
// where it runs (docs/tunnel-backends.md).
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
