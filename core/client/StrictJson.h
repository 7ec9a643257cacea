#pragma once

#include "Result.h"

#include <QByteArrayView>
#include <QJsonObject>

namespace fvpn::StrictJson {

// A JSON object read strictly: well-formed JSON whose top level is an object,
// with no object anywhere that names a key twice (QJsonDocument would silently
// keep one of them, so `{"state":"offline","state":"online"}` could mean either).
// Errors name `context` ("the device directory") and what is wrong.
Result<QJsonObject> parseObject(QByteArrayView json, const QString &context);

} // namespace fvpn::StrictJson
