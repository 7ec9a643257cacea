#pragma once

#include "HttpRequestFramer.h"

namespace fvpn {

// What one API listener tolerates from its clients.
struct ListenerLimits
{
    HttpFramingLimits framing;
    int requestDeadlineMs = 10'000; // first byte of a request to its last
    int idleTimeoutMs = 30'000; // a kept-alive connection with no request
    int handshakeTimeoutMs = 10'000; // TLS
    int lingerMs = 2'000; // after refusing a request, how long unread input is drained
    int maxConnections = 128;
    int maxConnectionsPerSource = 16;
};

} // namespace fvpn
