#include "HubCommandLine.h"
#include "HubConfigFile.h"

#include <QtTest>

using namespace fvpn;
using namespace Qt::StringLiterals;

class TestHubConfigFile : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString write(const QString &name, const QByteArray &text)
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(text) != text.size())
            qFatal("cannot write %s", qPrintable(path));
        return path;
    }

    static QStringList split(const QString &line) { return line.split(u' ', Qt::SkipEmptyParts); }

private Q_SLOTS:
    void parsesKeysCommentsAndSwitches()
    {
        const auto parsed = HubConfigFile::parse("# a comment\n"
                                                 "\n"
                                                 "factory = acme\r\n"
                                                 "   intf-name=wg7   \n"
                                                 "  # indented comment = not a key\n"
                                                 "no-sysctl = yes\n"
                                                 "allow-device-to-device = off\n"
                                                 "admin-listen = 127.0.0.1:8444\n"
                                                 "admin-listen = [::1]:8444\n"
                                                 "public-url = https://vpn.example.com:8443\n");
        QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().message));
        const QList<HubConfigFile::Entry> expected {
            { u"factory"_s, u"acme"_s, 3 },
            { u"intf-name"_s, u"wg7"_s, 4 },
            { u"no-sysctl"_s, u"true"_s, 6 },
            { u"allow-device-to-device"_s, u"false"_s, 7 },
            { u"admin-listen"_s, u"127.0.0.1:8444"_s, 8 },
            { u"admin-listen"_s, u"[::1]:8444"_s, 9 },
            { u"public-url"_s, u"https://vpn.example.com:8443"_s, 10 },
        };
        QCOMPARE(*parsed, expected);
    }

    void badLinesAreReportedByLineNumber_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<int>("line");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown key") << QByteArray("factory = a\nintf_name = x\n") << 2
                                     << u"unknown key 'intf_name'"_s;
        QTest::newRow("no equals") << QByteArray("\n\nfactory acme\n") << 3 << u"is not 'key = value'"_s;
        QTest::newRow("twice") << QByteArray("factory = a\n# x\nfactory = b\n") << 3
                               << u"'factory' is already set on line 1"_s;
        QTest::newRow("token itself")
            << QByteArray("apitoken = s3cret\n") << 1 << u"the API token does not belong in this file"_s;
        QTest::newRow("switch value") << QByteArray("no-sysctl = maybe\n") << 1
                                      << u"'no-sysctl' is a switch: true or false, not 'maybe'"_s;
        QTest::newRow("empty value") << QByteArray("factory = a\nstate-dir =\n") << 2
                                     << u"'state-dir' has no value"_s;
        QTest::newRow("control character")
            << QByteArray("factory = a\x1b[31m\n") << 1 << u"control character"_s;
        QTest::newRow("command line only")
            << QByteArray("check-config = true\n") << 1 << u"unknown key 'check-config'"_s;
    }

    void badLinesAreReportedByLineNumber()
    {
        QFETCH(QByteArray, text);
        QFETCH(int, line);
        QFETCH(QString, message);
        const auto parsed = HubConfigFile::parse(text);
        QVERIFY(!parsed.ok());
        QCOMPARE(parsed.error().lineErrors.size(), 1);
        QCOMPARE(parsed.error().lineErrors.first().line, line);
        QVERIFY2(parsed.error().lineErrors.first().message.contains(message),
                 qPrintable(parsed.error().lineErrors.first().message));
        // The secret itself is never repeated back.
        QVERIFY(!parsed.error().message.contains(u"s3cret"_s));
    }

    void everyBadLineIsReportedAtOnce()
    {
        const auto parsed = HubConfigFile::parse("foo = 1\nfactory = a\nbar\n");
        QVERIFY(!parsed.ok());
        QCOMPARE(parsed.error().lineErrors.size(), 2);
        QCOMPARE(parsed.error().lineErrors.at(0).line, 1);
        QCOMPARE(parsed.error().lineErrors.at(1).line, 3);
    }

    void notUtf8() { QVERIFY(!HubConfigFile::parse("factory = \xff\xfe\n").ok()); }

    void loadNamesTheFileAndLine()
    {
        const QString path = write(u"bad.conf"_s, "factory = a\n\nport = \n");
        const auto loaded = HubConfigFile::load(path);
        QVERIFY(!loaded.ok());
        QVERIFY2(loaded.error().message.startsWith(path + u":3: "_s), qPrintable(loaded.error().message));
        const auto missing = HubConfigFile::load(m_dir.filePath(u"none.conf"_s));
        QVERIFY(!missing.ok());
        QCOMPARE(missing.error().code, ErrorCode::NotFound);
    }

    // The shipped file documents every key (commented out, with its default) and
    // sets none: a fresh install changes nothing by itself.
    void shippedFileDocumentsEveryKey()
    {
        const QString path = qEnvironmentVariable("FVPN_SOURCE_DIR") + u"/resources/hub/hub.conf"_s;
        QFile file(path);
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(path));
        const QByteArray text = file.readAll();
        const auto parsed = HubConfigFile::parse(text);
        QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().message));
        QVERIFY(parsed->isEmpty());
        for (const HubConfigFile::Key &key : HubConfigFile::keys()) {
            const QRegularExpression commented(u"^# %1 =( |$)"_s.arg(QRegularExpression::escape(key.name)),
                                               QRegularExpression::MultilineOption);
            QVERIFY2(commented.match(QString::fromUtf8(text)).hasMatch(), qPrintable(key.name));
        }
        // Uncommenting the documented defaults gives a file the hub accepts.
        QByteArray uncommented;
        for (const QByteArray &line : text.split('\n')) {
            for (const HubConfigFile::Key &key : HubConfigFile::keys()) {
                const QByteArray prefix = QByteArray("# ") + key.name.toUtf8() + QByteArray(" = ");
                if (line.startsWith(prefix) && !line.trimmed().endsWith('='))
                    uncommented += line.mid(2) + '\n';
            }
        }
        const auto defaults = HubConfigFile::parse(uncommented);
        QVERIFY2(defaults.ok(), qPrintable(defaults.ok() ? QString() : defaults.error().message));
        QVERIFY(defaults->size() > 15);
    }

    // Each key of the hub's own part is an option of HubCommandLine with the same
    // short name (the API's keys are checked against the binary in tst_hubconfig).
    void keysAreHubOptions()
    {
        const QString help = HubCommandLine::helpText();
        for (const HubConfigFile::Key &key : HubConfigFile::keys()) {
            static const QStringList apiKeys {
                u"public-listen"_s,  u"admin-listen"_s, u"tls-cert"_s,           u"tls-key"_s,
                u"public-url"_s,     u"max-pending"_s,  u"registration-burst"_s, u"no-api"_s,
                u"directory-port"_s, u"ssh-user"_s,     u"metrics-listen"_s
            };
            if (apiKeys.contains(key.name))
                continue;
            QVERIFY2(help.contains(u"--"_s + key.name + u' ') || help.contains(u"--"_s + key.name + u'\n'),
                     qPrintable(key.name));
            if (!key.shortName.isNull())
                QVERIFY2(help.contains(u"-%1, --%2"_s.arg(key.shortName).arg(key.name)),
                         qPrintable(key.name));
        }
    }

    void mergePutsTheFileFirstAndTheCommandLineWins()
    {
        const QString path = write(u"hub.conf"_s,
                                   "factory = acme\n"
                                   "privatekey = /etc/k\n"
                                   "interval = 60\n"
                                   "port = 5555\n"
                                   "no-sysctl = true\n"
                                   "allow-device-to-device = false\n"
                                   "admin-listen = 127.0.0.1:8444\n"
                                   "admin-listen = 10.0.0.1:8444\n"
                                   "log-level = info\n");
        const auto merged = HubConfigFile::merge(
            split(u"--config %1 -i 5 --log-level=debug -f other --admin-listen [::1]:9 daemon"_s.arg(path)));
        QVERIFY(merged.ok());
        QCOMPARE(merged->configPath, path);
        QVERIFY(!merged->checkOnly);
        QCOMPARE(merged->arguments,
                 split(u"--privatekey=/etc/k --port=5555 --no-sysctl -i 5 --log-level=debug -f other "
                       "--admin-listen [::1]:9 daemon"_s));
        QCOMPARE(merged->origin(u"factory"_s), u"command line"_s);
        QCOMPARE(merged->origin(u"privatekey"_s), u"hub.conf line 2"_s);
        QCOMPARE(merged->origin(u"admin-listen"_s), u"command line"_s);
        QCOMPARE(merged->origin(u"state-dir"_s), u"default"_s);
    }

    void mergeKnowsWhichArgumentIsAValue()
    {
        // "-k daemon" would be odd, but "daemon" here is the key file's name, not the command.
        const QString path = write(u"v.conf"_s, "factory = acme\n");
        const auto merged = HubConfigFile::merge(split(u"--check-config --config %1 -k daemon"_s.arg(path)));
        QVERIFY(merged.ok());
        QVERIFY(merged->checkOnly);
        QCOMPARE(merged->arguments, split(u"--factory=acme -k daemon daemon"_s));
        // A compacted short option (-facme) counts as -f.
        const auto compact = HubConfigFile::merge(split(u"--config %1 -fother daemon"_s.arg(path)));
        QVERIFY(compact.ok());
        QCOMPARE(compact->arguments, split(u"-fother daemon"_s));
    }

    void theCommandLinesSourceOfDevicesReplacesTheFiles()
    {
        const QString path
            = write(u"source.conf"_s, "factory = acme\napitoken-file = /etc/t\ninventory = /i.json\n");
        const auto token = HubConfigFile::merge(split(u"--config %1 -t tok daemon"_s.arg(path)));
        QVERIFY(token.ok());
        QCOMPARE(token->arguments, split(u"--factory=acme -t tok daemon"_s));
        const auto oauth
            = HubConfigFile::merge(split(u"--config %1 --oauthcreds=/c.json daemon"_s.arg(path)));
        QVERIFY(oauth.ok());
        QCOMPARE(oauth->arguments, split(u"--factory=acme --oauthcreds=/c.json daemon"_s));
        QCOMPARE(oauth->origin(u"apitoken-file"_s), u"default"_s);
    }

    void mergeWithoutConfigChangesNothing()
    {
        const QStringList args = split(u"-t tok -f acme -k k daemon"_s);
        const auto merged = HubConfigFile::merge(args);
        QVERIFY(merged.ok());
        QCOMPARE(merged->arguments, args);
        QVERIFY(merged->configPath.isEmpty());
    }

    void checkConfigDefaultsToTheServiceFile()
    {
        const auto merged = HubConfigFile::merge({ u"--check-config"_s });
        // /etc/factory-vpn/hub.conf: absent on a build machine, present where installed.
        if (merged.ok()) {
            QCOMPARE(merged->configPath, HubConfigFile::DefaultPath.toString());
            QCOMPARE(merged->arguments.last(), u"daemon"_s);
        } else {
            QVERIFY2(merged.error().message.contains(HubConfigFile::DefaultPath.toString()),
                     qPrintable(merged.error().message));
        }
    }

    void mergeErrors()
    {
        const QString path = write(u"e.conf"_s, "factory = acme\n");
        QVERIFY(!HubConfigFile::merge(split(u"--config %1 --config %1 daemon"_s.arg(path))).ok());
        QVERIFY(!HubConfigFile::merge({ u"--config"_s }).ok());
        QVERIFY(!HubConfigFile::merge({ u"--config="_s, u"daemon"_s }).ok());
        const auto bad = HubConfigFile::merge(split(u"--config %1 daemon"_s.arg(write(u"b.conf"_s, "x\n"))));
        QVERIFY(!bad.ok());
        QVERIFY(bad.error().message.contains(u":1: "_s));
    }

    void explainNamesTheLineOfABadValue()
    {
        const QString path = write(u"hub.conf"_s, "factory = acme\n\ninterval = soon\n");
        const auto merged = HubConfigFile::merge(split(u"--config %1 -t x -k k daemon"_s.arg(path)));
        QVERIFY(merged.ok());
        const auto parsed = HubCommandLine::parse(merged->arguments);
        QVERIFY(!parsed.ok());
        const QString explained = merged->explain(parsed.error().message);
        QVERIFY2(explained.startsWith(u"hub.conf line 3 (interval): --interval: 'soon'"_s),
                 qPrintable(explained));
        // A message about an option that came from the command line is left alone,
        // apart from saying where the options came from.
        const QString other = merged->explain(u"--privatekey (-k) is required"_s);
        QVERIFY2(other.startsWith(u"--privatekey (-k) is required (options from the command line and "_s),
                 qPrintable(other));
        // A prefix of another option's name does not count: --port is not --port-x.
        QVERIFY(!merged->explain(u"--intervals"_s).startsWith(u"hub.conf"_s));
    }

    void withValuesKeepsTheRestByteForByte()
    {
        const QByteArray before = "# Factory VPN hub\n"
                                  "\n"
                                  "# The FoundriesFactory name.\n"
                                  "# factory =\n"
                                  "\n"
                                  "  # privatekey = /etc/factory-vpn/hub.key\n"
                                  "apitoken-file = /old\n"
                                  "log-level = debug\n"
                                  "apitoken-file = /older\n";
        const QByteArray after = HubConfigFile::withValues(before,
                                                           { { u"factory"_s, u"acme"_s },
                                                             { u"privatekey"_s, u"/etc/k"_s },
                                                             { u"apitoken-file"_s, QString() },
                                                             { u"interval"_s, u"60"_s } });
        QCOMPARE(after,
                 QByteArray("# Factory VPN hub\n"
                            "\n"
                            "# The FoundriesFactory name.\n"
                            "factory = acme\n"
                            "\n"
                            "privatekey = /etc/k\n"
                            "log-level = debug\n"
                            "interval = 60\n"));
        // Setting a value twice replaces it; no duplicate appears.
        const QByteArray again = HubConfigFile::withValues(after, { { u"interval"_s, u"30"_s } });
        QCOMPARE(again.count("interval ="), 1);
        QVERIFY(again.contains("interval = 30\n"));
        QCOMPARE(HubConfigFile::withValues({}, { { u"factory"_s, u"x"_s } }), QByteArray("factory = x\n"));
        QCOMPARE(HubConfigFile::withValues("factory = y", { { u"factory"_s, u"x"_s } }),
                 QByteArray("factory = x\n"));
    }
};

QTEST_GUILESS_MAIN(TestHubConfigFile)
#include "tst_hubconfigfile.moc"
