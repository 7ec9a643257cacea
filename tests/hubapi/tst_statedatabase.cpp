#include "StateDatabase.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QTemporaryDir>
#include <QtTest>

#include <sys/stat.h>

using namespace fvpn;

namespace {

int modeOf(const QString &path)
{
    struct stat st
    {
    };
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return -1;
    return int(st.st_mode & 07777);
}

} // namespace

class TestStateDatabase : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void createsPrivateDirAndFile()
    {
        QTemporaryDir tmp;
        const QString dir = tmp.filePath(QStringLiteral("state/nested"));
        auto db = StateDatabase::open(dir);
        QVERIFY2(db.ok(), qPrintable(db.ok() ? QString() : db.error().message));
        QCOMPARE(modeOf(dir), 0700);
        QCOMPARE(modeOf(db.value()->path()), 0600);
        QCOMPARE(db.value()->schemaVersion(), StateDatabase::SchemaVersion);
    }

    void tightensExistingModes()
    {
        QTemporaryDir tmp;
        const QString dir = tmp.filePath(QStringLiteral("state"));
        QVERIFY(QDir().mkpath(dir));
        QVERIFY(::chmod(QFile::encodeName(dir).constData(), 0755) == 0);
        const QString file = QDir(dir).filePath(QString::fromLatin1(StateDatabase::FileName));
        {
            QFile f(file);
            QVERIFY(f.open(QIODevice::WriteOnly));
        }
        QVERIFY(::chmod(QFile::encodeName(file).constData(), 0644) == 0);
        auto db = StateDatabase::open(dir);
        QVERIFY(db.ok());
        QCOMPARE(modeOf(dir), 0700);
        QCOMPARE(modeOf(file), 0600);
    }

    void usesWalAndFullSync()
    {
        QTemporaryDir tmp;
        auto db = StateDatabase::open(tmp.path());
        QVERIFY(db.ok());
        auto mode = db.value()->exec(QStringLiteral("PRAGMA journal_mode"));
        QVERIFY(mode.ok() && mode->next());
        QCOMPARE(mode->value(0).toString(), QStringLiteral("wal"));
        auto sync = db.value()->exec(QStringLiteral("PRAGMA synchronous"));
        QVERIFY(sync.ok() && sync->next());
        QCOMPARE(sync->value(0).toInt(), 2); // FULL
    }

    void reopenKeepsData()
    {
        QTemporaryDir tmp;
        {
            auto db = StateDatabase::open(tmp.path());
            QVERIFY(db.ok());
            QVERIFY(db.value()->exec(
                QStringLiteral("INSERT INTO audit (at, actor, action, target) VALUES (1, 'a', "
                               "'b', 'c')")));
        }
        auto db = StateDatabase::open(tmp.path());
        QVERIFY(db.ok());
        auto q = db.value()->exec(QStringLiteral("SELECT COUNT(*) FROM audit"));
        QVERIFY(q.ok() && q->next());
        QCOMPARE(q->value(0).toInt(), 1);
    }

    void twoInstancesCanCoexist()
    {
        QTemporaryDir a;
        QTemporaryDir b;
        auto first = StateDatabase::open(a.path());
        auto second = StateDatabase::open(b.path());
        QVERIFY(first.ok() && second.ok());
        QVERIFY(first.value()->path() != second.value()->path());
    }

    void refusesNewerSchema()
    {
        QTemporaryDir tmp;
        {
            auto db = StateDatabase::open(tmp.path());
            QVERIFY(db.ok());
            QVERIFY(db.value()->exec(QStringLiteral("PRAGMA user_version=99")));
        }
        auto db = StateDatabase::open(tmp.path());
        QVERIFY(!db.ok());
        QCOMPARE(db.error().code, ErrorCode::Conflict);
        QVERIFY2(db.error().message.contains(u"newer"), qPrintable(db.error().message));
    }

    // A database from before key replacement (schema 1) gains the column on
    // open, and its requests are kept.
    void migratesSchemaOneForward()
    {
        QTemporaryDir tmp;
        {
            auto db = StateDatabase::open(tmp.path());
            QVERIFY(db.ok());
            StateDatabase &state = *db.value();
            QVERIFY(state.exec(QStringLiteral(
                "INSERT INTO requests (id, public_key, name, hostname, os, source_address, status, "
                "created_at, "
                "secret_hash) VALUES ('0123456789abcdef0123456789abcdef', "
                "'xTIBA5rboUvnH4htodjb6e697QjLERt1NAB4mZqp8Dg=', 'Alice', 'alice-laptop', 'Debian', "
                "'127.0.0.1', 'approved', 1, x'00')")));
            // Back to what schema 1 was.
            QVERIFY(state.exec(QStringLiteral("DROP INDEX requests_by_replaces")));
            QVERIFY(state.exec(QStringLiteral("ALTER TABLE requests DROP COLUMN replaces")));
            QVERIFY(state.exec(QStringLiteral("PRAGMA user_version=1")));
        }
        auto db = StateDatabase::open(tmp.path());
        QVERIFY2(db.ok(), qPrintable(db.ok() ? QString() : db.error().message));
        QCOMPARE(db.value()->schemaVersion(), StateDatabase::SchemaVersion);
        auto row = db.value()->exec(QStringLiteral("SELECT name, replaces FROM requests"));
        QVERIFY(row && row->next());
        QCOMPARE(row->value(0).toString(), QStringLiteral("Alice"));
        QVERIFY(row->value(1).isNull());
    }

    void refusesBadLocations()
    {
        auto empty = StateDatabase::open(QString());
        QVERIFY(!empty.ok());
        QCOMPARE(empty.error().code, ErrorCode::InvalidInput);

        QTemporaryDir tmp;
        const QString file = tmp.filePath(QStringLiteral("plain-file"));
        {
            QFile f(file);
            QVERIFY(f.open(QIODevice::WriteOnly));
        }
        auto underFile = StateDatabase::open(file);
        QVERIFY(!underFile.ok());
        QCOMPARE(underFile.error().code, ErrorCode::IoError);
    }

    void refusesGarbageFile()
    {
        QTemporaryDir tmp;
        QFile f(QDir(tmp.path()).filePath(QString::fromLatin1(StateDatabase::FileName)));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(4096, 'x'));
        f.close();
        auto db = StateDatabase::open(tmp.path());
        QVERIFY(!db.ok());
    }

    void transactionRollsBackOnError()
    {
        QTemporaryDir tmp;
        auto opened = StateDatabase::open(tmp.path());
        QVERIFY(opened.ok());
        StateDatabase &db = *opened.value();
        auto failed = db.transaction([&]() -> Result<void> {
            if (auto r
                = db.exec(QStringLiteral("INSERT INTO audit (at, actor, action, target) VALUES (1, 'a', "
                                         "'b', 'c')"));
                !r)
                return r.error();
            return makeError(ErrorCode::Conflict, QStringLiteral("changed my mind"));
        });
        QVERIFY(!failed.ok());
        QCOMPARE(failed.error().code, ErrorCode::Conflict);
        auto q = db.exec(QStringLiteral("SELECT COUNT(*) FROM audit"));
        QVERIFY(q.ok() && q->next());
        QCOMPARE(q->value(0).toInt(), 0);

        auto nested = db.transaction([&]() -> Result<void> {
            return db.transaction([&]() -> Result<void> {
                auto r
                    = db.exec(QStringLiteral("INSERT INTO audit (at, actor, action, target) VALUES (1, 'a', "
                                             "'b', 'c')"));
                if (!r)
                    return r.error();
                return {};
            });
        });
        QVERIFY(nested.ok());
        auto count = db.exec(QStringLiteral("SELECT COUNT(*) FROM audit"));
        QVERIFY(count.ok() && count->next());
        QCOMPARE(count->value(0).toInt(), 1);
    }

    void badSqlIsAnError()
    {
        QTemporaryDir tmp;
        auto db = StateDatabase::open(tmp.path());
        QVERIFY(db.ok());
        auto r = db.value()->exec(QStringLiteral("SELECT nonsense FROM nowhere"));
        QVERIFY(!r.ok());
    }
};

QTEST_GUILESS_MAIN(TestStateDatabase)
#include "tst_statedatabase.moc"
