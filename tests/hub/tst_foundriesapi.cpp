#include "AtomicFile.h"
#include "FakeFoundriesApi.h"
#include "FoundriesApi.h"
#include "FoundriesInventorySource.h"
#include "HubEnable.h"
#include "HubKeyFile.h"
#include "SecureBuffer.h"
#include "ServerConfigLoader.h"
#include "TestKeys.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QtTest>

using namespace fvpn;
using namespace Qt::StringLiterals;

using fvpn::testapi::configJson;
using fvpn::testapi::FakeApi;

namespace {

QByteArray devicesJson()
{
    return QJsonDocument(QJsonArray { QJsonObject { { u"name"_s, u"dev-01"_s },
                                                    { u"pubkey"_s, testkeys::A },
                                                    { u"ip"_s, u"10.42.42.2"_s },
                                                    { u"enabled"_s, true } } })
        .toJson();
}

// A port nothing listens on: bound, then released.
quint16 closedPort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    const quint16 port = probe.serverPort();
    probe.close();
    return port;
}

constexpr int WaitBoundMs = 15000; // a bound against hangs, not a speed requirement

} // namespace

class TestFoundriesApi : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(initSodium()); }

    void fetchesWithApiToken()
    {
        FakeApi api;
        QVERIFY(api.listening());
        api.answers = { { 200, devicesJson() } };
        FoundriesApi client(api.url(), u"acme"_s, { u"s3cret"_s, QString() });
        FoundriesInventorySource source(&client, 300);
        QSignalSpy fetched(&source, &InventorySource::inventoryFetched);
        source.start();
        QVERIFY(fetched.wait(WaitBoundMs));
        QCOMPARE(fetched.first().first().toByteArray(), devicesJson());
        QCOMPARE(api.requests.size(), 1);
        QCOMPARE(api.requests.first().method, QByteArray("GET"));
        QCOMPARE(api.requests.first().path, u"/ota/factories/acme/wireguard-ips/"_s);
        QCOMPARE(api.requests.first().token, QByteArray("s3cret"));
        QVERIFY(api.requests.first().authorization.isEmpty());
        QCOMPARE(source.nextRetrySecs(), 0);
    }

    void failuresBackOffAndNeverLeakTheToken()
    {
        FakeApi api;
        api.answers = { { 500, R"({"msg":"database on fire"})" } };
        FoundriesApi client(api.url(), u"acme"_s, { u"s3cret"_s, QString() });
        FoundriesInventorySource source(&client, 12);
        QSignalSpy failed(&source, &InventorySource::fetchFailed);
        QSignalSpy fetched(&source, &InventorySource::inventoryFetched);

        const QList<int> expectedBackoff { 5, 10, 12, 12 };
        for (int i = 0; i < expectedBackoff.size(); ++i) {
            source.refresh();
            QVERIFY(failed.wait(WaitBoundMs));
            QCOMPARE(source.nextRetrySecs(), expectedBackoff.at(i));
        }
        const QString message = failed.last().first().toString();
        QVERIFY2(message.contains(u"HTTP 500: database on fire"_s), qPrintable(message));
        QVERIFY2(message.contains(u"retrying in 12 s"_s), qPrintable(message));
        QVERIFY(!message.contains(u"s3cret"_s));
        QVERIFY(fetched.isEmpty());

        // Success resets the backoff.
        api.answers = { { 200, "[]" } };
        source.refresh();
        QVERIFY(fetched.wait(WaitBoundMs));
        QCOMPARE(source.nextRetrySecs(), 0);
    }

    void unreachableApiFails()
    {
        FoundriesApi client(QUrl(u"http://127.0.0.1:%1"_s.arg(closedPort())), u"acme"_s,
                            { u"t"_s, QString() });
        FoundriesInventorySource source(&client, 300);
        QSignalSpy failed(&source, &InventorySource::fetchFailed);
        source.refresh();
        QVERIFY(failed.wait(WaitBoundMs));
        QVERIFY2(failed.first().first().toString().contains(u"GET http://127.0.0.1"_s),
                 qPrintable(failed.first().first().toString()));
    }

    void oauthBearerAndRefresh()
    {
        FakeApi api;
        QTemporaryDir dir;
        const QString creds = dir.filePath(u"creds.json"_s);
        const double now = double(QDateTime::currentSecsSinceEpoch());
        auto writeCreds = [&](double created) {
            const QJsonObject object { { u"access_token"_s, u"old-access"_s },
                                       { u"refresh_token"_s, u"the-refresh"_s },
                                       { u"expires_in"_s, 3600 },
                                       { u"created"_s, created } };
            QVERIFY(AtomicFile::write(creds, QJsonDocument(object).toJson()).ok());
        };
        writeCreds(now);
        FoundriesApi client(api.url(), u"acme"_s, { QString(), creds });
        api.answers = { { 200, "[]" } };
        bool done = false;
        client.get(client.wireguardIpsPath(), this, [&done](Result<QByteArray>) { done = true; });
        QTRY_VERIFY_WITH_TIMEOUT(done, WaitBoundMs);
        QCOMPARE(api.requests.last().authorization, QByteArray("Bearer old-access"));

        // Expired: refreshed first, the file rewritten, the new token used.
        writeCreds(now - 7200);
        qputenv("FVPN_OAUTH_TOKEN_URL", api.url().toString().toUtf8() + "/oauth/token");
        api.requests.clear();
        api.answers = { { 200, R"({"access_token":"new-access","refresh_token":"r2","expires_in":3600})" },
                        { 200, "[]" } };
        done = false;
        client.get(client.wireguardIpsPath(), this, [&done](Result<QByteArray>) { done = true; });
        QTRY_VERIFY_WITH_TIMEOUT(done, WaitBoundMs);
        qunsetenv("FVPN_OAUTH_TOKEN_URL");
        QCOMPARE(api.requests.size(), 2);
        QCOMPARE(api.requests.at(0).method, QByteArray("POST"));
        QCOMPARE(api.requests.at(0).path, u"/oauth/token"_s);
        QVERIFY(api.requests.at(0).body.contains("grant_type=refresh_token"));
        QVERIFY(api.requests.at(0).body.contains("refresh_token=the-refresh"));
        QCOMPARE(api.requests.at(1).authorization, QByteArray("Bearer new-access"));
        const QJsonObject saved = QJsonDocument::fromJson(AtomicFile::read(creds).value()).object();
        QCOMPARE(saved.value(u"access_token").toString(), u"new-access"_s);
        QVERIFY(!(QFile::permissions(creds) & QFileDevice::ReadOther));
    }

    void serverConfigLoadedCachedAndRetried()
    {
        FakeApi api;
        QTemporaryDir dir;
        const QString cache = dir.filePath(u"server-config.txt"_s);
        api.answers = { { 200,
                          configJson(u"endpoint=203.0.113.7:5555\nserver_address=10.42.42.1\npubkey="_s
                                     + testkeys::A) } };
        {
            FoundriesApi client(api.url(), u"acme"_s, { u"t"_s, QString() });
            ServerConfigLoader loader(&client, cache, 300);
            QSignalSpy loaded(&loader, &ServerConfigLoader::loaded);
            loader.start();
            QVERIFY(loaded.wait(WaitBoundMs));
            QCOMPARE(loaded.first().at(1).toBool(), false);
            QCOMPARE(api.requests.first().path, u"/ota/factories/acme/config/"_s);
            QVERIFY(QFile::exists(cache));
        }
        {
            // API down: the cached copy is used.
            FoundriesApi client(QUrl(u"http://127.0.0.1:%1"_s.arg(closedPort())), u"acme"_s,
                                { u"t"_s, QString() });
            ServerConfigLoader loader(&client, cache, 300);
            QSignalSpy loaded(&loader, &ServerConfigLoader::loaded);
            loader.start();
            QVERIFY(loaded.wait(WaitBoundMs));
            QCOMPARE(loaded.first().at(1).toBool(), true);
            const auto config = loaded.first().first().value<WireguardServerConfig>();
            QCOMPARE(config.serverAddress->toString(), u"10.42.42.1"_s);
        }
        {
            // API down and no cache: waiting, nothing loaded.
            QVERIFY(QFile::remove(cache));
            FoundriesApi client(QUrl(u"http://127.0.0.1:%1"_s.arg(closedPort())), u"acme"_s,
                                { u"t"_s, QString() });
            ServerConfigLoader loader(&client, cache, 300);
            QSignalSpy waiting(&loader, &ServerConfigLoader::waiting);
            QSignalSpy loaded(&loader, &ServerConfigLoader::loaded);
            loader.start();
            QVERIFY(waiting.wait(WaitBoundMs));
            QVERIFY(waiting.first().first().toString().contains(u"retrying in 5 s"_s));
            QVERIFY(loaded.isEmpty());
        }
    }

    void serverConfigDisabledIsFatal()
    {
        FakeApi api;
        QTemporaryDir dir;
        api.answers
            = { { 200, configJson(u"endpoint=203.0.113.7:5555\nserver_address=10.42.42.1\nenabled=0"_s) } };
        FoundriesApi client(api.url(), u"acme"_s, { u"t"_s, QString() });
        ServerConfigLoader loader(&client, dir.filePath(u"c.txt"_s), 300);
        QSignalSpy failed(&loader, &ServerConfigLoader::failed);
        loader.start();
        QVERIFY(failed.wait(WaitBoundMs));
        QVERIFY(failed.first().first().toString().contains(u"disabled"_s));
    }

    void enablePublishesAndCreatesTheKey()
    {
        FakeApi api;
        QTemporaryDir dir;
        api.answers = { { 200, "{}" } };
        HubOptions options;
        options.factory = u"acme"_s;
        options.apiToken = u"t"_s;
        options.apiUrl = api.url();
        options.privateKeyFile = dir.filePath(u"hub.key"_s);
        options.vpnAddress = InterfaceAddress::parse(u"10.42.42.1/24").value();
        options.endpoint = Endpoint::parse(u"203.0.113.7:5555").value();
        HubEnable enable(options);
        QSignalSpy finished(&enable, &HubEnable::finished);
        enable.run();
        QVERIFY(finished.wait(WaitBoundMs));
        QVERIFY2(finished.first().first().toBool(), qPrintable(finished.first().at(1).toString()));

        const auto key = HubKeyFile::load(options.privateKeyFile);
        QVERIFY(key.ok());
        QVERIFY(!(QFile::permissions(options.privateKeyFile)
                  & (QFileDevice::ReadGroup | QFileDevice::ReadOther)));
        QCOMPARE(api.requests.size(), 1);
        QCOMPARE(api.requests.first().method, QByteArray("PATCH"));
        QCOMPARE(api.requests.first().path, u"/ota/factories/acme/config/"_s);
        const QJsonObject body = QJsonDocument::fromJson(api.requests.first().body).object();
        const QString value = body.value(u"files")[0][u"value"].toString();
        QVERIFY2(value.contains(u"endpoint=203.0.113.7:5555"_s), qPrintable(value));
        QVERIFY(value.contains(u"server_address=10.42.42.1"_s));
        QVERIFY(value.contains(u"pubkey="_s + key->publicKey().toBase64()));
        // The private key never leaves the machine.
        const SecureBuffer secret = key->toBase64();
        QVERIFY(!api.requests.first().body.contains(secret.view().toByteArray()));

        // A second run reuses the key; an API error is reported.
        api.answers = { { 403, R"({"msg":"read-only token"})" } };
        HubEnable again(options);
        QSignalSpy finishedAgain(&again, &HubEnable::finished);
        again.run();
        QVERIFY(finishedAgain.wait(WaitBoundMs));
        QVERIFY(!finishedAgain.first().first().toBool());
        QVERIFY(finishedAgain.first().at(1).toString().contains(u"HTTP 403: read-only token"_s));
        QVERIFY(api.requests.last().body.contains(key->publicKey().toBase64().toUtf8()));
    }
};

QTEST_GUILESS_MAIN(TestFoundriesApi)
#include "tst_foundriesapi.moc"
