#include "RegistrationStatus.h"
#include "TestKeys.h"
#include "TunnelParameters.h"

#include <QJsonDocument>
#include <QtTest>

using namespace fvpn;

namespace {

QJsonObject tunnelJson(const PublicKey &hubKey)
{
    return QJsonObject {
        { QStringLiteral("address"), QStringLiteral("10.42.42.7/32") },
        { QStringLiteral("hub_address"), QStringLiteral("10.42.42.1") },
        { QStringLiteral("hub_public_key"), hubKey.toBase64() },
        { QStringLiteral("endpoint"), QStringLiteral("hub.example.com:5555") },
        { QStringLiteral("allowed_ips"), QJsonArray { QStringLiteral("10.42.42.0/24") } },
        { QStringLiteral("persistent_keepalive"), 25 },
    };
}

QJsonObject approvedJson(const PublicKey &hubKey)
{
    return QJsonObject {
        { QStringLiteral("id"), QStringLiteral("r1") },
        { QStringLiteral("status"), QStringLiteral("approved") },
        { QStringLiteral("config"), tunnelJson(hubKey) },
    };
}

} // namespace

class TestRegistrationStatus : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesEveryState_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("state");
        QTest::newRow("pending") << QStringLiteral("pending") << int(RegistrationState::Pending);
        QTest::newRow("rejected") << QStringLiteral("rejected") << int(RegistrationState::Rejected);
        QTest::newRow("revoked") << QStringLiteral("revoked") << int(RegistrationState::Revoked);
        QTest::newRow("cancelled") << QStringLiteral("cancelled") << int(RegistrationState::Cancelled);
    }

    void parsesEveryState()
    {
        QFETCH(QString, name);
        QFETCH(int, state);
        const QJsonObject json { { QStringLiteral("id"), QStringLiteral("abc") },
                                 { QStringLiteral("status"), name },
                                 { QStringLiteral("reason"), QStringLiteral("not on the team") } };
        const Result<RegistrationStatus> status = RegistrationStatus::fromJson(json);
        QVERIFY2(status, status ? "" : qPrintable(status.error().message));
        QCOMPARE(int(status->state), state);
        QCOMPARE(status->id, QStringLiteral("abc"));
        QCOMPARE(status->reason, QStringLiteral("not on the team"));
        QVERIFY(status->tunnel.isNull());
        QCOMPARE(registrationStateName(status->state), name);
    }

    void parsesApproval()
    {
        const PublicKey hubKey = test::freshPublicKey();
        const Result<RegistrationStatus> status = RegistrationStatus::fromJson(approvedJson(hubKey));
        QVERIFY2(status, status ? "" : qPrintable(status.error().message));
        QCOMPARE(status->state, RegistrationState::Approved);
        const TunnelParameters &tunnel = status->tunnel;
        QCOMPARE(tunnel.address.toString(), QStringLiteral("10.42.42.7"));
        QCOMPARE(tunnel.prefixLength, 32);
        QCOMPARE(tunnel.hubAddress.toString(), QStringLiteral("10.42.42.1"));
        QCOMPARE(tunnel.hubPublicKey, hubKey);
        QCOMPARE(tunnel.hubEndpoint.toString(), QStringLiteral("hub.example.com:5555"));
        QCOMPARE(tunnel.allowedIps.size(), 1);
        QCOMPARE(tunnel.allowedIps.first().toString(), QStringLiteral("10.42.42.0/24"));
        QCOMPARE(tunnel.persistentKeepalive, 25);

        // Kept in the settings as JSON and read back unchanged.
        const Result<RegistrationStatus> again = RegistrationStatus::fromJson(status->toJson());
        QVERIFY(again);
        QVERIFY(*again == *status);
    }

    void bareAddressIsAHostRoute()
    {
        QJsonObject tunnel = tunnelJson(test::freshPublicKey());
        tunnel.insert(QStringLiteral("address"), QStringLiteral("10.42.42.9"));
        tunnel.remove(QStringLiteral("persistent_keepalive"));
        const Result<TunnelParameters> parsed = TunnelParameters::fromJson(tunnel);
        QVERIFY2(parsed, parsed ? "" : qPrintable(parsed.error().message));
        QCOMPARE(parsed->prefixLength, 32);
        QCOMPARE(parsed->persistentKeepalive, 0);

        // A hub that does not say its own VPN address is still understood.
        tunnel.remove(QStringLiteral("hub_address"));
        const Result<TunnelParameters> withoutHub = TunnelParameters::fromJson(tunnel);
        QVERIFY2(withoutHub, withoutHub ? "" : qPrintable(withoutHub.error().message));
        QVERIFY(withoutHub->hubAddress.isNull());
        QVERIFY(!withoutHub->toJson().contains(QStringLiteral("hub_address")));
        QVERIFY(withoutHub->directoryUrl.isEmpty());

        // Without the hub's VPN address there is nowhere a directory could safely be.
        tunnel.insert(QStringLiteral("directory_url"),
                      QStringLiteral("http://10.42.42.1:8444/api/v1/directory"));
        QVERIFY(!TunnelParameters::fromJson(tunnel));
    }

    void directoryAddressIsKept()
    {
        QJsonObject tunnel = tunnelJson(test::freshPublicKey());
        tunnel.insert(QStringLiteral("directory_url"),
                      QStringLiteral("http://10.42.42.1:8444/api/v1/directory"));
        const Result<TunnelParameters> parsed = TunnelParameters::fromJson(tunnel);
        QVERIFY2(parsed, parsed ? "" : qPrintable(parsed.error().message));
        QCOMPARE(parsed->directoryUrl, QUrl(QStringLiteral("http://10.42.42.1:8444/api/v1/directory")));
        const Result<TunnelParameters> again = TunnelParameters::fromJson(parsed->toJson());
        QVERIFY(again);
        QVERIFY(*again == *parsed);
    }

    void rejectsBadAnswers_data()
    {
        QTest::addColumn<QString>("path"); // "field" or "config.field"
        QTest::addColumn<QJsonValue>("value"); // undefined = remove
        QTest::addColumn<QString>("messagePart");
        QTest::newRow("no id") << QStringLiteral("id") << QJsonValue(QJsonValue::Undefined)
                               << QStringLiteral("'id'");
        QTest::newRow("numeric id") << QStringLiteral("id") << QJsonValue(7) << QStringLiteral("'id'");
        QTest::newRow("empty id") << QStringLiteral("id") << QJsonValue(QString()) << QStringLiteral("'id'");
        QTest::newRow("id with newline")
            << QStringLiteral("id") << QJsonValue(QStringLiteral("a\nb")) << QStringLiteral("'id'");
        QTest::newRow("no status") << QStringLiteral("status") << QJsonValue(QJsonValue::Undefined)
                                   << QStringLiteral("'status'");
        QTest::newRow("unknown status")
            << QStringLiteral("status") << QJsonValue(QStringLiteral("maybe")) << QStringLiteral("maybe");
        QTest::newRow("status in capitals")
            << QStringLiteral("status") << QJsonValue(QStringLiteral("APPROVED"))
            << QStringLiteral("APPROVED");
        QTest::newRow("reason with control")
            << QStringLiteral("reason") << QJsonValue(QStringLiteral("a\u202eb"))
            << QStringLiteral("'reason'");
        QTest::newRow("reason not text")
            << QStringLiteral("reason") << QJsonValue(true) << QStringLiteral("'reason'");
        QTest::newRow("approved without tunnel")
            << QStringLiteral("config") << QJsonValue(QJsonValue::Undefined) << QStringLiteral("'config'");
        QTest::newRow("tunnel not object")
            << QStringLiteral("config") << QJsonValue(QStringLiteral("x")) << QStringLiteral("'config'");
        QTest::newRow("no address") << QStringLiteral("config.address") << QJsonValue(QJsonValue::Undefined)
                                    << QStringLiteral("'address'");
        QTest::newRow("bad address") << QStringLiteral("config.address")
                                     << QJsonValue(QStringLiteral("10.42.42")) << QStringLiteral("'address'");
        QTest::newRow("bad hub address")
            << QStringLiteral("config.hub_address") << QJsonValue(QStringLiteral("hub"))
            << QStringLiteral("'hub_address'");
        QTest::newRow("bad hub key") << QStringLiteral("config.hub_public_key")
                                     << QJsonValue(QStringLiteral("abc="))
                                     << QStringLiteral("'hub_public_key'");
        QTest::newRow("endpoint without port")
            << QStringLiteral("config.endpoint") << QJsonValue(QStringLiteral("hub.example.com"))
            << QStringLiteral("'endpoint'");
        QTest::newRow("allowed ips not list")
            << QStringLiteral("config.allowed_ips") << QJsonValue(QStringLiteral("10.42.42.0/24"))
            << QStringLiteral("'allowed_ips'");
        QTest::newRow("allowed ips empty") << QStringLiteral("config.allowed_ips") << QJsonValue(QJsonArray())
                                           << QStringLiteral("'allowed_ips'");
        QTest::newRow("allowed ips with host bits")
            << QStringLiteral("config.allowed_ips")
            << QJsonValue(QJsonArray { QStringLiteral("10.42.42.1/24") }) << QStringLiteral("'allowed_ips'");
        QTest::newRow("allowed ip not text")
            << QStringLiteral("config.allowed_ips") << QJsonValue(QJsonArray { 1 })
            << QStringLiteral("'allowed_ips'");
        QTest::newRow("keepalive negative") << QStringLiteral("config.persistent_keepalive") << QJsonValue(-1)
                                            << QStringLiteral("'persistent_keepalive'");
        QTest::newRow("keepalive fraction") << QStringLiteral("config.persistent_keepalive")
                                            << QJsonValue(2.5) << QStringLiteral("'persistent_keepalive'");
        QTest::newRow("keepalive text")
            << QStringLiteral("config.persistent_keepalive") << QJsonValue(QStringLiteral("25"))
            << QStringLiteral("'persistent_keepalive'");
        QTest::newRow("keepalive huge") << QStringLiteral("config.persistent_keepalive") << QJsonValue(70000)
                                        << QStringLiteral("'persistent_keepalive'");
        // The directory gets the registration's credentials: only on the hub's VPN address.
        QTest::newRow("directory elsewhere")
            << QStringLiteral("config.directory_url")
            << QJsonValue(QStringLiteral("http://198.51.100.7:8444/api/v1/directory"))
            << QStringLiteral("'directory_url'");
        QTest::newRow("directory by host name")
            << QStringLiteral("config.directory_url")
            << QJsonValue(QStringLiteral("http://hub.example.com/api/v1/directory"))
            << QStringLiteral("'directory_url'");
        QTest::newRow("directory with credentials")
            << QStringLiteral("config.directory_url")
            << QJsonValue(QStringLiteral("http://u:p@10.42.42.1:8444/api/v1/directory"))
            << QStringLiteral("'directory_url'");
        QTest::newRow("directory over ftp") << QStringLiteral("config.directory_url")
                                            << QJsonValue(QStringLiteral("ftp://10.42.42.1/api/v1/directory"))
                                            << QStringLiteral("'directory_url'");
        QTest::newRow("directory not text")
            << QStringLiteral("config.directory_url") << QJsonValue(3) << QStringLiteral("'directory_url'");
        QTest::newRow("replaces not text")
            << QStringLiteral("replaces") << QJsonValue(12) << QStringLiteral("'replaces'");
        QTest::newRow("replaces with newline")
            << QStringLiteral("replaces") << QJsonValue(QStringLiteral("abc\ndef"))
            << QStringLiteral("'replaces'");
        QTest::newRow("replaced_by not text")
            << QStringLiteral("replaced_by") << QJsonValue(QJsonArray()) << QStringLiteral("'replaced_by'");
        QTest::newRow("replaced_by too long")
            << QStringLiteral("replaced_by") << QJsonValue(QString(200, u'a'))
            << QStringLiteral("'replaced_by'");
    }

    // Key replacement: which request a revoked one was replaced by, kept across restarts.
    void readsReplacementLinks()
    {
        QJsonObject json { { QStringLiteral("id"), QStringLiteral("old") },
                           { QStringLiteral("status"), QStringLiteral("revoked") },
                           { QStringLiteral("reason"),
                             QStringLiteral("replaced by a new key (request new)") },
                           { QStringLiteral("replaced_by"), QStringLiteral("new") } };
        const Result<RegistrationStatus> old = RegistrationStatus::fromJson(json);
        QVERIFY2(old, old ? "" : qPrintable(old.error().message));
        QCOMPARE(old->replacedBy, QStringLiteral("new"));
        QVERIFY(old->replaces.isEmpty());
        const Result<RegistrationStatus> again = RegistrationStatus::fromJson(old->toJson());
        QVERIFY(again && *again == *old);

        QJsonObject approved = approvedJson(test::freshPublicKey());
        approved.insert(QStringLiteral("replaces"), QStringLiteral("old"));
        const Result<RegistrationStatus> replacement = RegistrationStatus::fromJson(approved);
        QVERIFY(replacement);
        QCOMPARE(replacement->replaces, QStringLiteral("old"));
        QVERIFY(replacement->replacedBy.isEmpty());
        QCOMPARE(replacement->toJson().value(QStringLiteral("replaces")).toString(), QStringLiteral("old"));
    }

    void rejectsBadAnswers()
    {
        QFETCH(QString, path);
        QFETCH(QJsonValue, value);
        QFETCH(QString, messagePart);
        QJsonObject json = approvedJson(test::freshPublicKey());
        const QStringList parts = path.split(u'.');
        if (parts.size() == 1) {
            if (value.isUndefined())
                json.remove(path);
            else
                json.insert(path, value);
        } else {
            QJsonObject tunnel = json.value(parts[0]).toObject();
            if (value.isUndefined())
                tunnel.remove(parts[1]);
            else
                tunnel.insert(parts[1], value);
            json.insert(parts[0], tunnel);
        }
        const Result<RegistrationStatus> status = RegistrationStatus::fromJson(json);
        QVERIFY(!status);
        QCOMPARE(status.error().code, ErrorCode::InvalidInput);
        QVERIFY2(status.error().message.contains(messagePart), qPrintable(status.error().message));
        QVERIFY2(status.error().message.startsWith(QStringLiteral("The hub's answer is not understood")),
                 qPrintable(status.error().message));
    }

    void makesAWgQuickConfig()
    {
        const PublicKey hubKey = test::freshPublicKey();
        const TunnelParameters tunnel = RegistrationStatus::fromJson(approvedJson(hubKey))->tunnel;
        Result<PrivateKey> key = PrivateKey::generate();
        QVERIFY(key);
        const QString privateText = QString::fromLatin1(key->toBase64().view());
        const PublicKey ourKey = key->publicKey();

        const WgQuickConfig config = tunnel.toWgQuickConfig(std::move(key.value()));
        const Result<QString> withKey = config.toText(true);
        QVERIFY2(withKey, withKey ? "" : qPrintable(withKey.error().message));
        QVERIFY(withKey->contains(privateText));

        // What we write is what wg-quick (and our own parser) reads.
        const Result<WgQuickConfig> parsed = WgQuickConfig::parse(*withKey);
        QVERIFY2(parsed, parsed ? "" : qPrintable(parsed.error().toString()));
        QCOMPARE(parsed->privateKey.publicKey(), ourKey);
        QCOMPARE(parsed->addresses.size(), 1);
        QCOMPARE(parsed->addresses.first().toString(), QStringLiteral("10.42.42.7/32"));
        QCOMPARE(parsed->peers.size(), 1);
        QCOMPARE(parsed->peers.first().publicKey, hubKey);
        QCOMPARE(parsed->peers.first().endpoint->toString(), QStringLiteral("hub.example.com:5555"));
        QCOMPARE(parsed->peers.first().allowedIps.first().toString(), QStringLiteral("10.42.42.0/24"));
        QCOMPARE(parsed->peers.first().persistentKeepalive, 25);

        const Result<QString> withoutKey = config.toText(false);
        QVERIFY(withoutKey);
        QVERIFY(!withoutKey->contains(privateText));
        QVERIFY(!withoutKey->contains(QStringLiteral("PrivateKey")));
    }
};

QTEST_GUILESS_MAIN(TestRegistrationStatus)
#include "tst_registrationstatus.moc"
