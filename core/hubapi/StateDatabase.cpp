#include "StateDatabase.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlError>

#include <atomic>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace fvpn {

namespace {

// Each schema step, applied in order inside one transaction per step.
const char *const migrations[] = {
    // 1: the first schema.
    R"sql(
CREATE TABLE requests (
    id TEXT PRIMARY KEY,
    public_key TEXT NOT NULL,
    name TEXT NOT NULL,
    hostname TEXT NOT NULL,
    os TEXT NOT NULL,
    source_address TEXT NOT NULL,
    invite_id TEXT,
    status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'revoked', 'cancelled')),
    reason TEXT NOT NULL DEFAULT '',
    address TEXT,
    created_at INTEGER NOT NULL,
    decided_at INTEGER,
    decided_by TEXT,
    secret_hash BLOB NOT NULL
);
CREATE INDEX requests_by_status ON requests (status, created_at);
CREATE UNIQUE INDEX requests_live_key ON requests (public_key) WHERE status IN ('pending', 'approved');
CREATE TABLE invites (
    id TEXT PRIMARY KEY,
    code_hash BLOB NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL,
    created_by TEXT NOT NULL,
    expires_at INTEGER,
    max_uses INTEGER NOT NULL CHECK (max_uses > 0),
    uses INTEGER NOT NULL DEFAULT 0 CHECK (uses >= 0 AND uses <= max_uses),
    pre_approved INTEGER NOT NULL DEFAULT 0,
    revoked_at INTEGER
);
CREATE TABLE tokens (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    hash BLOB NOT NULL,
    created_at INTEGER NOT NULL,
    last_used_at INTEGER,
    revoked_at INTEGER
);
CREATE UNIQUE INDEX tokens_live_name ON tokens (name) WHERE revoked_at IS NULL;
CREATE TABLE audit (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at INTEGER NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT NOT NULL,
    before_json TEXT,
    after_json TEXT
);
CREATE INDEX audit_by_target ON audit (target, id);
)sql",
    // 2: key replacement. A request may replace an approved one (the same engineer's
    // new key); approving it takes the old peer out in the same clients-file write.
    R"sql(
ALTER TABLE requests ADD COLUMN replaces TEXT REFERENCES requests (id);
CREATE INDEX requests_by_replaces ON requests (replaces) WHERE replaces IS NOT NULL;
)sql",
};

constexpr int migrationCount = int(std::size(migrations));
static_assert(migrationCount == StateDatabase::SchemaVersion);

Result<void> ensurePrivateDir(const QString &dir)
{
    if (!QDir().mkpath(dir))
        return makeError(ErrorCode::IoError, QStringLiteral("cannot create the state directory %1").arg(dir));
    const QByteArray native = QFile::encodeName(dir);
    if (::chmod(native.constData(), 0700) != 0)
        return makeError(ErrorCode::IoError,
                         QStringLiteral("cannot make the state directory %1 private (chmod 0700)").arg(dir));
    return {};
}

// SQLite would create the file with the umask's mode; create it 0600 first so the
// secrets' hashes and the audit trail are never readable by others, not even briefly.
Result<void> ensurePrivateFile(const QString &path)
{
    const QByteArray native = QFile::encodeName(path);
    const int fd = ::open(native.constData(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0)
        return makeError(ErrorCode::IoError, QStringLiteral("cannot open the state database %1").arg(path));
    const int rc = ::fchmod(fd, 0600);
    ::close(fd);
    if (rc != 0)
        return makeError(ErrorCode::IoError, QStringLiteral("cannot make %1 private (chmod 0600)").arg(path));
    return {};
}

} // namespace

StateDatabase::StateDatabase(QString path, QString connectionName)
    : m_path(std::move(path))
    , m_connectionName(std::move(connectionName))
{ }

