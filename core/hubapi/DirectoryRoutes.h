#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace fvpn {

class ApiHttpServer;
class HubApi;

// The engineers' device directory (docs/api.md, "Engineer directory"): one
// route, GET /api/v1/directory, on a listener of its own bound to the hub's VPN
// address only. Readable with an approved registration's own credentials (HTTP
// Basic: request id and poll secret, checked exactly as a poll checks them),
// from that registration's own VPN address, never with an admin token. It lists
// the factory's devices and nothing about client peers.
namespace DirectoryRoutes {

void install(ApiHttpServer &server, HubApi &api);

struct BasicCredentials
{
    QString user;
    QString password;
};
// "Basic <base64(user:password)>" (RFC 7617) from an Authorization header;
// empty when absent or malformed (bad base64, no colon, control characters).
std::optional<BasicCredentials> basicCredentials(const QByteArray &authorization);

} // namespace DirectoryRoutes

} // namespace fvpn
