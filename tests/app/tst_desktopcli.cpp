// factory-vpn without a display: --help and --version answer and exit 0; a start
// says why it cannot open a window and exits 1, never abort() with a core dump.
#include <QtTest>

using namespace Qt::StringLiterals;

class TestDesktopCli : public QObject
{
    Q_OBJECT

private:
    QString m_app;

    struct Run
    {
        QProcess::ExitStatus status = QProcess::CrashExit;
        int exitCode = -1;
        QString out;
        QString err;
    };

    Run run(const QStringList &arguments, const QStringList &set = {})
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const char *name : { "DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "XDG_SESSION_TYPE" })
            env.remove(QString::fromLatin1(name));
        for (const QString &assignment : set)
            env.insert(assignment.section(u'=', 0, 0), assignment.section(u'=', 1));
        QProcess process;
        process.setProcessEnvironment(env);
        process.start(m_app, arguments);
        if (!process.waitForFinished(30000)) {
            process.kill();
            process.waitForFinished();
        }
        return { process.exitStatus(), process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
                 QString::fromUtf8(process.readAllStandardError()) };
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_app = qEnvironmentVariable("FVPN_BUILD_DIR") + u"/app/desktop/factory-vpn"_s;
        QVERIFY2(QFileInfo(m_app).isExecutable(), qPrintable(m_app));
    }

    void helpWithoutDisplay()
    {
        const Run r = run({ u"--help"_s });
        QCOMPARE(r.status, QProcess::NormalExit);
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.startsWith(u"Usage: factory-vpn "_s), qPrintable(r.out));
        for (const char *option : { "--admin", "--lang", "--add-hub", "--version", "factory-vpn://enroll" })
            QVERIFY2(r.out.contains(QLatin1StringView(option)), option);
        QVERIFY(r.err.isEmpty());
        QCOMPARE(run({ u"-h"_s }).out, r.out);
    }

    void versionWithoutDisplay()
    {
        const Run r = run({ u"--version"_s });
        QCOMPARE(r.status, QProcess::NormalExit);
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, u"factory-vpn %1\n"_s.arg(QStringLiteral(FACTORYVPN_VERSION)));
    }

    void noDisplaySaysWhy()
    {
        const Run r = run({});
        QCOMPARE(r.status, QProcess::NormalExit);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(u"no display"_s), qPrintable(r.err));
        QVERIFY(r.out.isEmpty());
    }

    // A DISPLAY nobody answers on: Qt's platform plugin fails fatally; the app
    // turns that into a message and exit code 1.
    void deadDisplaySaysWhy()
    {
        int display = 90;
        while (QFileInfo::exists(u"/tmp/.X11-unix/X%1"_s.arg(display)) && display < 99)
            ++display;
        const Run r = run({}, { u"DISPLAY=:%1"_s.arg(display), u"QT_QPA_PLATFORM=xcb"_s });
        QCOMPARE(r.status, QProcess::NormalExit);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(u"factory-vpn: cannot open a window"_s), qPrintable(r.err));
    }
};

QTEST_GUILESS_MAIN(TestDesktopCli)
#include "tst_desktopcli.moc"
