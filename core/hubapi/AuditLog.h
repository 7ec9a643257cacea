#pragma once

#include "Result.h"

#include <QDateTime>
#include <QJsonValue>
#include <QList>
#include <QString>

#include <optional>

namespace fvpn {

class StateDatabase;

struct AuditEntry
{
    qint64 id = 0;
    QDateTime at;
    QString actor; // "token:<name>", "cli", "invite:<id>", "requester", "hub"
    QString action; // "request.approve", "client.revoke", "clients_file.replace", ...
    QString target; // what was changed: a request id, a public key, "clients_file"
    QJsonValue before; // Null when there was nothing before
    QJsonValue after; // Null when nothing is left after
};

struct AuditPage
{
    QList<AuditEntry> entries; // newest first
    std::optional<qint64> nextBefore; // pass as `beforeId` for the next page
};

// Append-only record of every change. Entries are never edited or deleted by the hub.
class AuditLog
{
public:
    static constexpr int MaxPageSize = 500;

    explicit AuditLog(StateDatabase &db);

    Result<qint64> record(const QString &actor, const QString &action, const QString &target,
                          const QJsonValue &before = QJsonValue(), const QJsonValue &after = QJsonValue());
    // Entries with id < beforeId (all when empty), newest first, optionally only
    // those for one target or action.
    Result<AuditPage> page(int limit, std::optional<qint64> beforeId = std::nullopt,
                           const QString &target = {}, const QString &action = {}) const;

private:
    StateDatabase &m_db;
};

} // namespace fvpn
