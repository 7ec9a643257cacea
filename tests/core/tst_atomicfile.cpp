#include "AtomicFile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QtTest>

#ifdef Q_OS_UNIX
#include <csignal>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

using namespace fvpn;

namespace {

// QVERIFY2 evaluates its message even when the check passes, and error() of a
// successful Result must not be called.
template<typename R> QString failure(const R &result)
{
    return result.ok() ? QString() : result.error().toString();
}

#ifdef Q_OS_UNIX
// The mode as the kernel reports it, independent of Qt's permission mapping.
int modeOf(const QString &path)
{
    struct stat st
    {
    };
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return -1;
    return int(st.st_mode & 07777);
}
#endif

QByteArray contentOf(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return QByteArray("<unreadable>");
    return file.readAll();
}

bool writePlain(const QString &path, const QByteArray &content)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(content) == content.size();
}

QStringList entriesOf(const QString &dir)
{
    return QDir(dir).entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot);
}

bool isRoot()
{
#ifdef Q_OS_UNIX
    return ::geteuid() == 0;
#else
    return false;
#endif
}

} // namespace

class TestAtomicFile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void writesContent()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("keys.conf"));
        const QByteArray content("line 1\nbinary \0\xff bytes\n", 23);
        Result<void> written = AtomicFile::write(path, content);
        QVERIFY2(written.ok(), qPrintable(failure(written)));
        QCOMPARE(contentOf(path), content);
        QCOMPARE(entriesOf(dir.path()), QStringList { QStringLiteral("keys.conf") }); // no temporary left
    }

    void writesEmptyFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("empty"));
        QVERIFY(AtomicFile::write(path, {}).ok());
        QVERIFY(QFileInfo::exists(path));
        QCOMPARE(QFileInfo(path).size(), 0);
    }

#ifdef Q_OS_UNIX
    void newFileIs0600EvenWithPermissiveUmask()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("secret"));
        const mode_t old = ::umask(0); // would make a default-created file 0666
        Result<void> written = AtomicFile::write(path, "private");
        ::umask(old);
        QVERIFY(written.ok());
        QCOMPARE(modeOf(path), 0600);
    }

    void customPermissions()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("shared"));
        const QFileDevice::Permissions perms
            = QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup;
        const mode_t old = ::umask(0);
        Result<void> written = AtomicFile::write(path, "x", perms);
        ::umask(old);
        QVERIFY(written.ok());
        QCOMPARE(modeOf(path), 0640);
    }

    void overwriteReplacesContentAndKeeps0600()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("state"));
        QVERIFY(AtomicFile::write(path, "first version, longer than the second").ok());
        QVERIFY(AtomicFile::write(path, "second").ok());
        QCOMPARE(contentOf(path), QByteArray("second"));
        QCOMPARE(modeOf(path), 0600);
        QCOMPARE(entriesOf(dir.path()).size(), 1);
    }

    // An existing world-readable file is tightened, not the other way round.
    void overwriteTightensLoosePermissions()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("loose"));
        QVERIFY(writePlain(path, "old"));
        QVERIFY(::chmod(QFile::encodeName(path).constData(), 0644) == 0);
        QVERIFY(AtomicFile::write(path, "new").ok());
        QCOMPARE(modeOf(path), 0600);
        QCOMPARE(contentOf(path), QByteArray("new"));
    }

    void unwritableFolderLeavesOldFile()
    {
        if (isRoot())
            QSKIP("root ignores folder permissions; writeErrorLeavesOldFile covers the failure path");
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("kept"));
        QVERIFY(writePlain(path, "old content"));
        QVERIFY(::chmod(QFile::encodeName(dir.path()).constData(), 0500) == 0);
        Result<void> written = AtomicFile::write(path, "new content");
        ::chmod(QFile::encodeName(dir.path()).constData(), 0700);
        QVERIFY(!written.ok());
        QVERIFY2(written.error().message.contains(QDir::toNativeSeparators(path)),
                 qPrintable(written.error().message));
        QCOMPARE(contentOf(path), QByteArray("old content"));
        QCOMPARE(entriesOf(dir.path()), QStringList { QStringLiteral("kept") });
    }

    // A write that fails halfway (here: the file size limit, EFBIG) must leave the
    // old file as it was and no temporary file behind. Works as root too.
    void writeErrorLeavesOldFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("kept"));
        QVERIFY(writePlain(path, "old content"));

        struct rlimit saved
        {
        };
        QVERIFY(::getrlimit(RLIMIT_FSIZE, &saved) == 0);
        struct rlimit small = saved;
        small.rlim_cur = 4096;
        const auto oldHandler = std::signal(SIGXFSZ, SIG_IGN); // get EFBIG instead of a signal
        QVERIFY(::setrlimit(RLIMIT_FSIZE, &small) == 0);
        Result<void> written = AtomicFile::write(path, QByteArray(64 * 1024, 'n'));
        ::setrlimit(RLIMIT_FSIZE, &saved);
        std::signal(SIGXFSZ, oldHandler);

        QVERIFY(!written.ok());
        QCOMPARE(written.error().code, ErrorCode::IoError);
        QVERIFY2(written.error().message.contains(QDir::toNativeSeparators(path)),
                 qPrintable(written.error().message));
        QCOMPARE(contentOf(path), QByteArray("old content"));
        QCOMPARE(entriesOf(dir.path()), QStringList { QStringLiteral("kept") });
    }