StateDatabase::~StateDatabase()
{
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

qint64 StateDatabase::currentMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

Result<std::unique_ptr<StateDatabase>> StateDatabase::open(const QString &stateDir)
{
    if (stateDir.isEmpty())
        return makeError(ErrorCode::InvalidInput, QStringLiteral("no state directory given"));
    if (auto dir = ensurePrivateDir(stateDir); !dir)
        return dir.error();
    const QString path = QDir(stateDir).filePath(QString::fromLatin1(FileName));
    if (auto file = ensurePrivateFile(path); !file)
        return file.error();

    static std::atomic<int> counter { 0 };
    const QString name = QStringLiteral("fvpn-state-%1").arg(counter.fetch_add(1));
    std::unique_ptr<StateDatabase> state(new StateDatabase(path, name));
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
    db.setDatabaseName(path);
    if (!db.open()) {
        return makeError(
            ErrorCode::IoError,
            QStringLiteral("cannot open the state database %1: %2").arg(path, db.lastError().text()));
    }
    if (auto configured = state->configure(); !configured)
        return configured.error();
    if (auto migrated = state->migrate(); !migrated)
        return migrated.error();
    return state;
}

QSqlDatabase StateDatabase::database() const
{
    return QSqlDatabase::database(m_connectionName, false);
}

Result<QSqlQuery> StateDatabase::exec(const QString &sql, const QVariantList &bindings) const
{
    QSqlQuery query(database());
    if (!query.prepare(sql)) {
        return makeError(
            ErrorCode::Internal,
            QStringLiteral("state database: cannot prepare a statement: %1").arg(query.lastError().text()));
    }
    for (const QVariant &value : bindings)
        query.addBindValue(value);
    if (!query.exec()) {
        const QSqlError error = query.lastError();
        // SQLITE_CONSTRAINT (19) and its extended codes: a uniqueness or check rule refused the row.
        const bool constraint = error.nativeErrorCode().toInt() % 256 == 19;
        return makeError(constraint ? ErrorCode::Conflict : ErrorCode::IoError,
                         QStringLiteral("state database: %1").arg(error.text()));
    }
    return query;
}

Result<void> StateDatabase::configure()
{
    // journal_mode answers with a row: check that WAL was really taken.
    auto wal = exec(QStringLiteral("PRAGMA journal_mode=WAL"));
    if (!wal)
        return wal.error();
    if (!wal->next() || wal->value(0).toString().compare(u"wal", Qt::CaseInsensitive) != 0)
        return makeError(ErrorCode::IoError,
                         QStringLiteral("state database %1 cannot use WAL journaling").arg(m_path));
    for (const QString &pragma :
         { QStringLiteral("PRAGMA synchronous=FULL"), QStringLiteral("PRAGMA foreign_keys=ON"),
           QStringLiteral("PRAGMA busy_timeout=5000") }) {
        if (auto done = exec(pragma); !done)
            return done.error();
    }
    return {};
}

int StateDatabase::schemaVersion() const
{
    auto version = exec(QStringLiteral("PRAGMA user_version"));
    if (!version || !version->next())
        return -1;
    return version->value(0).toInt();
}

Result<void> StateDatabase::migrate()
{
    const int current = schemaVersion();
    if (current < 0)
        return makeError(ErrorCode::IoError,
                         QStringLiteral("cannot read the schema version of %1").arg(m_path));
    if (current > SchemaVersion) {
        return makeError(ErrorCode::Conflict,
                         QStringLiteral("%1 has schema version %2, newer than this hub understands (%3); "
                                        "refusing to use it")
                             .arg(m_path)
                             .arg(current)
                             .arg(SchemaVersion));
    }
    for (int step = current; step < SchemaVersion; ++step) {
        auto applied = transaction([&]() -> Result<void> {
            const QStringList statements
                = QString::fromLatin1(migrations[step]).split(u';', Qt::SkipEmptyParts);
            for (const QString &statement : statements) {
                if (statement.trimmed().isEmpty())
                    continue;
                if (auto done = exec(statement); !done)
                    return done.error();
            }
            // PRAGMA does not take bound parameters; the value is our own integer.
            if (auto done = exec(QStringLiteral("PRAGMA user_version=%1").arg(step + 1)); !done)
                return done.error();
            return {};
        });
        if (!applied)
            return applied;
    }
    return {};
}

Result<void> StateDatabase::transaction(const std::function<Result<void>()> &work)
{
    // Nested use joins the outer transaction: the outermost caller commits.
    if (m_inTransaction)
        return work();
    QSqlDatabase db = database();
    if (!db.transaction())
        return makeError(
            ErrorCode::IoError,
            QStringLiteral("state database: cannot begin a transaction: %1").arg(db.lastError().text()));
    m_inTransaction = true;
    Result<void> result = work();
    m_inTransaction = false;
    if (!result) {
        db.rollback();
        return result;
    }
    if (!db.commit()) {
        const QString text = db.lastError().text();
        db.rollback();
        return makeError(ErrorCode::IoError, QStringLiteral("state database: cannot commit: %1").arg(text));
    }
    return {};
}

} // namespace fvpn
