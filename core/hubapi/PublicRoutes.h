#pragma once

namespace fvpn {

class ApiHttpServer;
class HubApi;

// The public listener: registration (create, poll, cancel) and health. Nothing
// here needs an admin token; a request's own secret guards poll and cancel.
namespace PublicRoutes {

void install(ApiHttpServer &server, HubApi &api);

} // namespace PublicRoutes

} // namespace fvpn
