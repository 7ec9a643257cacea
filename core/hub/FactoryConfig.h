#pragma once

#include "Result.h"
#include "WireguardServerConfig.h"

#include <QByteArray>
#include <QJsonObject>

namespace fvpn {

// The pure parts of talking to the FoundriesFactory config API: where the hub's
// settings sit in GET /ota/factories/{f}/config/, what `enable` PATCHes, and how an
// error answer is turned into one readable line.
namespace FactoryConfig {

inline constexpr QStringView ServerFileName = u"wireguard-server";
inline constexpr QStringView OnChangedHandler = u"/usr/share/fioconfig/handlers/factory-config-vpn";

// The `wireguard-server` file of the current config (config[0]). NotFound when the
// factory has none (not enabled yet), InvalidInput for a malformed answer.
Result<WireguardServerConfig> serverConfigFromJson(const QByteArray &json);

// The PATCH body upstream's `enable` sends.
QJsonObject enableBody(const WireguardServerConfig &config);

// "HTTP 401: Invalid token" from a status and an error body ({"msg"|"message"},
// or plain text, shortened and stripped of control characters).
QString describeHttpError(int status, const QByteArray &body);

} // namespace FactoryConfig

} // namespace fvpn
