// The engineers' directory in process: the strict reading of HTTP Basic
// credentials, and the per-address rate limit (counted before any credential
// is checked). The whole route against the real hub: tst_directoryprocess.
#include "ApiTestFixture.h"
#include "DirectoryRoutes.h"
#include "HubApi.h"

#include <QtTest>

using namespace fvpn;

class TestDirectoryApi : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void basicCredentials_data()
    {
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("password");
        const QByteArray good = QByteArray("0123456789abcdef0123456789abcdef:s3cr:et").toBase64();
        QTest::newRow("plain") << "Basic " + good << true << u"0123456789abcdef0123456789abcdef"_qs
                               << u"s3cr:et"_qs;
        QTest::newRow("scheme case-insensitive")
            << "basic " + good << true << u"0123456789abcdef0123456789abcdef"_qs << u"s3cr:et"_qs;
        QTest::newRow("several spaces, OWS around")
            << " Basic   " + good + "\t" << true << u"0123456789abcdef0123456789abcdef"_qs << u"s3cr:et"_qs;
        QTest::newRow("empty") << QByteArray() << false << QString() << QString();
        QTest::newRow("bearer") << "Bearer " + good << false << QString() << QString();
        QTest::newRow("no credentials") << QByteArray("Basic ") << false << QString() << QString();
        QTest::newRow("no space") << "Basic" + good << false << QString() << QString();
        QTest::newRow("tab after scheme") << "Basic\t" + good << false << QString() << QString();
        QTest::newRow("not base64") << QByteArray("Basic a!b=") << false << QString() << QString();
        QTest::newRow("bad padding") << QByteArray("Basic YWJj=ZA==") << false << QString() << QString();
        QTest::newRow("no colon") << "Basic " + QByteArray("userpass").toBase64() << false << QString()
                                  << QString();
        QTest::newRow("empty user") << "Basic " + QByteArray(":pass").toBase64() << false << QString()
                                    << QString();
        QTest::newRow("empty password")
            << "Basic " + QByteArray("user:").toBase64() << false << QString() << QString();
        QTest::newRow("control character")
            << "Basic " + QByteArray("us\ner:pass").toBase64() << false << QString() << QString();
        QTest::newRow("too long") << "Basic " + QByteArray(600, 'A') << false << QString() << QString();
    }

    void basicCredentials()
    {
        QFETCH(QByteArray, header);
        QFETCH(bool, valid);
        const auto credentials = DirectoryRoutes::basicCredentials(header);
        QCOMPARE(credentials.has_value(), valid);
        if (valid) {
            QFETCH(QString, user);
            QFETCH(QString, password);
            QCOMPARE(credentials->user, user);
            QCOMPARE(credentials->password, password);
        }
    }

    void rateLimitedPerAddressBeforeCredentials()
    {
        HubApiConfig config;
        config.directoryPort = 1;
        config.directoryBurst = 3;
        config.directoryRefillMs = 3'600'000;
        ApiTestFixture fixture(config);
        QVERIFY(fixture.ok());
        const auto port
            = fixture.api().listenDirectory(QHostAddress::LocalHost, 0, HubApi::directoryLimits());
        QVERIFY(port);
        const QUrl url(QStringLiteral("http://127.0.0.1:%1/api/v1/directory").arg(*port));
        for (int i = 0; i < 3; ++i)
            QCOMPARE(fixture.send("GET", url, {}, { { "Authorization", "Basic d3Jvbmc6Z3Vlc3M=" } }).status,
                     401);
        const HttpReply limited
            = fixture.send("GET", url, {}, { { "Authorization", "Basic d3Jvbmc6Z3Vlc3M=" } });
        QCOMPARE(limited.status, 429);
        QCOMPARE(limited.errorCode(), u"too_many_requests"_qs);
        QVERIFY(limited.headers.value("retry-after").toInt() >= 1);
        // The directory listener serves nothing else, and takes no body.
        QCOMPARE(
            fixture.send("GET", QUrl(QStringLiteral("http://127.0.0.1:%1/api/v1/health").arg(*port))).status,
            404);
        QCOMPARE(fixture.send("PUT", url, QByteArray(100, 'x'), { { "Content-Type", "text/plain" } }).status,
                 413);
    }
};

QTEST_GUILESS_MAIN(TestDirectoryApi)
#include "tst_directoryapi.moc"
