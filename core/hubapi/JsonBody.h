#pragma once

#include "Result.h"

#include <QJsonObject>
#include <QSet>
#include <QString>

#include <optional>

namespace fvpn {

// A JSON request body read strictly: it must be declared as JSON, be one object,
// name only the fields the endpoint knows, and give each the type it expects.
// Every refusal says which field and why.
class JsonBody
{
public:
    // A request body with its Content-Type header. `allowed`: every field the
    // endpoint accepts. An empty body is an empty object only when
    // `emptyIsEmptyObject` (for POSTs whose fields are all optional).
    static Result<JsonBody> parse(const QByteArray &contentType, const QByteArray &body,
                                  const QSet<QString> &allowed, bool emptyIsEmptyObject = false);
    static Result<JsonBody> parse(const QByteArray &body, const QSet<QString> &allowed);

    bool has(const QString &field) const { return m_object.contains(field); }

    // A required string. Strings are never trimmed: what is sent is what is checked.
    Result<QString> string(const QString &field, int maxLength = 1024) const;
    Result<std::optional<QString>> optionalString(const QString &field, int maxLength = 1024) const;
    Result<std::optional<bool>> optionalBool(const QString &field) const;
    Result<bool> boolean(const QString &field) const;
    // An integer in [min, max]; 3.0 counts, 3.5 and "3" do not.
    Result<std::optional<qint64>> optionalInteger(const QString &field, qint64 min, qint64 max) const;

private:
    QJsonObject m_object;
};

} // namespace fvpn
