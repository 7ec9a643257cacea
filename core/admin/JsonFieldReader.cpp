#include "JsonFieldReader.h"

#include "TextRules.h"

#include <cmath>

namespace fvpn {

JsonFieldReader::JsonFieldReader(const QJsonObject &object, QString path, std::optional<Error> *firstError)
    : m_object(object)
    , m_path(std::move(path))
    , m_error(firstError)
{ }

QString JsonFieldReader::string(const QString &name, bool nullable)
{
    const QJsonValue v = m_object.value(name);
    if (nullable && (v.isNull() || v.isUndefined()))
        return {};
    if (!v.isString()) {
        fail(name, v.isUndefined() ? QStringLiteral("is missing") : QStringLiteral("is not a string"));
        return {};
    }
    // Names and comments from the hub end up in table cells and tooltips: a
    // control character there could hide or reorder what the admin reads.
    const QString text = v.toString();
    if (TextRules::containsControlCharacters(text)) {
        fail(name, QStringLiteral("contains control characters"));
        return {};
    }
    return text;
}

QString JsonFieldReader::nonEmptyString(const QString &name)
{
    QString text = string(name);
    if (!failed() && text.isEmpty())
        fail(name, QStringLiteral("is empty"));
    return text;
}

PublicKey JsonFieldReader::key(const QString &name)
{
    const QString text = string(name);
    if (failed())
        return {};
    Result<PublicKey> key = PublicKey::fromBase64(text);
    if (!key) {
        fail(name, key.error().message);
        return {};
    }
    return *key;
}

IpAddress JsonFieldReader::address(const QString &name, bool nullable)
{
    const QString text = string(name, nullable);
    if (failed() || text.isEmpty()) {
        if (!nullable && !failed())
            fail(name, QStringLiteral("is empty"));
        return {};
    }
    Result<IpAddress> address = IpAddress::parse(text);
    if (!address) {
        fail(name, address.error().message);
        return {};
    }
    return *address;
}

QDateTime JsonFieldReader::time(const QString &name, bool nullable)
{
    const QString text = string(name, nullable);
    if (failed() || text.isEmpty())
        return {};
    QDateTime at = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!at.isValid()) {
        fail(name, QStringLiteral("'%1' is not an ISO 8601 time").arg(text.left(40)));
        return {};
    }
    return at.toUTC();
}

quint64 JsonFieldReader::count(const QString &name, bool nullable)
{
    const QJsonValue v = m_object.value(name);
    if (nullable && (v.isNull() || v.isUndefined()))
        return 0;
    const double d = v.toDouble(-1);
    if (!v.isDouble() || d < 0 || d > 9007199254740992.0 || std::floor(d) != d) {
        fail(name, QStringLiteral("is not a whole number of at least 0"));
        return 0;
    }
    return quint64(d);
}

bool JsonFieldReader::boolean(const QString &name)
{
    const QJsonValue v = m_object.value(name);
    if (!v.isBool()) {
        fail(name, v.isUndefined() ? QStringLiteral("is missing") : QStringLiteral("is not true or false"));
        return false;
    }
    return v.toBool();
}

QJsonArray JsonFieldReader::array(const QString &name)
{
    const QJsonValue v = m_object.value(name);
    if (!v.isArray()) {
        fail(name, v.isUndefined() ? QStringLiteral("is missing") : QStringLiteral("is not a list"));
        return {};
    }
    return v.toArray();
}

QJsonObject JsonFieldReader::object(const QString &name)
{
    const QJsonValue v = m_object.value(name);
    if (!v.isObject()) {
        fail(name, v.isUndefined() ? QStringLiteral("is missing") : QStringLiteral("is not an object"));
        return {};
    }
    return v.toObject();
}

void JsonFieldReader::fail(const QString &name, const QString &problem)
{
    if (!m_error->has_value())
        *m_error = makeError(ErrorCode::InvalidInput, QStringLiteral("%1%2 %3").arg(prefix(), name, problem));
}

} // namespace fvpn
