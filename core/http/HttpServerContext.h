#pragma once

// Internal to core/http: what one HttpServer's connections share, frozen once it listens.

#include "ConnectionBudget.h"
#include "HttpExchange.h"
#include "ListenerLimits.h"
#include "TlsContext.h"

#include <functional>
#include <memory>

namespace fvpn {

struct HttpServerContext
{
    ListenerLimits limits;
    std::function<void(HttpExchange)> handler; // on the connection's worker thread
    std::function<HttpResponse(int status, const QString &message)> rejection;
    bool tls = false; // the listener speaks TLS (setTls() was called)
    std::shared_ptr<const TlsContext> tlsContext; // null when it could not be made
    QString tlsError; // why it could not be made; listen() fails with it
    std::shared_ptr<ConnectionBudget> budget;
};

} // namespace fvpn
