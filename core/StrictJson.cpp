#include "StrictJson.h"

#include "StrictJsonParser.h"

namespace fvpn {

Result<QJsonValue> StrictJson::parse(QByteArrayView json, const Options &options, Problem *problem)
{
    return StrictJsonParser(json, options.maxDepth).run(problem);
}

Result<QJsonObject> StrictJson::parseObject(QByteArrayView json, const Options &options)
{
    Result<QJsonValue> value = parse(json, options);
    if (!value)
        return value.error();
    if (!value->isObject())
        return makeError(ErrorCode::InvalidInput, QStringLiteral("the JSON text is not an object"));
    return value->toObject();
}

Result<QJsonArray> StrictJson::parseArray(QByteArrayView json, const Options &options)
{
    Result<QJsonValue> value = parse(json, options);
    if (!value)
        return value.error();
    if (!value->isArray())
        return makeError(ErrorCode::InvalidInput, QStringLiteral("the JSON text is not an array"));
    return value->toArray();
}

} // namespace fvpn
