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
// The same file as the text the API holds, unparsed, so a change can keep every other
// byte of it. NotFound / InvalidInput as above (the JSON shape only).
Result<QString> serverFileFromJson(const QByteArray &json);
// That file's text parsed; InvalidInput, worded as the factory's config, when malformed.
Result<WireguardServerConfig> parseServerFile(const QString &serverFile);

// The PATCH body upstream's `enable` sends.
QJsonObject enableBody(const WireguardServerConfig &config);
// `update_endpoint`'s PATCH body: the file text as given, under the same name and handler.
QJsonObject updateEndpointBody(const QString &serverFile);

// `serverFile` with only the value of its endpoint line replaced (indentation, spacing
// and line endings kept); without an endpoint line, one is put first, where upstream
// writes it.
QString withEndpoint(const QString &serverFile, const Endpoint &endpoint);

// "HTTP 401: Invalid token" from a status and an error body ({"msg"|"message"},
// or plain text, shortened and stripped of control characters).
QString describeHttpError(int status, const QByteArray &body);

} // namespace FactoryConfig

} // namespace fvpn
