#pragma once

#include "HttpRequestParser.h"

namespace fvpn {

// What one HTTP listener tolerates from its clients. Connections come in two
// classes with caps of their own: *quick* ones (every connection starts quick:
// receiving a request, being answered, idle between requests) and *waiting*
// ones (a handler holds the exchange: a long-poll, an event stream). A waiting
// connection costs a socket and a small object, and does not count against the
// quick caps, so hundreds of engineers behind one office NAT can wait at once
// without locking anybody out of quick requests.
struct ListenerLimits
{
    HttpParserLimits parser;
    int requestDeadlineMs = 10'000; // first byte of a request to its last: 408
    int idleTimeoutMs = 30'000; // a kept-alive connection with no request: closed quietly
    int handshakeTimeoutMs = 10'000; // TLS
    int lingerMs = 2'000; // after refusing a request, how long unread input is drained
    // An answer the client does not read for this long: the client is dropped.
    int writeStallTimeoutMs = 30'000;
    // Event-stream bytes the client has not taken yet; past this it is dropped.
    qint64 maxStreamBacklogBytes = 256 * 1024;
    int maxConnections = 128; // quick
    int maxConnectionsPerSource = 16; // quick
    int maxWaiting = 1024;
    int maxWaitingPerSource = 64;
    int waitingRetryAfterSecs = 5; // Retry-After of the 503 when the waiting caps are reached
};

} // namespace fvpn
