#include "HubConfigFile.h"
#include "ServiceInstaller.h"

#include <QtTest>

#include <sys/stat.h>

using namespace fvpn;
using namespace Qt::StringLiterals;

class TestServiceInstaller : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    ServiceInstaller::Paths paths(const QString &systemctlScript)
    {
        const QString systemctl = m_dir.filePath(u"systemctl"_s);
        QFile file(systemctl);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            qFatal("cannot write the fake systemctl");
        file.write(systemctlScript.toUtf8());
        file.close();
        file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        ServiceInstaller::Paths p;
        p.configFile = m_dir.filePath(u"etc/hub.conf"_s);
        p.tokenFile = m_dir.filePath(u"etc/api-token"_s);
        p.unitFiles = { m_dir.filePath(u"factory-vpn-hub.service"_s) };
        p.systemctl = systemctl;
        return p;
    }

    static HubOptions options()
    {
        HubOptions o;
        o.factory = u"acme"_s;
        o.interfaceName = u"fioacme"_s;
        o.privateKeyFile = u"/etc/factory-vpn/hub.key"_s;
        o.apiToken = u"tok-secret"_s;
        o.apiUrl = QUrl(u"https://api.foundries.io"_s);
        o.stateDir = u"/var/lib/factory-vpn"_s;
        return o;
    }

    static QByteArray read(const QString &path)
    {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

private Q_SLOTS:
    void onlyWhereTheUnitIsInstalled()
    {
        const ServiceInstaller::Paths p = paths(u"#!/bin/sh\nexit 0\n"_s);
        QVERIFY(ServiceInstaller::installedUnit(p).isEmpty());
        QFile unit(p.unitFiles.first());
        QVERIFY(unit.open(QIODevice::WriteOnly));
        unit.close();
        QCOMPARE(ServiceInstaller::installedUnit(p), p.unitFiles.first());
        qputenv("FVPN_SYSTEMD_UNIT", "/nonexistent/unit.service");
        QVERIFY(ServiceInstaller::installedUnit(ServiceInstaller::defaultPaths()).isEmpty());
        qunsetenv("FVPN_SYSTEMD_UNIT");
        QCOMPARE(ServiceInstaller::defaultPaths().configFile, u"/etc/factory-vpn/hub.conf"_s);
        QCOMPARE(ServiceInstaller::defaultPaths().tokenFile, u"/etc/factory-vpn/api-token"_s);
    }

    // The token given with -t ends up in a 0600 file, hub.conf names it, the
    // shipped comments stay, and the service is enabled and (re)started.
    void writesConfigTokenAndEnables()
    {
        const QString log = m_dir.filePath(u"systemctl.log"_s);
        const ServiceInstaller::Paths p = paths(u"#!/bin/sh\necho \"$*\" >> '%1'\n"_s.arg(log));
        QDir().mkpath(m_dir.filePath(u"etc"_s));
        QFile shipped(qEnvironmentVariable("FVPN_SOURCE_DIR") + u"/resources/hub/hub.conf"_s);
        QVERIFY(shipped.open(QIODevice::ReadOnly));
        const QByteArray before = shipped.readAll();
        QFile config(p.configFile);
        QVERIFY(config.open(QIODevice::WriteOnly));
        config.write(before);
        config.close();

        const auto installed = ServiceInstaller::install(options(), { u"state-dir"_s }, p);
        QVERIFY2(installed.ok(), qPrintable(installed.ok() ? QString() : installed.error().message));
        QVERIFY(!installed->contains(u"tok-secret"_s));

        QCOMPARE(read(p.tokenFile), QByteArray("tok-secret\n"));
        struct stat st
        {
        };
        QCOMPARE(::stat(QFile::encodeName(p.tokenFile).constData(), &st), 0);
        QCOMPARE(st.st_mode & 07777, mode_t(0600));

        const QByteArray after = read(p.configFile);
        QVERIFY(!after.contains("tok-secret"));
        const auto entries = HubConfigFile::parse(after);
        QVERIFY2(entries.ok(), qPrintable(entries.ok() ? QString() : entries.error().message));
        QStringList set;
        for (const HubConfigFile::Entry &e : *entries)
            set << e.key + u'=' + e.value;
        QCOMPARE(set,
                 (QStringList {
                     u"factory=acme"_s, u"intf-name=fioacme"_s, u"privatekey=/etc/factory-vpn/hub.key"_s,
                     u"apitoken-file=%1"_s.arg(p.tokenFile), u"state-dir=/var/lib/factory-vpn"_s }));
        // Only the changed lines differ: every comment of the shipped file is still there.
        for (const QByteArray &line : before.split('\n')) {
            if (line.startsWith("# ") && !line.contains(" = ") && !line.endsWith(" ="))
                QVERIFY2(after.contains(line), line.constData());
        }
        QCOMPARE(read(log), QByteArray("enable factory-vpn-hub.service\nrestart factory-vpn-hub.service\n"));
    }

    void switchingToOauthDropsTheTokenFile()
    {
        const ServiceInstaller::Paths p = paths(u"#!/bin/sh\nexit 0\n"_s);
        QDir().mkpath(m_dir.filePath(u"etc"_s));
        QFile config(p.configFile);
        QVERIFY(config.open(QIODevice::WriteOnly | QIODevice::Truncate));
        config.write("factory = acme\napitoken-file = /etc/factory-vpn/api-token\n");
        config.close();
        HubOptions o = options();
        o.apiToken.clear();
        o.oauthCredsFile = u"/var/lib/factory-vpn/oauth.json"_s;
        QVERIFY(ServiceInstaller::install(o, {}, p).ok());
        const QByteArray after = read(p.configFile);
        QVERIFY(!after.contains("apitoken-file"));
        QVERIFY(after.contains("oauthcreds = /var/lib/factory-vpn/oauth.json\n"));
    }

    void systemctlFailureIsReported()
    {
        const ServiceInstaller::Paths p
            = paths(u"#!/bin/sh\necho 'System has not been booted with systemd' >&2\nexit 1\n"_s);
        const auto installed = ServiceInstaller::install(options(), {}, p);
        QVERIFY(!installed.ok());
        QVERIFY2(installed.error().message.contains(u"settings written to"_s)
                     && installed.error().message.contains(u"systemctl enable factory-vpn-hub.service"_s)
                     && installed.error().message.contains(u"not been booted"_s),
                 qPrintable(installed.error().message));
    }
};

QTEST_GUILESS_MAIN(TestServiceInstaller)
#include "tst_serviceinstaller.moc"
