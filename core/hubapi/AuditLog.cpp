#include "AuditLog.h"

#include "StateDatabase.h"
#include "TextRules.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>

namespace fvpn {

namespace {

QVariant toStored(const QJsonValue &value)
{
    if (value.isNull() || value.isUndefined())
        return QVariant();
    // Wrapped in an array so scalars round-trip too (QJsonDocument holds only containers).
    return QString::fromUtf8(QJsonDocument(QJsonArray { value }).toJson(QJsonDocument::Compact));
}

QJsonValue fromStored(const QVariant &value)
{
    if (value.isNull())
        return QJsonValue();
    const QJsonDocument doc = QJsonDocument::fromJson(value.toString().toUtf8());
    if (!doc.isArray() || doc.array().size() != 1)
        return QJsonValue();
    return doc.array().at(0);
}

Result<void> checkField(const char *what, const QString &text)
{
    if (text.isEmpty() || text.size() > 200 || TextRules::containsControlCharacters(text))
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("audit %1 must be 1 to 200 characters without control characters")
                             .arg(QLatin1StringView(what)));
    return {};
}

} // namespace

AuditLog::AuditLog(StateDatabase &db)
    : m_db(db)
{ }

Result<qint64> AuditLog::record(const QString &actor, const QString &action, const QString &target,
                                const QJsonValue &before, const QJsonValue &after)
{
    for (auto [what, text] :
         { std::pair { "actor", &actor }, { "action", &action }, { "target", &target } }) {
        if (auto ok = checkField(what, *text); !ok)
            return ok.error();
    }
    auto inserted
        = m_db.exec(QStringLiteral("INSERT INTO audit (at, actor, action, target, before_json, after_json) "
                                   "VALUES (?, ?, ?, ?, ?, ?)"),
                    { m_db.nowMs(), actor, action, target, toStored(before), toStored(after) });
    if (!inserted)
        return inserted.error();
    return inserted->lastInsertId().toLongLong();
}

Result<AuditPage> AuditLog::page(int limit, std::optional<qint64> beforeId, const QString &target,
                                 const QString &action) const
{
    if (limit < 1 || limit > MaxPageSize)
        return makeError(
            ErrorCode::InvalidInput,
            QStringLiteral("an audit page holds 1 to %1 entries, not %2").arg(MaxPageSize).arg(limit));
    if (beforeId && *beforeId < 1)
        return makeError(ErrorCode::InvalidInput, QStringLiteral("'before' must be a positive entry id"));
    QString sql
        = QStringLiteral("SELECT id, at, actor, action, target, before_json, after_json FROM audit WHERE 1");
    QVariantList bindings;
    if (beforeId) {
        sql += QStringLiteral(" AND id < ?");
        bindings << *beforeId;
    }
    if (!target.isEmpty()) {
        sql += QStringLiteral(" AND target = ?");
        bindings << target;
    }
    if (!action.isEmpty()) {
        sql += QStringLiteral(" AND action = ?");
        bindings << action;
    }
    // One extra row tells whether another page follows.
    sql += QStringLiteral(" ORDER BY id DESC LIMIT ?");
    bindings << limit + 1;
    auto q = m_db.exec(sql, bindings);
    if (!q)
        return q.error();
    AuditPage page;
    while (q->next()) {
        if (page.entries.size() == limit) {
            page.nextBefore = page.entries.last().id;
            break;
        }
        AuditEntry e;
        e.id = q->value(0).toLongLong();
        e.at = QDateTime::fromMSecsSinceEpoch(q->value(1).toLongLong(), Qt::UTC);
        e.actor = q->value(2).toString();
        e.action = q->value(3).toString();
        e.target = q->value(4).toString();
        e.before = fromStored(q->value(5));
        e.after = fromStored(q->value(6));
        page.entries.append(e);
    }
    return page;
}

} // namespace fvpn
