#include "AsyncWait.h"
#include "TestKeys.h"
#include "TunnelParameters.h"
#include "WgQuickBackend.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QtTest>

#include <sys/stat.h>

using namespace fvpn;
using namespace fvpn::test;

// The wg-quick backend's own rules, without WireGuard: where the key may be
// written, that the file is gone afterwards, how tool failures read. A stand-in
// "tool" (a shell script behind the Prefix runner) records what it was given.
// Real tunnels: tst_engineerlab.
namespace {

TunnelParameters parameters()
{
    return TunnelParameters::fromJson(
               QJsonObject {
                   { QStringLiteral("address"), QStringLiteral("10.42.42.7") },
                   { QStringLiteral("hub_public_key"), freshPublicKey().toBase64() },
                   { QStringLiteral("endpoint"), QStringLiteral("192.0.2.1:5555") },
                   { QStringLiteral("allowed_ips"), QJsonArray { QStringLiteral("10.42.42.0/24") } },
               })
        .value();
}

} // namespace

class TestWgQuickBackend : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    // A stand-in for the tools: records its arguments and a copy of the
    // configuration file it was handed (with its mode), then answers as told.
    QString writeTool(const QString &script)
    {
        const QString path = m_dir.filePath(QStringLiteral("tool.sh"));
        QFile file(path);
        file.open(QIODevice::WriteOnly | QIODevice::Truncate);
        file.write("#!/bin/sh\n");
        file.write(script.toUtf8());
        file.close();
        file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        return path;
    }

    QString runtimeDir(const char *name, mode_t mode)
    {
        const QString path = m_dir.filePath(QString::fromLatin1(name));
        ::mkdir(QFile::encodeName(path).constData(), 0700);
        ::chmod(QFile::encodeName(path).constData(), mode);
        return path;
    }

