#pragma once

#include "IpAddress.h"
#include "PublicKey.h"
#include "Result.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace fvpn {

// Reads fields of one JSON object of a hub answer; the first problem is kept
// (later ones are usually consequences) and the fields read after it come back
// empty. Problems name the field's path: "devices[3].public_key is missing".
class JsonFieldReader
{
public:
    JsonFieldReader(const QJsonObject &object, QString path, std::optional<Error> *firstError);

    QJsonValue value(const QString &name) const { return m_object.value(name); }
    // Text that ends up in table cells and tooltips: control characters refused.
    QString string(const QString &name, bool nullable = false);
    // A string that must be there and not be empty (ids, ETags).
    QString nonEmptyString(const QString &name);
    PublicKey key(const QString &name);
    IpAddress address(const QString &name, bool nullable = false);
    QDateTime time(const QString &name, bool nullable = true); // ISO 8601, in UTC
    // JSON numbers are doubles; counters and ids are whole and not negative.
    quint64 count(const QString &name, bool nullable = false);
    bool boolean(const QString &name);
    QJsonArray array(const QString &name);
    QJsonObject object(const QString &name);

    void fail(const QString &name, const QString &problem);
    bool failed() const { return m_error->has_value(); }
    const QString &path() const { return m_path; }

private:
    QString prefix() const { return m_path.isEmpty() ? QString() : m_path + u'.'; }

    const QJsonObject &m_object;
    QString m_path;
    std::optional<Error> *m_error;
};

// Items of a list that must all be objects, each read by `read(JsonFieldReader &)`.
template<typename Item, typename ReadFn>
QList<Item> readJsonList(JsonFieldReader &parent, const QString &name, std::optional<Error> *error,
                         ReadFn read)
{
    const QJsonArray items = parent.array(name);
    QList<Item> out;
    out.reserve(items.size());
    for (qsizetype i = 0; i < items.size() && !error->has_value(); ++i) {
        const QString path = QStringLiteral("%1[%2]").arg(name).arg(i);
        if (!items[i].isObject()) {
            *error = makeError(ErrorCode::InvalidInput, QStringLiteral("%1 is not an object").arg(path));
            break;
        }
        const QJsonObject object = items[i].toObject();
        JsonFieldReader item(object, path, error);
        out.append(read(item));
    }
    return out;
}

// The value read, or the first problem met while reading it.
template<typename T> Result<T> finishJson(T value, const std::optional<Error> &error)
{
    if (error)
        return *error;
    return value;
}

} // namespace fvpn
