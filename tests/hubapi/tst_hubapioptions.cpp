#include "HubApiOptions.h"

#include <QtTest>

using namespace fvpn;

class TestHubApiOptions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaults()
    {
        QStringList args { u"-f"_qs, u"acme"_qs, u"daemon"_qs };
        auto o = HubApiOptions::extract(args);
        QVERIFY(o.ok());
        QCOMPARE(args, (QStringList { u"-f"_qs, u"acme"_qs, u"daemon"_qs }));
        QVERIFY(o->publicListen);
        QCOMPARE(o->publicListen->toString(), u"0.0.0.0:8443"_qs);
        const auto admin = o->adminAddresses(IpAddress::parse(u"10.42.42.1").value());
        QCOMPARE(admin.size(), 2);
        QCOMPARE(admin[0].toString(), u"10.42.42.1:8444"_qs);
        QCOMPARE(admin[1].toString(), u"127.0.0.1:8444"_qs);
        QCOMPARE(o->maxPending, 200);
        QCOMPARE(o->directoryPort, std::optional<quint16>(8445));
        QVERIFY(o->sshUser.isEmpty());
    }

    void directoryOptions()
    {
        QStringList args { u"--directory-port"_qs, u"9445"_qs, u"--ssh-user=fio"_qs, u"daemon"_qs };
        auto o = HubApiOptions::extract(args);
        QVERIFY(o.ok());
        QCOMPARE(args, QStringList { u"daemon"_qs });
        QCOMPARE(o->directoryPort, std::optional<quint16>(9445));
        QCOMPARE(o->sshUser, u"fio"_qs);
        args = QStringList { u"--directory-port=none"_qs };
        o = HubApiOptions::extract(args);
        QVERIFY(o.ok());
        QVERIFY(!o->directoryPort);
        // A specific address on the directory's port is fine (only the VPN address is taken).
        args = QStringList { u"--admin-listen"_qs, u"127.0.0.1:8445"_qs };
        QVERIFY(HubApiOptions::extract(args).ok());
    }

    void takesItsOptionsOut()
    {
        QStringList args { u"-f"_qs,
                           u"acme"_qs,
                           u"--public-listen"_qs,
                           u"192.0.2.1:9443"_qs,
                           u"--admin-listen=[::1]:9444"_qs,
                           u"--admin-listen"_qs,
                           u"10.42.42.1:9444"_qs,
                           u"--tls-cert"_qs,
                           u"/etc/c.pem"_qs,
                           u"--tls-key=/etc/k.pem"_qs,
                           u"--public-url"_qs,
                           u"https://vpn.example.com:9443"_qs,
                           u"--max-pending"_qs,
                           u"7"_qs,
                           u"--registration-burst=50"_qs,
                           u"daemon"_qs,
                           u"--interval"_qs,
                           u"60"_qs };
        auto o = HubApiOptions::extract(args);
        QVERIFY2(o.ok(), qPrintable(o.ok() ? QString() : o.error().message));
        QCOMPARE(args, (QStringList { u"-f"_qs, u"acme"_qs, u"daemon"_qs, u"--interval"_qs, u"60"_qs }));
        QCOMPARE(o->publicListen->toString(), u"192.0.2.1:9443"_qs);
        QCOMPARE(o->adminListen.size(), 2);
        QCOMPARE(o->adminListen[0].toString(), u"[::1]:9444"_qs);
        QCOMPARE(o->tlsCert, u"/etc/c.pem"_qs);
        QCOMPARE(o->tlsKey, u"/etc/k.pem"_qs);
        QCOMPARE(o->publicUrl, QUrl(u"https://vpn.example.com:9443"_qs));
        QCOMPARE(o->maxPending, 7);
        QCOMPARE(o->registrationBurst, 50);
        QCOMPARE(o->adminAddresses(IpAddress::parse(u"10.0.0.1").value()), o->adminListen);
    }

    void noPublicListener()
    {
        QStringList args { u"--public-listen"_qs, u"none"_qs, u"--no-api"_qs };
        auto o = HubApiOptions::extract(args);
        QVERIFY(o.ok());
        QVERIFY(!o->publicListen);
        QVERIFY(o->disabled);
        QVERIFY(args.isEmpty());
    }

    void metricsListener_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("expected");
        QTest::newRow("IPv4 loopback")
            << QStringList { u"--metrics-listen"_qs, u"127.0.0.1:8445"_qs } << u"127.0.0.1:8445"_qs;
        QTest::newRow("elsewhere in 127/8")
            << QStringList { u"--metrics-listen=127.1.2.3:9100"_qs } << u"127.1.2.3:9100"_qs;
        QTest::newRow("IPv6 loopback")
            << QStringList { u"--metrics-listen"_qs, u"[::1]:8445"_qs } << u"[::1]:8445"_qs;
        QTest::newRow("an admin address, named")
            << QStringList { u"--admin-listen"_qs, u"10.42.42.1:8444"_qs, u"--metrics-listen"_qs,
                             u"10.42.42.1:8445"_qs }
            << u"10.42.42.1:8445"_qs;
        QTest::newRow("none") << QStringList {} << QString();
    }
    void metricsListener()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, expected);
        auto o = HubApiOptions::extract(args);
        QVERIFY2(o.ok(), o.ok() ? "" : qPrintable(o.error().message));
        QCOMPARE(o->metricsListen ? o->metricsListen->toString() : QString(), expected);
        QVERIFY(!args.contains(u"--metrics-listen"_qs));
    }

    void refuses_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("missing value") << QStringList { u"--public-listen"_qs };
        QTest::newRow("no port") << QStringList { u"--public-listen"_qs, u"0.0.0.0"_qs };
        QTest::newRow("port zero") << QStringList { u"--public-listen"_qs, u"0.0.0.0:0"_qs };
        QTest::newRow("port too big") << QStringList { u"--admin-listen"_qs, u"127.0.0.1:70000"_qs };
        QTest::newRow("host name") << QStringList { u"--admin-listen"_qs, u"localhost:8444"_qs };
        QTest::newRow("unbracketed IPv6") << QStringList { u"--admin-listen"_qs, u"::1:8444"_qs };
        QTest::newRow("cert without key") << QStringList { u"--tls-cert"_qs, u"/c"_qs };
        QTest::newRow("bad url") << QStringList { u"--public-url"_qs, u"ftp://x"_qs };
        QTest::newRow("url with path") << QStringList { u"--public-url"_qs, u"https://x/api"_qs };
        QTest::newRow("pending zero") << QStringList { u"--max-pending"_qs, u"0"_qs };
        QTest::newRow("burst text") << QStringList { u"--registration-burst"_qs, u"many"_qs };
        QTest::newRow("admin on the public socket")
            << QStringList { u"--public-listen"_qs, u"0.0.0.0:8443"_qs, u"--admin-listen"_qs,
                             u"10.42.42.1:8443"_qs };
        QTest::newRow("metrics on every address")
            << QStringList { u"--metrics-listen"_qs, u"0.0.0.0:8445"_qs };
        QTest::newRow("metrics on IPv6 wildcard") << QStringList { u"--metrics-listen"_qs, u"[::]:8445"_qs };
        QTest::newRow("metrics on an address nobody named")
            << QStringList { u"--metrics-listen"_qs, u"10.42.42.1:8445"_qs };
        QTest::newRow("metrics on the admin socket")
            << QStringList { u"--metrics-listen"_qs, u"127.0.0.1:8444"_qs };
        QTest::newRow("metrics on the public wildcard port")
            << QStringList { u"--metrics-listen"_qs, u"127.0.0.1:8443"_qs };
        QTest::newRow("metrics without a value") << QStringList { u"--metrics-listen"_qs };
        QTest::newRow("admin wildcard on the public port")
            << QStringList { u"--public-listen"_qs, u"192.0.2.1:8443"_qs, u"--admin-listen"_qs,
                             u"0.0.0.0:8443"_qs };
        QTest::newRow("directory port zero") << QStringList { u"--directory-port"_qs, u"0"_qs };
        QTest::newRow("directory port text") << QStringList { u"--directory-port"_qs, u"web"_qs };
        QTest::newRow("public wildcard on the directory port")
            << QStringList { u"--public-listen"_qs, u"0.0.0.0:8445"_qs };
        QTest::newRow("admin wildcard on the directory port")
            << QStringList { u"--admin-listen"_qs, u"[::]:9000"_qs, u"--directory-port"_qs, u"9000"_qs };
        QTest::newRow("ssh user with a space") << QStringList { u"--ssh-user"_qs, u"fio x"_qs };
        QTest::newRow("ssh user option-like") << QStringList { u"--ssh-user"_qs, u"-oProxyCommand=x"_qs };
        QTest::newRow("ssh user with @") << QStringList { u"--ssh-user"_qs, u"fio@evil"_qs };
        QTest::newRow("ssh user too long") << QStringList { u"--ssh-user"_qs, QString(33, u'a') };
        QTest::newRow("ssh user empty") << QStringList { u"--ssh-user="_qs };
    }
    void refuses()
    {
        QFETCH(QStringList, args);
        const QStringList before = args;
        auto o = HubApiOptions::extract(args);
        QVERIFY(!o.ok());
        QCOMPARE(o.error().code, ErrorCode::InvalidInput);
        QCOMPARE(args, before);
    }
};

QTEST_GUILESS_MAIN(TestHubApiOptions)
#include "tst_hubapioptions.moc"
