#pragma once

#include "Result.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QVariant>

#include <functional>
#include <memory>

namespace fvpn {

// The hub's SQLite state (requests, invites, tokens, audit) in the state dir.
// WAL with synchronous=FULL: once a write returns, it survives a crash or power
// loss, which is what lets the API acknowledge an approval. The schema carries a
// version (PRAGMA user_version) and is migrated forward on open; a database from
// a newer hub is refused rather than misread.
class StateDatabase
{
public:
    static constexpr int SchemaVersion = 2;
    static constexpr auto FileName = "hub-state.sqlite";

    // Creates the state dir (0700) and the database file (0600) when missing and
    // tightens their modes when they exist.
    static Result<std::unique_ptr<StateDatabase>> open(const QString &stateDir);
    ~StateDatabase();

    StateDatabase(const StateDatabase &) = delete;
    StateDatabase &operator=(const StateDatabase &) = delete;

    const QString &path() const { return m_path; }
    QSqlDatabase database() const;
    int schemaVersion() const;

    // Runs `sql` with positional bindings; the error names what failed, not the values.
    Result<QSqlQuery> exec(const QString &sql, const QVariantList &bindings = {}) const;

    // Runs `work` in one transaction: commits when it succeeds, rolls back otherwise.
    Result<void> transaction(const std::function<Result<void>()> &work);

    // Milliseconds since the epoch; replaceable so tests can move time.
    qint64 nowMs() const { return m_clock ? m_clock() : currentMs(); }
    void setClock(std::function<qint64()> clock) { m_clock = std::move(clock); }

private:
    explicit StateDatabase(QString path, QString connectionName);
    Result<void> configure();
    Result<void> migrate();
    static qint64 currentMs();

    QString m_path;
    QString m_connectionName;
    std::function<qint64()> m_clock;
    bool m_inTransaction = false;
};

} // namespace fvpn