#endif

    void missingFolderIsNotFound()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("no/such/folder/file"));
        Result<void> written = AtomicFile::write(path, "x");
        QVERIFY(!written.ok());
        QCOMPARE(written.error().code, ErrorCode::NotFound);
        QVERIFY2(written.error().message.contains(QDir::toNativeSeparators(path)),
                 qPrintable(written.error().message));
        QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("no"))));
    }

    void folderAsTargetFails()
    {
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("sub")));
        const QString path = dir.filePath(QStringLiteral("sub"));
        Result<void> written = AtomicFile::write(path, "x");
        QVERIFY(!written.ok());
        QVERIFY2(written.error().message.contains(QDir::toNativeSeparators(path)),
                 qPrintable(written.error().message));
        QVERIFY(QFileInfo(path).isDir());
    }

    void readsWholeFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("data"));
        QByteArray content;
        for (int i = 0; i < 100000; ++i)
            content.append(char(i * 7));
        QVERIFY(writePlain(path, content));
        Result<QByteArray> read = AtomicFile::read(path);
        QVERIFY2(read.ok(), qPrintable(failure(read)));
        QCOMPARE(*read, content);
    }

    void readsEmptyFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("empty"));
        QVERIFY(writePlain(path, {}));
        Result<QByteArray> read = AtomicFile::read(path);
        QVERIFY(read.ok());
        QVERIFY(read->isEmpty());
    }

    void readCap_data()
    {
        QTest::addColumn<int>("size");
        QTest::addColumn<int>("cap");
        QTest::addColumn<bool>("ok");
        QTest::newRow("below") << 9 << 10 << true;
        QTest::newRow("exactly") << 10 << 10 << true;
        QTest::newRow("one over") << 11 << 10 << false;
        QTest::newRow("far over") << 5000 << 10 << false;
        QTest::newRow("zero cap, empty file") << 0 << 0 << true;
        QTest::newRow("zero cap, one byte") << 1 << 0 << false;
    }

    void readCap()
    {
        QFETCH(int, size);
        QFETCH(int, cap);
        QFETCH(bool, ok);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("sized"));
        QVERIFY(writePlain(path, QByteArray(size, 'z')));
        Result<QByteArray> read = AtomicFile::read(path, cap);
        QCOMPARE(read.ok(), ok);
        if (ok) {
            QCOMPARE(read->size(), size);
        } else {
            QCOMPARE(read.error().code, ErrorCode::Exhausted);
            QVERIFY2(read.error().message.contains(QDir::toNativeSeparators(path)),
                     qPrintable(read.error().message));
        }
    }

#ifdef Q_OS_LINUX
    // /proc files report size 0: the cap must hold on what is actually read.
    void readCapHoldsWhenSizeIsUnknown()
    {
        const QString path = QStringLiteral("/proc/self/status");
        QCOMPARE(QFileInfo(path).size(), 0);
        Result<QByteArray> small = AtomicFile::read(path, 16);
        QVERIFY(!small.ok());
        QCOMPARE(small.error().code, ErrorCode::Exhausted);
        Result<QByteArray> whole = AtomicFile::read(path);
        QVERIFY(whole.ok());
        QVERIFY(whole->startsWith("Name:"));
    }
#endif

    void missingFileIsNotFound()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("absent"));
        Result<QByteArray> read = AtomicFile::read(path);
        QVERIFY(!read.ok());
        QCOMPARE(read.error().code, ErrorCode::NotFound);
        QCOMPARE(read.error().message,
                 QStringLiteral("'%1' does not exist").arg(QDir::toNativeSeparators(path)));
    }

    void readingAFolderFails()
    {
        QTemporaryDir dir;
        Result<QByteArray> read = AtomicFile::read(dir.path());
        QVERIFY(!read.ok());
        QCOMPARE(read.error().code, ErrorCode::IoError);
        QVERIFY(read.error().message.contains(QDir::toNativeSeparators(dir.path())));
    }

#ifdef Q_OS_UNIX
    void unreadableFileIsPermissionDenied()
    {
        if (isRoot())
            QSKIP("root can read any file");
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("locked"));
        QVERIFY(writePlain(path, "secret"));
        QVERIFY(::chmod(QFile::encodeName(path).constData(), 0000) == 0);
        Result<QByteArray> read = AtomicFile::read(path);
        QVERIFY(!read.ok());
        QCOMPARE(read.error().code, ErrorCode::PermissionDenied);
        QVERIFY(read.error().message.contains(QDir::toNativeSeparators(path)));
    }
#endif

    void roundTrip()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("round"));
        const QByteArray content("[Interface]\nPrivateKey = ...\n");
        QVERIFY(AtomicFile::write(path, content).ok());
        Result<QByteArray> read = AtomicFile::read(path);
        QVERIFY(read.ok());
        QCOMPARE(*read, content);
    }
};

QTEST_GUILESS_MAIN(TestAtomicFile)
#include "tst_atomicfile.moc"
