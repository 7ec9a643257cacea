#include "FactoryConfig.h"
#include "FakeFoundriesApi.h"
#include "HubCommandLine.h"
#include "HubKeyFile.h"
#include "HubUpdateEndpoint.h"
#include "SecureBuffer.h"
#include "TestKeys.h"

#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace fvpn;
using namespace Qt::StringLiterals;

using fvpn::testapi::configJson;
using fvpn::testapi::FakeApi;

namespace {

constexpr int WaitBoundMs = 15000; // a bound against hangs, not a speed requirement

QString patchedValue(const FakeApi::Request &request)
{
    return QJsonDocument::fromJson(request.body).object().value(u"files")[0][u"value"].toString();
}

} // namespace

class TestHubUpdateEndpoint : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_keyFile;
    QString m_hubKey; // public, base64

    // Parses a real command line, so the port rules are tested as a user meets them.
    HubOptions optionsFor(const FakeApi &api, const QString &extra)
    {
        QStringList arguments { u"-t"_s,
                                u"s3cret"_s,
                                u"-f"_s,
                                u"acme"_s,
                                u"-k"_s,
                                m_keyFile,
                                u"--api-url"_s,
                                api.url().toString(),
                                u"update_endpoint"_s };
        arguments += extra.split(u' ', Qt::SkipEmptyParts);
        const auto parsed = HubCommandLine::parse(arguments);
        if (!parsed)
            qWarning() << parsed.error().message;
        return parsed.value().options;
    }

    // Runs update_endpoint to the end; returns {ok, message}.
    QPair<bool, QString> run(const HubOptions &options)
    {
        HubUpdateEndpoint update(options);
        QSignalSpy finished(&update, &HubUpdateEndpoint::finished);
        update.run();
        if (finished.isEmpty() && !finished.wait(WaitBoundMs))
            return { false, u"(no answer)"_s };
        return { finished.first().at(0).toBool(), finished.first().at(1).toString() };
    }

    QString serverFile(const QString &endpointLine) const
    {
        return endpointLine + u"\nserver_address=10.42.42.1\npubkey="_s + m_hubKey;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(initSodium());
        QVERIFY(m_dir.isValid());
        m_keyFile = m_dir.filePath(u"hub.key"_s);
        bool created = false;
        const Result<PrivateKey> key = HubKeyFile::loadOrCreate(m_keyFile, &created);
        QVERIFY(key.ok() && created);
        m_hubKey = key->publicKey().toBase64();
    }

    void withEndpointChangesOnlyTheValue_data()
    {
        QTest::addColumn<QString>("before");
        QTest::addColumn<QString>("after");
        const QString e = u"[2001:db8::1]:6000"_s;
        QTest::newRow("upstream layout") << u"endpoint=203.0.113.7:5555\nserver_address=10.42.42.1"_s
                                         << u"endpoint=%1\nserver_address=10.42.42.1"_s.arg(e);
        QTest::newRow("indented, as upstream writes")
            << u"\n    endpoint=203.0.113.7:5555\n    server_address=10.42.42.1\n    "_s
            << u"\n    endpoint=%1\n    server_address=10.42.42.1\n    "_s.arg(e);
        QTest::newRow("spaces around = and CRLF")
            << u"server_address=10.42.42.1\r\nendpoint = 203.0.113.7:5555 \r\nenabled=0\r\n"_s
            << u"server_address=10.42.42.1\r\nendpoint = %1 \r\nenabled=0\r\n"_s.arg(e);
        QTest::newRow("no endpoint line") << u"server_address=10.42.42.1\nenabled=0"_s
                                          << u"endpoint=%1\nserver_address=10.42.42.1\nenabled=0"_s.arg(e);
        QTest::newRow("endpoint_like key untouched") << u"server_address=10.42.42.1\nendpoint=192.0.2.1:1"_s
                                                     << u"server_address=10.42.42.1\nendpoint=%1"_s.arg(e);
    }
    void withEndpointChangesOnlyTheValue()
    {
        QFETCH(QString, before);
        QFETCH(QString, after);
        QCOMPARE(FactoryConfig::withEndpoint(before, Endpoint::parse(u"[2001:db8::1]:6000").value()), after);
    }

    void publishesOnlyTheNewEndpoint_data()
    {
        QTest::addColumn<QString>("currentEndpoint"); // the line in the published file
        QTest::addColumn<QString>("arguments");
        QTest::addColumn<QString>("published");
        QTest::newRow("host only keeps the current port")
            << u"endpoint=203.0.113.7:7000"_s << u"--endpoint 198.51.100.9"_s << u"198.51.100.9:7000"_s;
        QTest::newRow("host:port wins")
            << u"endpoint=203.0.113.7:7000"_s << u"-e 198.51.100.9:6000"_s << u"198.51.100.9:6000"_s;
        QTest::newRow("--port wins over the current port")
            << u"endpoint=203.0.113.7:7000"_s << u"-e hub.example.com --port 6001"_s
            << u"hub.example.com:6001"_s;
        QTest::newRow("host:port and the same --port")
            << u"endpoint=203.0.113.7:7000"_s << u"-e 198.51.100.9:6000 -p 6000"_s << u"198.51.100.9:6000"_s;
        QTest::newRow("no current endpoint: 5555")
            << QString() << u"-e 198.51.100.9"_s << u"198.51.100.9:5555"_s;
        QTest::newRow("ipv6 with port") << u"endpoint=203.0.113.7:5555"_s
                                        << u"--endpoint [2001:db8::1]:5556"_s << u"[2001:db8::1]:5556"_s;
        QTest::newRow("ipv6 bracketed, current port")
            << u"endpoint=[2001:db8::2]:7000"_s << u"-e [2001:DB8::1]"_s << u"[2001:db8::1]:7000"_s;
        QTest::newRow("ipv6 bare, current port")
            << u"endpoint=203.0.113.7:7000"_s << u"-e 2001:db8::1"_s << u"[2001:db8::1]:7000"_s;
        QTest::newRow("same host, new port only")
            << u"endpoint=203.0.113.7:5555"_s << u"-e 203.0.113.7 -p 5556"_s << u"203.0.113.7:5556"_s;
    }
    void publishesOnlyTheNewEndpoint()
    {
        QFETCH(QString, currentEndpoint);
        QFETCH(QString, arguments);
        QFETCH(QString, published);
        FakeApi api;
        QVERIFY(api.listening());
        // Indented as upstream writes it, disabled, trailing newline: all must survive.
        const QString before = u"  "_s + currentEndpoint + u"\n  server_address=10.42.42.9\n  pubkey="_s
            + m_hubKey + u"\n  enabled=0\n"_s;
        api.answers = { { 200, configJson(before) }, { 200, "{}" } };
        const auto [ok, message] = run(optionsFor(api, arguments));
        QVERIFY2(ok, qPrintable(message));

        QCOMPARE(api.requests.size(), 2);
        QCOMPARE(api.requests.at(0).method, QByteArray("GET"));
        QCOMPARE(api.requests.at(1).method, QByteArray("PATCH"));
        QCOMPARE(api.requests.at(1).path, u"/ota/factories/acme/config/"_s);
        QCOMPARE(api.requests.at(1).token, QByteArray("s3cret"));
        const QString expected = currentEndpoint.isEmpty()
            ? QString(u"endpoint="_s + published + u'\n' + before)
            : QString(u"  endpoint="_s + published + before.mid(before.indexOf(u'\n')));
        QCOMPARE(patchedValue(api.requests.at(1)), expected);
        // Nothing but the endpoint differs: upstream's bug wrote it into server_address.
        const auto parsed = WireguardServerConfig::parse(patchedValue(api.requests.at(1)));
        QVERIFY(parsed.ok());
        QCOMPARE(parsed->endpoint->toString(), published);
        QCOMPARE(parsed->serverAddress->toString(), u"10.42.42.9"_s);
        QVERIFY(!parsed->enabled);

        const QJsonObject body = QJsonDocument::fromJson(api.requests.at(1).body).object();
        const QJsonObject file = body.value(u"files")[0].toObject();
        QCOMPARE(file.value(u"name").toString(), u"wireguard-server"_s);
        QCOMPARE(file.value(u"unencrypted").toBool(), true);
        QCOMPARE(file.value(u"on-changed").toArray(),
                 QJsonArray { u"/usr/share/fioconfig/handlers/factory-config-vpn"_s });
        QVERIFY(!body.value(u"reason").toString().isEmpty());

        const QString from = currentEndpoint.isEmpty() ? u"(none)"_s : currentEndpoint.mid(9);
        QVERIFY2(message.contains(u"endpoint %1 -> %2"_s.arg(from, published)), qPrintable(message));
    }

    void sameEndpointSendsNoPatch_data()
    {
        QTest::addColumn<QString>("arguments");
        QTest::newRow("host, current port") << u"-e hub.example.com"_s;
        QTest::newRow("host name in capitals") << u"-e HUB.Example.com"_s;
        QTest::newRow("host:port") << u"-e hub.example.com:7000"_s;
        QTest::newRow("--port") << u"-e hub.example.com -p 7000"_s;
    }
    void sameEndpointSendsNoPatch()
    {
        QFETCH(QString, arguments);
        FakeApi api;
        api.answers = { { 200, configJson(serverFile(u"endpoint=hub.example.com:7000"_s)) } };
        const auto [ok, message] = run(optionsFor(api, arguments));
        QVERIFY2(ok, qPrintable(message));
        QVERIFY2(message.contains(u"nothing to change"_s), qPrintable(message));
        QCOMPARE(api.requests.size(), 1);
        QCOMPARE(api.requests.first().method, QByteArray("GET"));
    }

    void refusesWithoutPatch_data()
    {
        QTest::addColumn<QByteArray>("answer");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("messagePart");
        const QString mismatch
            = u"endpoint=203.0.113.7:5555\nserver_address=10.42.42.1\npubkey="_s + testkeys::A;
        QTest::newRow("no config at all")
            << QByteArray(R"({"config":[],"total":0,"next":null})") << 200
            << u"the factory has no wireguard-server config yet: run 'enable' first"_s;
        QTest::newRow("no wireguard-server file")
            << QByteArray(R"({"config":[{"files":[{"name":"other","value":"x=1"}]}],"total":1})") << 200
            << u"the factory has no wireguard-server config yet: run 'enable' first"_s;
        QTest::newRow("another hub's key")
            << configJson(mismatch) << 200 << u"publishes the hub public key "_s + testkeys::A;
        QTest::newRow("no pubkey published")
            << configJson(u"endpoint=203.0.113.7:5555\nserver_address=10.42.42.1"_s) << 200 << u"no pubkey"_s;
        QTest::newRow("malformed file")
            << configJson(u"endpoint=203.0.113.7:5555\nbogus=1"_s) << 200 << u"malformed"_s;
        QTest::newRow("garbled answer") << QByteArray("<html>") << 200 << u"not valid JSON"_s;
        QTest::newRow("API error") << QByteArray(R"({"msg":"database on fire"})") << 500
                                   << u"/config/: HTTP 500: database on fire"_s;
    }
    void refusesWithoutPatch()
    {
        QFETCH(QByteArray, answer);
        QFETCH(int, status);
        QFETCH(QString, messagePart);
        FakeApi api;
        api.answers = { { status, answer } };
        const auto [ok, message] = run(optionsFor(api, u"-e 198.51.100.9"_s));
        QVERIFY(!ok);
        QVERIFY2(message.contains(messagePart), qPrintable(message));
        if (status != 200)
            QVERIFY2(message.startsWith(u"unable to read the factory config: "_s), qPrintable(message));
        QVERIFY(!message.contains(u"s3cret"_s));
        QCOMPARE(api.requests.size(), 1);
        QCOMPARE(api.requests.first().method, QByteArray("GET"));
    }

    void keyMismatchNamesBothKeys()
    {
        FakeApi api;
        api.answers = { { 200, configJson(u"endpoint=203.0.113.7:5555\npubkey="_s + testkeys::A) } };
        const auto [ok, message] = run(optionsFor(api, u"-e 198.51.100.9"_s));
        QVERIFY(!ok);
        QVERIFY2(message.contains(m_hubKey) && message.contains(m_keyFile), qPrintable(message));
        // The hub's private key is never quoted.
        const SecureBuffer secret = HubKeyFile::load(m_keyFile).value().toBase64();
        QVERIFY(!message.contains(QString::fromLatin1(secret.view().toByteArray())));
    }

    void patchRejectedIsReported()
    {
        FakeApi api;
        api.answers = { { 200, configJson(serverFile(u"endpoint=203.0.113.7:5555"_s)) },
                        { 403, R"({"msg":"read-only token"})" } };
        const auto [ok, message] = run(optionsFor(api, u"-e 198.51.100.9"_s));
        QVERIFY(!ok);
        QVERIFY2(message.startsWith(u"unable to update the factory config: PATCH "_s), qPrintable(message));
        QVERIFY2(message.endsWith(u"HTTP 403: read-only token"_s), qPrintable(message));
        QCOMPARE(api.requests.size(), 2);
    }

    void missingKeyFileSendsNothingAndCreatesNothing()
    {
        FakeApi api;
        HubOptions options = optionsFor(api, u"-e 198.51.100.9"_s);
        options.privateKeyFile = m_dir.filePath(u"absent.key"_s);
        const auto [ok, message] = run(options);
        QVERIFY(!ok);
        QVERIFY2(message.contains(u"absent.key"_s), qPrintable(message));
        QVERIFY(!QFile::exists(options.privateKeyFile));
        QVERIFY(api.requests.isEmpty());
    }

    // The real binary: exit codes, and that a usage error sends no request.
    void binary_data()
    {
        QTest::addColumn<QString>("arguments");
        QTest::addColumn<int>("status");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QStringList>("methods");
        QTest::addColumn<QString>("stderrPart");
        QTest::newRow("changed") << u"-e 198.51.100.9"_s << 200 << 0 << QStringList { u"GET"_s, u"PATCH"_s }
                                 << u"endpoint 203.0.113.7:5555 -> 198.51.100.9:5555"_s;
        QTest::newRow("unchanged") << u"-e 203.0.113.7"_s << 200 << 0 << QStringList { u"GET"_s }
                                   << u"nothing to change"_s;
        QTest::newRow("malformed endpoint")
            << u"-e bad_host!"_s << 200 << 2 << QStringList {} << u"--endpoint: 'bad_host!'"_s;
        QTest::newRow("malformed port")
            << u"-e 198.51.100.9:99999"_s << 200 << 2 << QStringList {} << u"--endpoint"_s;
        QTest::newRow("no endpoint") << QString() << 200 << 2 << QStringList {} << u"needs --endpoint"_s;
        QTest::newRow("API error") << u"-e 198.51.100.9"_s << 500 << 1 << QStringList { u"GET"_s }
                                   << u"HTTP 500: database on fire"_s;
    }
    void binary()
    {
        QFETCH(QString, arguments);
        QFETCH(int, status);
        QFETCH(int, exitCode);
        QFETCH(QStringList, methods);
        QFETCH(QString, stderrPart);
        FakeApi api;
        if (status == 200)
            api.answers = { { 200, configJson(serverFile(u"endpoint=203.0.113.7:5555"_s)) }, { 200, "{}" } };
        else
            api.answers = { { status, R"({"msg":"database on fire"})" } };
        QProcess hub;
        hub.start(QString::fromLocal8Bit(qgetenv("FVPN_BUILD_DIR")) + u"/app/hub/factory-vpn-hub"_s,
                  QStringList { u"-t"_s, u"s3cret"_s, u"-f"_s, u"acme"_s, u"-k"_s, m_keyFile, u"--api-url"_s,
                                api.url().toString(), u"update_endpoint"_s }
                      + arguments.split(u' ', Qt::SkipEmptyParts));
        QSignalSpy finished(&hub, &QProcess::finished);
        QVERIFY2(hub.waitForStarted(WaitBoundMs), qPrintable(hub.program() + u": "_s + hub.errorString()));
        QVERIFY(finished.wait(WaitBoundMs)); // spins the event loop, so the fake API answers
        const QString errors = QString::fromLocal8Bit(hub.readAllStandardError());
        QCOMPARE(hub.exitStatus(), QProcess::NormalExit);
        QVERIFY2(hub.exitCode() == exitCode, qPrintable(errors));
        QVERIFY2(errors.contains(stderrPart), qPrintable(errors));
        QStringList sent;
        for (const FakeApi::Request &request : std::as_const(api.requests))
            sent.append(QString::fromLatin1(request.method));
        QCOMPARE(sent, methods);
    }
};

QTEST_GUILESS_MAIN(TestHubUpdateEndpoint)
#include "tst_hubupdateendpoint.moc"
