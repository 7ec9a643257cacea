#include "JsonFields.h"

#include <cmath>

namespace fvpn {

Error JsonFields::error(const QString &name, const QString &problem) const
{
    return makeError(ErrorCode::InvalidInput,
                     QStringLiteral("The hub's answer is not understood: %1 field '%2' %3.")
                         .arg(m_context, name, problem));
}

Result<QString> JsonFields::string(const QString &name, bool required) const
{
    const QJsonValue value = m_object.value(name);
    if (value.isUndefined() || value.isNull()) {
        if (required)
            return error(name, QStringLiteral("is missing"));
        return QString();
    }
    if (!value.isString())
        return error(name, QStringLiteral("is not text"));
    return value.toString();
}

Result<std::optional<qint64>> JsonFields::integer(const QString &name, qint64 min, qint64 max,
                                                  bool required) const
{
    const QJsonValue value = m_object.value(name);
    if (value.isUndefined() || value.isNull()) {
        if (required)
            return error(name, QStringLiteral("is missing"));
        return std::optional<qint64>();
    }
    const double number = value.toDouble(std::nan(""));
    if (!value.isDouble() || std::isnan(number) || number != std::floor(number) || number < double(min)
        || number > double(max))
        return error(name, QStringLiteral("is not a whole number from %1 to %2").arg(min).arg(max));
    return std::optional<qint64>(qint64(number));
}

Result<QJsonArray> JsonFields::array(const QString &name, bool required) const
{
    const QJsonValue value = m_object.value(name);
    if (value.isUndefined() || value.isNull()) {
        if (required)
            return error(name, QStringLiteral("is missing"));
        return QJsonArray();
    }
    if (!value.isArray())
        return error(name, QStringLiteral("is not a list"));
    return value.toArray();
}

Result<std::optional<QJsonObject>> JsonFields::object(const QString &name, bool required) const
{
    const QJsonValue value = m_object.value(name);
    if (value.isUndefined() || value.isNull()) {
        if (required)
            return error(name, QStringLiteral("is missing"));
        return std::optional<QJsonObject>();
    }
    if (!value.isObject())
        return error(name, QStringLiteral("is not an object"));
    return std::optional<QJsonObject>(value.toObject());
}

} // namespace fvpn
