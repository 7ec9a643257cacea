#include "HubCommandLine.h"

#include <QtTest>

using namespace fvpn;
using namespace Qt::StringLiterals;

class TestHubCommandLine : public QObject
{
    Q_OBJECT

private:
    static QStringList split(const QString &line) { return line.split(u' ', Qt::SkipEmptyParts); }

private Q_SLOTS:
    void upstreamDaemonLine()
    {
        const auto parsed = HubCommandLine::parse(split(u"-t tok -f acme -k /root/wg.key daemon"_s));
        QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().message));
        QCOMPARE(parsed->action, HubCommandLine::Action::Run);
        const HubOptions &o = parsed->options;
        QCOMPARE(o.command, HubOptions::Command::Daemon);
        QCOMPARE(o.apiToken, u"tok"_s);
        QCOMPARE(o.factory, u"acme"_s);
        QCOMPARE(o.interfaceName, u"fioacme"_s);
        QCOMPARE(o.privateKeyFile, u"/root/wg.key"_s);
        QCOMPARE(o.intervalSecs, 300);
        QCOMPARE(o.port, quint16(5555));
        QCOMPARE(o.vpnAddress.toString(), u"10.42.42.1/24"_s);
        QCOMPARE(o.apiUrl, QUrl(u"https://api.foundries.io"_s));
        QCOMPARE(o.clientsFile, u"/etc/wireguard/factory-clients.conf"_s);
        QCOMPARE(o.stateDir, u"/var/lib/factory-vpn"_s);
        QCOMPARE(o.hostsFile, u"/etc/hosts"_s);
        QCOMPARE(o.logLevel, LogLevel::Info);
        QVERIFY(!o.noSysctl);
        QVERIFY(!o.allowDeviceToDevice);
        QVERIFY(!o.usesStaticInventory());
        QVERIFY(!o.publishesConfig());
    }

    void longFormsAndOptionsAfterCommand()
    {
        const auto parsed = HubCommandLine::parse(
            split(u"--oauthcreds /c.json --factory acme --intf-name wg7 --privatekey k --no-sysctl daemon "
                  "--interval 60 --api-url http://127.0.0.1:8080/ --log-level debug"_s));
        QVERIFY(parsed.ok());
        const HubOptions &o = parsed->options;
        QCOMPARE(o.oauthCredsFile, u"/c.json"_s);
        QVERIFY(o.apiToken.isEmpty());
        QCOMPARE(o.interfaceName, u"wg7"_s);
        QVERIFY(o.noSysctl);
        QCOMPARE(o.intervalSecs, 60);
        QCOMPARE(o.apiUrl, QUrl(u"http://127.0.0.1:8080"_s)); // trailing slash dropped: paths are appended
        QCOMPARE(o.logLevel, LogLevel::Debug);
    }

    void equalsSignForm()
    {
        const auto parsed
            = HubCommandLine::parse(split(u"--apitoken=tok --factory=acme -k k daemon --interval=7"_s));
        QVERIFY(parsed.ok());
        QCOMPARE(parsed->options.apiToken, u"tok"_s);
        QCOMPARE(parsed->options.intervalSecs, 7);
    }

    void staticInventory()
    {
        const auto parsed = HubCommandLine::parse(split(
            u"-f lab -k k --inventory /tmp/inv.json --vpnaddr 10.9.0.1/16 --port 51820 --endpoint 192.0.2.1 "
            "--clients-file /tmp/c.conf --state-dir /tmp/s --hosts-file /tmp/hosts --allow-device-to-device daemon"_s));
        QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().message));
        const HubOptions &o = parsed->options;
        QVERIFY(o.usesStaticInventory());
        QCOMPARE(o.inventoryFile, u"/tmp/inv.json"_s);
        QCOMPARE(o.vpnAddress.address().toString(), u"10.9.0.1"_s);
        QCOMPARE(o.vpnAddress.network().toString(), u"10.9.0.0/16"_s);
        QCOMPARE(o.port, quint16(51820));
        QVERIFY(o.endpoint.has_value());
        QCOMPARE(o.endpoint->toString(), u"192.0.2.1:51820"_s);
        QCOMPARE(o.clientsFile, u"/tmp/c.conf"_s);
        QCOMPARE(o.stateDir, u"/tmp/s"_s);
        QCOMPARE(o.hostsFile, u"/tmp/hosts"_s);
        QVERIFY(o.allowDeviceToDevice);
    }

    void enableCommand_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<QString>("endpoint");
        QTest::addColumn<int>("port");
        QTest::newRow("host and default port")
            << u"-t x -f acme -k k enable -e 203.0.113.7"_s << u"203.0.113.7:5555"_s << 5555;
        QTest::newRow("host and port") << u"-t x -f acme -k k enable --endpoint hub.example.com -p 6000"_s
                                       << u"hub.example.com:6000"_s << 6000;
        QTest::newRow("host:port form")
            << u"-t x -f acme -k k enable --endpoint 203.0.113.7:7000"_s << u"203.0.113.7:7000"_s << 7000;
        QTest::newRow("bracketed ipv6")
            << u"-t x -f acme -k k enable_run --endpoint [2001:db8::1]"_s << u"[2001:db8::1]:5555"_s << 5555;
        QTest::newRow("no-check-ip accepted")
            << u"-t x -f acme -k k --no-check-ip enable -e 203.0.113.7"_s << u"203.0.113.7:5555"_s << 5555;
    }
    void enableCommand()
    {
        QFETCH(QString, line);
        QFETCH(QString, endpoint);
        QFETCH(int, port);
        const auto parsed = HubCommandLine::parse(split(line));
        QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().message));
        QVERIFY(parsed->options.publishesConfig());
        QCOMPARE(parsed->options.endpoint->toString(), endpoint);
        QCOMPARE(int(parsed->options.port), port);
    }

    void updateEndpointCommand_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<QString>("endpoint");
        QTest::addColumn<bool>("endpointPortGiven");
        QTest::addColumn<bool>("portGiven");
        QTest::newRow("host only") << u"-t x -f acme -k k update_endpoint -e 198.51.100.9"_s
                                   << u"198.51.100.9:5555"_s << false << false;
        QTest::newRow("host:port") << u"-t x -f acme -k k update_endpoint -e 198.51.100.9:6000"_s
                                   << u"198.51.100.9:6000"_s << true << false;
        QTest::newRow("host and --port")
            << u"-a c -f acme -k k update_endpoint --endpoint hub.example.com -p 6001"_s
            << u"hub.example.com:6001"_s << false << true;
        QTest::newRow("ipv6 with port")
            << u"-t x -f acme -k k update_endpoint --endpoint [2001:db8::1]:5555"_s << u"[2001:db8::1]:5555"_s
            << true << false;
        QTest::newRow("ipv6 bare") << u"-t x -f acme -k k update_endpoint -e 2001:db8::1"_s
                                   << u"[2001:db8::1]:5555"_s << false << false;
        QTest::newRow("options after the command") << u"update_endpoint -t x -f acme -k k -e 198.51.100.9"_s
                                                   << u"198.51.100.9:5555"_s << false << false;
    }
    void updateEndpointCommand()
    {
        QFETCH(QString, line);
        QFETCH(QString, endpoint);
        QFETCH(bool, endpointPortGiven);
        QFETCH(bool, portGiven);
        const auto parsed = HubCommandLine::parse(split(line));
        QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().message));
        const HubOptions &o = parsed->options;
        QCOMPARE(o.command, HubOptions::Command::UpdateEndpoint);
        QVERIFY(!o.runsDaemon());
        QVERIFY(!o.publishesConfig());
        QCOMPARE(o.endpoint->toString(), endpoint);
        QCOMPARE(o.endpointPortGiven, endpointPortGiven);
        QCOMPARE(o.portGiven, portGiven);
    }

    void commandsRunTheRightParts_data()
    {
        QTest::addColumn<QString>("command");
        QTest::addColumn<bool>("runsDaemon");
        QTest::addColumn<bool>("publishesConfig");
        QTest::newRow("daemon") << u"daemon"_s << true << false;
        QTest::newRow("enable") << u"enable"_s << false << true;
        QTest::newRow("enable_run") << u"enable_run"_s << true << true;
        QTest::newRow("update_endpoint") << u"update_endpoint"_s << false << false;
    }
    void commandsRunTheRightParts()
    {
        QFETCH(QString, command);
        QFETCH(bool, runsDaemon);
        QFETCH(bool, publishesConfig);
        const QString endpoint = command == u"daemon" ? QString() : u" -e 192.0.2.1"_s;
        const auto parsed = HubCommandLine::parse(split(u"-t x -f acme -k k "_s + command + endpoint));
        QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().message));
        QCOMPARE(parsed->options.runsDaemon(), runsDaemon);
        QCOMPARE(parsed->options.publishesConfig(), publishesConfig);
    }

    void helpAndVersion()
    {
        auto help = HubCommandLine::parse({ u"--help"_s });
        QVERIFY(help.ok());
        QCOMPARE(help->action, HubCommandLine::Action::ShowHelp);
        help = HubCommandLine::parse({ u"-h"_s });
        QCOMPARE(help->action, HubCommandLine::Action::ShowHelp);
        const auto version = HubCommandLine::parse({ u"--version"_s });
        QCOMPARE(version->action, HubCommandLine::Action::ShowVersion);
        QVERIFY(HubCommandLine::helpText().contains(u"--allow-device-to-device"_s));
        QVERIFY(HubCommandLine::helpText().contains(u"update_endpoint"_s));
    }

    void interfaceNameLimits()
    {
        // 12 characters still fit behind "fio"...
        auto parsed = HubCommandLine::parse(split(u"-t x -f abcdefghijkl -k k daemon"_s));
        QVERIFY(parsed.ok());
        QCOMPARE(parsed->options.interfaceName, u"fioabcdefghijkl"_s);
        // ...13 do not, unless a name is given.
        parsed = HubCommandLine::parse(split(u"-t x -f abcdefghijklm -k k daemon"_s));
        QVERIFY(!parsed.ok());
        QVERIFY(parsed.error().message.contains(u"--intf-name"_s));
        parsed = HubCommandLine::parse(split(u"-t x -f abcdefghijklm -n fioabc -k k daemon"_s));
        QVERIFY(parsed.ok());
        QCOMPARE(parsed->options.interfaceName, u"fioabc"_s);
    }

    void rejectsBadInput_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<QString>("messagePart");
        QTest::newRow("empty") << QString() << u"no command"_s;
        QTest::newRow("no command") << u"-t x -f acme -k k"_s << u"no command"_s;
        QTest::newRow("unknown command") << u"-t x -f acme -k k serve"_s << u"unknown command 'serve'"_s;
        QTest::newRow("two commands")
            << u"-t x -f acme -k k daemon enable"_s << u"unexpected argument 'enable'"_s;
        QTest::newRow("unknown option") << u"-t x -f acme -k k --frobnicate daemon"_s << u"frobnicate"_s;
        QTest::newRow("missing value") << u"-f acme -k k daemon -t"_s << u"t"_s;
        QTest::newRow("no factory") << u"-t x -k k daemon"_s << u"--factory (-f) is required"_s;
        QTest::newRow("bad factory") << u"-t x -f ac/me -k k daemon"_s << u"--factory: 'ac/me'"_s;
        QTest::newRow("no key") << u"-t x -f acme daemon"_s << u"--privatekey (-k) is required"_s;
        QTest::newRow("no auth") << u"-f acme -k k daemon"_s << u"--apitoken (-t) or --oauthcreds (-a)"_s;
        QTest::newRow("both auths") << u"-t x -a c -f acme -k k daemon"_s << u"cannot be used together"_s;
        QTest::newRow("token twice") << u"-t x -t y -f acme -k k daemon"_s << u"more than once"_s;
        QTest::newRow("inventory and token")
            << u"-t x --inventory i -f acme -k k daemon"_s << u"do not combine"_s;
        QTest::newRow("inventory with enable")
            << u"--inventory i -f acme -k k enable -e 192.0.2.1"_s << u"only works with 'daemon'"_s;
        QTest::newRow("long interface") << u"-t x -f acme -n abcdefghijklmnop -k k daemon"_s
                                        << u"16 characters long; Linux allows at most 15"_s;
        QTest::newRow("interface with slash")
            << u"-t x -f acme -n wg/0 -k k daemon"_s << u"--intf-name: 'wg/0'"_s;
        QTest::newRow("interval zero") << u"-t x -f acme -k k daemon --interval 0"_s << u"--interval: '0'"_s;
        QTest::newRow("interval text") << u"-t x -f acme -k k daemon -i soon"_s << u"--interval: 'soon'"_s;
        QTest::newRow("port zero") << u"--inventory i -f acme -k k daemon --port 0"_s << u"--port: '0'"_s;
        QTest::newRow("port too big")
            << u"--inventory i -f acme -k k daemon --port 70000"_s << u"--port: '70000'"_s;
        QTest::newRow("bad vpnaddr") << u"--inventory i -f acme -k k daemon --vpnaddr 10.42.42"_s
                                     << u"--vpnaddr"_s;
        QTest::newRow("ipv6 vpnaddr")
            << u"--inventory i -f acme -k k daemon --vpnaddr fd00::1/64"_s << u"not an IPv4 address"_s;
        QTest::newRow("vpnaddr network")
            << u"--inventory i -f acme -k k daemon --vpnaddr 10.42.42.0/24"_s << u"network or broadcast"_s;
        QTest::newRow("vpnaddr /32") << u"--inventory i -f acme -k k daemon --vpnaddr 10.42.42.1/32"_s
                                     << u"no room for peers"_s;
        QTest::newRow("api mode with vpnaddr")
            << u"-t x -f acme -k k daemon --vpnaddr 10.1.1.1"_s << u"come from the factory config"_s;
        QTest::newRow("enable without endpoint") << u"-t x -f acme -k k enable"_s << u"needs --endpoint"_s;
        QTest::newRow("endpoint port clash") << u"-t x -f acme -k k enable -e 192.0.2.1:7000 -p 6000"_s
                                             << u"names port 7000 but --port is 6000"_s;
        QTest::newRow("bad endpoint")
            << u"-t x -f acme -k k enable -e bad_host!"_s << u"--endpoint: 'bad_host!'"_s;
        QTest::newRow("inventory with update_endpoint")
            << u"--inventory i -f acme -k k update_endpoint -e 192.0.2.1"_s
            << u"'update_endpoint' changes the factory config through the Foundries API"_s;
        QTest::newRow("update_endpoint without endpoint")
            << u"-t x -f acme -k k update_endpoint"_s << u"'update_endpoint' needs --endpoint"_s;
        QTest::newRow("update_endpoint bad host")
            << u"-t x -f acme -k k update_endpoint -e bad_host!"_s << u"--endpoint: 'bad_host!'"_s;
        QTest::newRow("update_endpoint bad port")
            << u"-t x -f acme -k k update_endpoint -e 192.0.2.1:0"_s << u"--endpoint: '192.0.2.1:0'"_s;
        QTest::newRow("update_endpoint unclosed bracket")
            << u"-t x -f acme -k k update_endpoint -e [2001:db8::1:5555"_s << u"--endpoint"_s;
        QTest::newRow("update_endpoint port clash")
            << u"-t x -f acme -k k update_endpoint -e [2001:db8::1]:7000 -p 6000"_s
            << u"names port 7000 but --port is 6000"_s;
        QTest::newRow("update_endpoint with vpnaddr")
            << u"-t x -f acme -k k update_endpoint -e 192.0.2.1 -v 10.1.1.1"_s
            << u"changes only the endpoint"_s;
        QTest::newRow("unknown command lists update_endpoint")
            << u"-t x -f acme -k k update-endpoint"_s << u"or 'update_endpoint'"_s;
        QTest::newRow("bad api url") << u"-t x -f acme -k k daemon --api-url ftp://x"_s << u"--api-url"_s;
        QTest::newRow("api url with query")
            << u"-t x -f acme -k k daemon --api-url https://x/?a=1"_s << u"--api-url"_s;
        QTest::newRow("bad log level")
            << u"-t x -f acme -k k daemon --log-level loud"_s << u"--log-level: 'loud'"_s;
        QTest::newRow("empty state dir")
            << u"-t x -f acme -k k daemon --state-dir="_s << u"--state-dir needs a path"_s;
    }
    void rejectsBadInput()
    {
        QFETCH(QString, line);
        QFETCH(QString, messagePart);
        const auto parsed = HubCommandLine::parse(split(line));
        QVERIFY2(!parsed.ok(), qPrintable(line));
        QCOMPARE(parsed.error().code, ErrorCode::InvalidInput);
        QVERIFY2(parsed.error().message.contains(messagePart), qPrintable(parsed.error().message));
    }

    void emptyInterfaceNameArgument()
    {
        const auto parsed = HubCommandLine::parse(
            { u"-t"_s, u"x"_s, u"-f"_s, u"acme"_s, u"-n"_s, u"has space"_s, u"-k"_s, u"k"_s, u"daemon"_s });
        QVERIFY(!parsed.ok());
        QVERIFY(parsed.error().message.contains(u"'has space'"_s));
    }

    void tokenNeverInErrors()
    {
        const auto parsed = HubCommandLine::parse(split(u"-t s3cr3t-token -f acme -k k daemon --bogus"_s));
        QVERIFY(!parsed.ok());
        QVERIFY(!parsed.error().message.contains(u"s3cr3t"_s));
    }
};

QTEST_GUILESS_MAIN(TestHubCommandLine)
#include "tst_hubcommandline.moc"
