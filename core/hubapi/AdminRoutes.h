#pragma once

#include "ApiHttpServer.h"

#include <QString>

#include <functional>

namespace fvpn {

class HubApi;
struct AdminToken;

// The admin listener: every route needs "Authorization: Bearer <token>".
namespace AdminRoutes {

// An admin handler gets the request and the acting token ("token:<name>").
using Handler = std::function<ApiResponse(const ApiRequest &, const QString &actor)>;

void install(ApiHttpServer &server, HubApi &api);
// Wraps a handler with token authentication (401 with WWW-Authenticate otherwise).
ApiHandler authenticated(HubApi &api, Handler handler);

// The same for a handler that answers through its responder (now or later).
using AsyncHandler = std::function<void(const ApiRequest &, ApiResponder)>;
ApiAsyncHandler authenticatedAsync(HubApi &api, AsyncHandler handler);
// ... and for one that needs the token itself (the event stream keeps its id).
using AsyncTokenHandler = std::function<void(const ApiRequest &, ApiResponder, const AdminToken &)>;
ApiAsyncHandler authenticatedAsyncAs(HubApi &api, AsyncTokenHandler handler);

// Routes for requests, clients, devices, pool and status.
void installPeers(ApiHttpServer &server, HubApi &api);
// Routes for the clients file, settings, invites, enrollment, audit and tokens.
void installConfig(ApiHttpServer &server, HubApi &api);
// GET /api/v1/events: the event stream (Server-Sent Events).
void installEvents(ApiHttpServer &server, HubApi &api);

} // namespace AdminRoutes

// "Bearer <credential>" from an Authorization header; empty when absent or malformed.
QString bearerCredential(const QByteArray &authorization);

} // namespace fvpn
