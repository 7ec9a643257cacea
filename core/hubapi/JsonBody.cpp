#include "JsonBody.h"

#include "StrictJson.h"

#include <QStringList>

#include <algorithm>
#include <cmath>

namespace fvpn {

namespace {

Error invalid(QString message)
{
    return makeError(ErrorCode::InvalidInput, std::move(message));
}

QString typeName(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return QStringLiteral("a boolean");
    case QJsonValue::Double:
        return QStringLiteral("a number");
    case QJsonValue::String:
        return QStringLiteral("a string");
    case QJsonValue::Array:
        return QStringLiteral("an array");
    case QJsonValue::Object:
        return QStringLiteral("an object");
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("nothing");
}

// Field names are echoed in messages; keep hostile ones from reaching a log intact.
QString printable(const QString &name)
{
    QString out;
    const QString shown = name.left(40);
    for (const QChar c : shown)
        out += (c.isPrint() ? c : QChar(u'?'));
    return out;
}

} // namespace

Result<JsonBody> JsonBody::parse(const QByteArray &contentType, const QByteArray &body,
                                 const QSet<QString> &allowed, bool emptyIsEmptyObject)
{
    const QByteArray type = contentType.toLower();
    if (body.isEmpty() && emptyIsEmptyObject)
        return parse(QByteArray("{}"), allowed);
    const QByteArray mime = type.split(';').value(0).trimmed();
    if (mime != "application/json")
        return invalid(QStringLiteral("send the body as JSON with Content-Type: application/json"));
    return parse(body, allowed);
}

Result<JsonBody> JsonBody::parse(const QByteArray &body, const QSet<QString> &allowed)
{
    if (body.trimmed().isEmpty())
        return invalid(QStringLiteral("the request body is empty; a JSON object is expected"));
    // Strict (StrictJson.h): a field given twice is refused, naming it, where Qt's
    // parser would silently keep the last one.
    const Result<QJsonValue> document = StrictJson::parse(body);
    if (!document)
        return invalid(QStringLiteral("the body is not valid JSON: %1").arg(document.error().message));
    if (!document->isObject())
        return invalid(QStringLiteral("the body must be a JSON object"));
    JsonBody parsed;
    parsed.m_object = document->toObject();
    QStringList unknown;
    for (auto it = parsed.m_object.begin(); it != parsed.m_object.end(); ++it) {
        if (!allowed.contains(it.key()))
            unknown << QStringLiteral("'%1'").arg(printable(it.key()));
    }
    if (!unknown.isEmpty()) {
        QStringList known(allowed.begin(), allowed.end());
        std::sort(known.begin(), known.end());
        return invalid(QStringLiteral("unknown field%1 %2; this endpoint accepts: %3")
                           .arg(unknown.size() == 1 ? QString() : QStringLiteral("s"), unknown.join(u", "),
                                known.isEmpty() ? QStringLiteral("no fields") : known.join(u", ")));
    }
    return parsed;
}

Result<QString> JsonBody::string(const QString &field, int maxLength) const
{
    auto value = optionalString(field, maxLength);
    if (!value)
        return value.error();
    if (!value->has_value())
        return invalid(QStringLiteral("'%1' is required").arg(field));
    return value->value();
}

Result<std::optional<QString>> JsonBody::optionalString(const QString &field, int maxLength) const
{
    const QJsonValue value = m_object.value(field);
    if (value.isUndefined())
        return std::optional<QString>();
    if (!value.isString())
        return invalid(QStringLiteral("'%1' must be a string, not %2").arg(field, typeName(value)));
    const QString text = value.toString();
    if (text.size() > maxLength)
        return invalid(QStringLiteral("'%1' is longer than %2 characters").arg(field).arg(maxLength));
    return std::optional<QString>(text);
}

Result<std::optional<bool>> JsonBody::optionalBool(const QString &field) const
{
    const QJsonValue value = m_object.value(field);
    if (value.isUndefined())
        return std::optional<bool>();
    if (!value.isBool())
        return invalid(QStringLiteral("'%1' must be true or false, not %2").arg(field, typeName(value)));
    return std::optional<bool>(value.toBool());
}

Result<bool> JsonBody::boolean(const QString &field) const
{
    auto value = optionalBool(field);
    if (!value)
        return value.error();
    if (!value->has_value())
        return invalid(QStringLiteral("'%1' is required").arg(field));
    return value->value();
}

Result<std::optional<qint64>> JsonBody::optionalInteger(const QString &field, qint64 min, qint64 max) const
{
    const QJsonValue value = m_object.value(field);
    if (value.isUndefined())
        return std::optional<qint64>();
    if (!value.isDouble())
        return invalid(QStringLiteral("'%1' must be a number, not %2").arg(field, typeName(value)));
    const double number = value.toDouble();
    if (!std::isfinite(number) || std::floor(number) != number || number < double(min)
        || number > double(max))
        return invalid(
            QStringLiteral("'%1' must be a whole number from %2 to %3").arg(field).arg(min).arg(max));
    return std::optional<qint64>(qint64(number));
}

} // namespace fvpn