private Q_SLOTS:
    void upHandsOverAPrivateFileAndDeletesIt()
    {
        const QString seen = m_dir.filePath(QStringLiteral("seen"));
        const QString tool
            = writeTool(QStringLiteral("echo \"$@\" > '%1.args'; stat -c %a \"$3\" > '%1.mode'; "
                                       "cp \"$3\" '%1.conf'; exit 0\n")
                            .arg(seen));
        const QString run = runtimeDir("run-ok", 0700);
        WgQuickBackend backend(ToolRunner::withPrefix({ tool }), QStringLiteral("fvtest0"), run);
        Result<PrivateKey> key = PrivateKey::generate();
        const QString privateText = QString::fromLatin1(key->toBase64().view());
        const WgQuickConfig config = parameters().toWgQuickConfig(std::move(key.value()));

        const Result<void> up
            = waitFor<void>([&](QObject *context, auto done) { backend.up(config, context, done); });
        QVERIFY2(up, qPrintable(failure(up)));
        QFile args(seen + QStringLiteral(".args"));
        QVERIFY(args.open(QIODevice::ReadOnly));
        QCOMPARE(args.readAll().trimmed(), QStringLiteral("wg-quick up %1/fvtest0.conf").arg(run).toUtf8());
        QFile mode(seen + QStringLiteral(".mode"));
        QVERIFY(mode.open(QIODevice::ReadOnly));
        QCOMPARE(mode.readAll().trimmed(), QByteArray("600"));
        QFile handed(seen + QStringLiteral(".conf"));
        QVERIFY(handed.open(QIODevice::ReadOnly));
        QVERIFY(handed.readAll().contains(privateText.toLatin1()));
        QCOMPARE(QDir(run).entryList(QDir::Files | QDir::Hidden), QStringList());

        // down: the same path, a configuration without the key.
        const Result<void> down
            = waitFor<void>([&](QObject *context, auto done) { backend.down(config, context, done); });
        QVERIFY2(down, qPrintable(failure(down)));
        handed.close();
        QVERIFY(handed.open(QIODevice::ReadOnly));
        const QByteArray downConfig = handed.readAll();
        QVERIFY(!downConfig.contains(privateText.toLatin1()));
        QVERIFY(!downConfig.contains("PrivateKey"));
        QCOMPARE(QDir(run).entryList(QDir::Files | QDir::Hidden), QStringList());
    }

    void failedUpStillDeletesTheFile()
    {
        const QString tool
            = writeTool(QStringLiteral("echo 'RTNETLINK answers: Operation not permitted' >&2; exit 1\n"));
        const QString run = runtimeDir("run-fail", 0700);
        WgQuickBackend backend(ToolRunner::withPrefix({ tool }), QStringLiteral("fvtest0"), run);
        const WgQuickConfig config = parameters().toWgQuickConfig(PrivateKey::generate().value());
        const Result<void> up
            = waitFor<void>([&](QObject *context, auto done) { backend.up(config, context, done); });
        QVERIFY(!up);
        QCOMPARE(up.error().code, ErrorCode::IoError);
        QVERIFY2(up.error().message.contains(QStringLiteral("wg-quick up fvtest0 failed: RTNETLINK answers")),
                 qPrintable(up.error().message));
        QCOMPARE(QDir(run).entryList(QDir::Files | QDir::Hidden), QStringList());
    }

    void refusesAFolderOthersCanOpen()
    {
        const QString seen = m_dir.filePath(QStringLiteral("never"));
        const QString tool = writeTool(QStringLiteral("touch '%1'\n").arg(seen));
        const QString run = runtimeDir("run-open", 0755);
        WgQuickBackend backend(ToolRunner::withPrefix({ tool }), QStringLiteral("fvtest0"), run);
        const WgQuickConfig config = parameters().toWgQuickConfig(PrivateKey::generate().value());
        const Result<void> up
            = waitFor<void>([&](QObject *context, auto done) { backend.up(config, context, done); });
        QVERIFY(!up);
        QCOMPARE(up.error().code, ErrorCode::PermissionDenied);
        QVERIFY(up.error().message.contains(QStringLiteral("readable by others")));
        QVERIFY(!QFile::exists(seen)); // the tool never ran
        QCOMPARE(QDir(run).entryList(QDir::Files | QDir::Hidden), QStringList());
    }

    void upNeedsAKey()
    {
        WgQuickBackend backend(ToolRunner::withPrefix({ QStringLiteral("/bin/false") }),
                               QStringLiteral("fvtest0"), runtimeDir("run-nokey", 0700));
        const WgQuickConfig config = parameters().toWgQuickConfig(PrivateKey());
        const Result<void> up
            = waitFor<void>([&](QObject *context, auto done) { backend.up(config, context, done); });
        QVERIFY(!up);
        QCOMPARE(up.error().code, ErrorCode::InvalidInput);
    }

    void statusAnswers_data()
    {
        QTest::addColumn<QString>("script");
        QTest::addColumn<int>("expected"); // 0 error, 1 absent, 2 present
        QTest::addColumn<QString>("messagePart");
        const QString hub = freshPublicKey().toBase64();
        const QString us = freshPublicKey().toBase64();
        QTest::newRow("kernel: no such device")
            << QStringLiteral("echo 'Unable to access interface: No such device' >&2; exit 1") << 1
            << QString();
        QTest::newRow("no module, no wireguard-go")
            << QStringLiteral("echo 'Unable to access interface: Protocol not supported' >&2; exit 1") << 1
            << QString();
        QTest::newRow("no permission")
            << QStringLiteral("echo 'Unable to access interface: Operation not permitted' >&2; exit 1") << 0
            << QStringLiteral("Operation not permitted");
        QTest::newRow("a dump")
            << QStringLiteral(
                   "printf '(hidden)\\t%1\\t41000\\toff\\n%2\\t(none)\\t192.0.2.1:5555\\t10.42.42.0/24\\t"
                   "1700000000\\t100\\t200\\t25\\n'")
                   .arg(us, hub)
            << 2 << QString();
        QTest::newRow("garbage") << QStringLiteral("echo hello") << 0 << QStringLiteral("fields");
        QTest::newRow("tool missing") << QString() << 0 << QStringLiteral("not installed");
    }

    void statusAnswers()
    {
        QFETCH(QString, script);
        QFETCH(int, expected);
        QFETCH(QString, messagePart);
        const QString tool
            = script.isEmpty() ? QStringLiteral("fvpn-no-such-tool") : writeTool(script + u'\n');
        WgQuickBackend backend(ToolRunner::withPrefix({ tool }), QStringLiteral("fvtest0"),
                               runtimeDir("run-status", 0700));
        const Result<std::optional<WgDump>> status = waitFor<std::optional<WgDump>>(
            [&](QObject *context, auto done) { backend.readStatus(context, done); });
        if (expected == 0) {
            QVERIFY(!status);
            QVERIFY2(status.error().toString().contains(messagePart), qPrintable(status.error().toString()));
            return;
        }
        QVERIFY2(status, qPrintable(failure(status)));
        QCOMPARE(status->has_value(), expected == 2);
        if (expected == 2) {
            QCOMPARE((*status)->peers.size(), 1);
            QCOMPARE((*status)->peers.first().rxBytes, quint64(100));
        }
    }
};

QTEST_GUILESS_MAIN(TestWgQuickBackend)
#include "tst_wgquickbackend.moc"
