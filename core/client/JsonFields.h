#pragma once

#include "Result.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace fvpn {

// Typed reads of JSON fields the hub sent, with messages that name the field, so
// that a hub speaking another version of the API is reported, not misread.
class JsonFields
{
public:
    JsonFields(const QJsonObject &object, QString context)
        : m_object(object)
        , m_context(std::move(context))
    { }

    // A missing required field or one of the wrong type gives an error; a missing
    // optional field gives an empty/nullopt value.
    Result<QString> string(const QString &name, bool required = true) const;
    Result<std::optional<qint64>> integer(const QString &name, qint64 min, qint64 max, bool required) const;
    Result<QJsonArray> array(const QString &name, bool required = true) const;
    Result<std::optional<QJsonObject>> object(const QString &name, bool required) const;

    Error error(const QString &name, const QString &problem) const;

private:
    const QJsonObject &m_object;
    QString m_context;
};

} // namespace fvpn
