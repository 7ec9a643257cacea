// hub.conf, --check-config, --version and secret files, through the real
// factory-vpn-hub binary: exit codes, messages, and that a bad configuration
// starts nothing.
#include "HubConfigFile.h"
#include "PrivateKey.h"
#include "SecureBuffer.h"

#include <QtTest>

#include <sys/stat.h>

using namespace fvpn;
using namespace Qt::StringLiterals;

class TestHubConfig : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_hub;
    // The example key of wg(8)'s documentation.
    const QByteArray m_privateKey = "yAnz5TF+lXXJte14tji3zlMNq+hd2rYUIgJBgB3fBmk=";

    struct Run
    {
        int exitCode = -1;
        QString out;
        QString err;
    };

    Run run(const QStringList &arguments,
            const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment())
    {
        QProcess process;
        process.setProcessEnvironment(env);
        process.start(m_hub, arguments);
        if (!process.waitForFinished(30000)) {
            process.kill();
            process.waitForFinished();
        }
        Run r;
        r.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
        r.out = QString::fromUtf8(process.readAllStandardOutput());
        r.err = QString::fromUtf8(process.readAllStandardError());
        return r;
    }

    QString write(const QString &name, const QByteArray &text, mode_t mode = 0644)
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(text) != text.size())
            qFatal("cannot write %s", qPrintable(path));
        file.close();
        ::chmod(QFile::encodeName(path).constData(), mode);
        return path;
    }

    // A usable static-inventory configuration whose every path is in scratch.
    QByteArray goodConfig()
    {
        return u"# test hub\n"
               "factory = lab\n"
               "privatekey = %1\n"
               "inventory = %2\n"
               "vpnaddr = 10.42.42.1/24\n"
               "port = 5555\n"
               "state-dir = %3\n"
               "hosts-file = %4\n"
               "clients-file = %5\n"
               "admin-listen = 127.0.0.1:18444\n"
               "public-listen = none\n"
               "log-level = debug\n"_s
                   .arg(write(u"hub.key"_s, m_privateKey + '\n', 0600), write(u"ips.json"_s, "[]"),
                        m_dir.filePath(u"state"_s), m_dir.filePath(u"hosts"_s),
                        m_dir.filePath(u"clients.conf"_s))
                   .toUtf8();
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_hub = qEnvironmentVariable("FVPN_BUILD_DIR") + u"/app/hub/factory-vpn-hub"_s;
        QVERIFY2(QFileInfo(m_hub).isExecutable(), qPrintable(m_hub));
        QVERIFY(initSodium());
    }

    void version()
    {
        const Run r = run({ u"--version"_s });
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, u"factory-vpn-hub %1\n"_s.arg(QStringLiteral(FACTORYVPN_VERSION)));
    }

    // Every key is an option of --help, and every option of --help is a key,
    // bar those that only make sense on a command line.
    void everyOptionHasAKey()
    {
        const Run r = run({ u"--help"_s });
        QCOMPARE(r.exitCode, 0);
        QSet<QString> options;
        const QRegularExpression option(u"(?:^|[ ,\\[])--([a-z0-9-]+)"_s,
                                        QRegularExpression::MultilineOption);
        for (auto it = option.globalMatch(r.out); it.hasNext();)
            options.insert(it.next().captured(1));
        const QSet<QString> commandLineOnly { u"apitoken"_s, u"config"_s, u"check-config"_s, u"help"_s,
                                              u"version"_s,
                                              // options of the token/invite admin commands
                                              u"name"_s, u"uses"_s, u"valid-hours"_s, u"pre-approved"_s,
                                              u"note"_s, u"state-dir"_s };
        for (const HubConfigFile::Key &key : HubConfigFile::keys())
            QVERIFY2(options.contains(key.name),
                     qPrintable(u"key %1 is not an option in --help"_s.arg(key.name)));
        for (const QString &name : std::as_const(options)) {
            QVERIFY2(HubConfigFile::findKey(name) || commandLineOnly.contains(name),
                     qPrintable(u"option --%1 has no key in hub.conf"_s.arg(name)));
        }
    }

    // metrics-listen (docs/metrics.md): shown with what it means; a non-loopback
    // address nobody named as admin-listen is refused, with the reason.
    void checkConfigShowsTheMetricsListener()
    {
        const QString config = write(u"hub.conf"_s, goodConfig() + "metrics-listen = 127.0.0.1:18445\n");
        const Run r = run({ u"--config"_s, config, u"--check-config"_s });
        QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
        const QRegularExpression shown(
            u"^  metrics-listen +127\\.0\\.0\\.1:18445 \\(plain HTTP, no token\\) +hub\\.conf line 13$"_s,
            QRegularExpression::MultilineOption);
        QVERIFY2(shown.match(r.out).hasMatch(), qPrintable(r.out));

        const QString open = write(u"open.conf"_s, goodConfig() + "metrics-listen = 0.0.0.0:18445\n");
        const Run refused = run({ u"--config"_s, open, u"--check-config"_s });
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.err.contains(u"only a loopback address"_s), qPrintable(refused.out + refused.err));
        const Run daemon = run({ u"--config"_s, open, u"daemon"_s });
        QCOMPARE(daemon.exitCode, 2);
    }

    void checkConfigPrintsWhatItWouldUse()
    {
        const QString config = write(u"hub.conf"_s, goodConfig());
        const Run r = run({ u"--config"_s, config, u"--check-config"_s, u"--interval"_s, u"9"_s });
        QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
        QVERIFY2(r.out.contains(u"would use (%1 and the command line)"_s.arg(config)), qPrintable(r.out));
        const auto line = [&](const QString &key, const QString &value, const QString &origin) {
            const QRegularExpression re(u"^  %1 +%2 +%3$"_s.arg(QRegularExpression::escape(key),
                                                                QRegularExpression::escape(value),
                                                                QRegularExpression::escape(origin)),
                                        QRegularExpression::MultilineOption);
            return re.match(r.out).hasMatch();
        };
        QVERIFY2(line(u"factory"_s, u"lab"_s, u"hub.conf line 2"_s), qPrintable(r.out));
        QVERIFY2(line(u"intf-name"_s, u"fiolab"_s, u"default (fio<factory>)"_s), qPrintable(r.out));
        QVERIFY2(line(u"interval"_s, u"9"_s, u"command line"_s), qPrintable(r.out));
        QVERIFY2(line(u"admin-listen"_s, u"127.0.0.1:18444"_s, u"hub.conf line 10"_s), qPrintable(r.out));
        QVERIFY2(line(u"no-sysctl"_s, u"false"_s, u"default"_s), qPrintable(r.out));
        const QString publicKey = PrivateKey::fromBase64(m_privateKey)->publicKey().toBase64();
        QVERIFY2(r.out.contains(u"hub public key: %1"_s.arg(publicKey)), qPrintable(r.out));
        QVERIFY(r.out.endsWith(u"configuration OK\n"_s));
        // It checks; it starts nothing.
        QVERIFY(!QFileInfo::exists(m_dir.filePath(u"state"_s)));
    }

    void aBadLineStopsTheHub()
    {
        const QString config = write(u"bad.conf"_s, goodConfig() + "\ninterval = 60\nintf_name = x\n");
        const int badLine = int(goodConfig().count('\n')) + 3;
        const Run check = run({ u"--config"_s, config, u"--check-config"_s });
        QCOMPARE(check.exitCode, 1);
        QVERIFY2(check.err.contains(u"%1:%2: unknown key 'intf_name'"_s.arg(config).arg(badLine)),
                 qPrintable(check.err));
        const Run daemon = run({ u"--config"_s, config, u"daemon"_s });
        QCOMPARE(daemon.exitCode, 2);
        QVERIFY2(daemon.err.contains(u"%1:%2: "_s.arg(config).arg(badLine)), qPrintable(daemon.err));
        QVERIFY(!QFileInfo::exists(m_dir.filePath(u"state"_s)));
    }

    void aBadValueIsReportedByItsLine()
    {
        const QString config = write(u"value.conf"_s, goodConfig() + "interval = soon\n");
        const int line = int(goodConfig().count('\n')) + 1;
        const Run daemon = run({ u"--config"_s, config, u"daemon"_s });
        QCOMPARE(daemon.exitCode, 2);
        QVERIFY2(daemon.err.startsWith(
                     u"factory-vpn-hub: value.conf line %1 (interval): --interval: 'soon'"_s.arg(line)),
                 qPrintable(daemon.err));
        const Run check = run({ u"--config"_s, config, u"--check-config"_s });
        QCOMPARE(check.exitCode, 1);
        // An API option's bad value too.
        const QString api = write(u"api.conf"_s, goodConfig() + "max-pending = lots\n");
        const Run apiRun = run({ u"--config"_s, api, u"--check-config"_s });
        QCOMPARE(apiRun.exitCode, 1);
        QVERIFY2(apiRun.err.contains(u"api.conf line %1 (max-pending): --max-pending"_s.arg(line)),
                 qPrintable(apiRun.err));
    }

    void theCommandLineWins()
    {
        // The file's bad interval is never parsed when the command line gives one.
        const QString config = write(u"override.conf"_s, goodConfig() + "interval = soon\n");
        const Run r = run({ u"--config"_s, config, u"--check-config"_s, u"-i"_s, u"30"_s });
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    }

    void aSecretOthersCanReadIsRefused()
    {
        QByteArray text = goodConfig();
        text.replace("inventory = ", "# inventory = ");
        text.replace("vpnaddr = ", "# vpnaddr = ");
        text.replace("port = ", "# port = ");
        const QString token = write(u"api-token"_s, "tok-visible\n", 0644);
        const QString config = write(u"token.conf"_s, text + "apitoken-file = " + token.toUtf8() + '\n');
        const Run check = run({ u"--config"_s, config, u"--check-config"_s });
        QCOMPARE(check.exitCode, 1);
        QVERIFY2(check.err.contains(u"chmod 600 %1"_s.arg(token)), qPrintable(check.err));
        QVERIFY(!check.out.contains(u"tok-visible"_s) && !check.err.contains(u"tok-visible"_s));
        const Run daemon = run({ u"--config"_s, config, u"daemon"_s });
        QCOMPARE(daemon.exitCode, 1);
        QVERIFY2(daemon.err.contains(u"refusing to use a secret others can see"_s), qPrintable(daemon.err));
        QVERIFY(!QFileInfo::exists(m_dir.filePath(u"state"_s)));

        ::chmod(QFile::encodeName(token).constData(), 0600);
        const Run ok = run({ u"--config"_s, config, u"--check-config"_s });
        QVERIFY2(ok.exitCode == 0, qPrintable(ok.err));
        QVERIFY(!ok.out.contains(u"tok-visible"_s));
    }

    void theTokenHasNoKey()
    {
        const QString config = write(u"t.conf"_s, goodConfig() + "apitoken = tok-inline\n");
        const Run r = run({ u"--config"_s, config, u"--check-config"_s });
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(u"does not belong in this file"_s), qPrintable(r.err));
        QVERIFY(!r.err.contains(u"tok-inline"_s));
    }

    void missingConfigFile()
    {
        const Run r = run({ u"--config"_s, m_dir.filePath(u"nope.conf"_s), u"daemon"_s });
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(u"nope.conf"_s), qPrintable(r.err));
    }
};

QTEST_GUILESS_MAIN(TestHubConfig)
#include "tst_hubconfig.moc"
