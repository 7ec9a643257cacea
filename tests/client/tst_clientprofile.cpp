#include "ClientProfile.h"
#include "TestKeys.h"

#include <QSettings>
#include <QTemporaryDir>
#include <QtTest>

using namespace fvpn;

class TestClientProfile : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void roundTrip()
    {
        QSettings settings(m_dir.filePath(QStringLiteral("a.ini")), QSettings::IniFormat);
        ClientProfile profile;
        profile.hubUrl = QUrl(QStringLiteral("https://hub.example.com:8443"));
        profile.pinnedFingerprint = QString(64, u'a');
        profile.inviteCode = QStringLiteral("0123456789abcdef.c2VjcmV0");
        profile.displayName = QStringLiteral("Alice Example");
        profile.publicKey = test::freshPublicKey();
        profile.requestId = QStringLiteral("req-1");
        RegistrationStatus status;
        status.id = QStringLiteral("req-1");
        status.state = RegistrationState::Approved;
        status.tunnel.address = IpAddress::parse(u"10.42.42.7").value();
        status.tunnel.hubPublicKey = test::freshPublicKey();
        status.tunnel.hubEndpoint = Endpoint::parse(u"hub.example.com:5555").value();
        status.tunnel.allowedIps = { IpNetwork::parse(u"10.42.42.0/24").value() };
        profile.lastStatus = status;
        profile.backendPreference = BackendPreference::WgQuick;
        profile.save(settings);

        const ClientProfile loaded = ClientProfile::load(settings);
        QCOMPARE(loaded.hubUrl, profile.hubUrl);
        QCOMPARE(loaded.pinnedFingerprint, profile.pinnedFingerprint);
        QCOMPARE(loaded.inviteCode, profile.inviteCode);
        QCOMPARE(loaded.displayName, profile.displayName);
        QCOMPARE(loaded.publicKey, profile.publicKey);
        QCOMPARE(loaded.requestId, profile.requestId);
        QVERIFY(loaded.lastStatus && *loaded.lastStatus == status);
        QVERIFY(loaded.isApproved());
        QCOMPARE(loaded.backendPreference, BackendPreference::WgQuick);
    }

    // Values that do not parse are dropped, so the app asks again instead of
    // trusting a damaged or hand-edited file.
    void damagedValuesAreDropped()
    {
        QSettings settings(m_dir.filePath(QStringLiteral("b.ini")), QSettings::IniFormat);
        settings.setValue(QStringLiteral("engineer/hubUrl"), QStringLiteral("http://evil.example"));
        settings.setValue(QStringLiteral("engineer/certificateSha256"), QStringLiteral("abc"));
        settings.setValue(QStringLiteral("engineer/publicKey"), QStringLiteral("not a key"));
        settings.setValue(QStringLiteral("engineer/requestId"), QStringLiteral("req-2"));
        settings.setValue(QStringLiteral("engineer/lastStatus"),
                          QStringLiteral("{\"id\":\"req-1\",\"status\":\"pending\"}"));
        settings.setValue(QStringLiteral("engineer/tunnelBackend"), QStringLiteral("carrier-pigeon"));
        const ClientProfile loaded = ClientProfile::load(settings);
        QVERIFY(!loaded.hubUrl.isValid());
        QVERIFY(loaded.pinnedFingerprint.isEmpty());
        QVERIFY(loaded.publicKey.isNull());
        QVERIFY(!loaded.lastStatus); // for another request than the one remembered
        QCOMPARE(loaded.backendPreference, BackendPreference::Automatic);
    }

    // A key replacement in progress survives a restart; a damaged one is dropped
    // rather than resumed with a key nobody registered.
    void replacementRoundTrip()
    {
        QSettings settings(m_dir.filePath(QStringLiteral("d.ini")), QSettings::IniFormat);
        ClientProfile profile;
        profile.requestId = QStringLiteral("req-1");
        RegistrationStatus pending;
        pending.id = QStringLiteral("req-2");
        pending.replaces = QStringLiteral("req-1");
        profile.replacement
            = ClientProfile::Replacement { test::freshPublicKey(), QStringLiteral("req-2"), pending };
        profile.replacementOutcome = QStringLiteral("Your new key was rejected.");
        profile.save(settings);
        ClientProfile loaded = ClientProfile::load(settings);
        QVERIFY(loaded.replacement);
        QCOMPARE(loaded.replacement->publicKey, profile.replacement->publicKey);
        QCOMPARE(loaded.replacement->requestId, QStringLiteral("req-2"));
        QVERIFY(loaded.replacement->lastStatus && *loaded.replacement->lastStatus == pending);
        QCOMPARE(loaded.replacementOutcome, profile.replacementOutcome);

        // Prepared but not sent: a key, no request.
        profile.replacement->requestId.clear();
        profile.replacement->lastStatus.reset();
        profile.save(settings);
        loaded = ClientProfile::load(settings);
        QVERIFY(loaded.replacement && loaded.replacement->requestId.isEmpty()
                && !loaded.replacement->lastStatus);
        QVERIFY(!settings.contains(QStringLiteral("engineer/replacement/lastStatus")));

        // A status for another request is dropped; a damaged key drops the replacement.
        settings.setValue(QStringLiteral("engineer/replacement/requestId"), QStringLiteral("req-3"));
        settings.setValue(QStringLiteral("engineer/replacement/lastStatus"),
                          QStringLiteral("{\"id\":\"req-2\",\"status\":\"pending\"}"));
        loaded = ClientProfile::load(settings);
        QVERIFY(loaded.replacement && !loaded.replacement->lastStatus);
        settings.setValue(QStringLiteral("engineer/replacement/publicKey"), QStringLiteral("not a key"));
        QVERIFY(!ClientProfile::load(settings).replacement);

        // Finished: nothing left behind.
        profile.replacement.reset();
        profile.save(settings);
        QVERIFY(!settings.contains(QStringLiteral("engineer/replacement/publicKey")));
        QVERIFY(!settings.contains(QStringLiteral("engineer/replacement/requestId")));
    }

    void emptyValuesAreRemoved()
    {
        QSettings settings(m_dir.filePath(QStringLiteral("c.ini")), QSettings::IniFormat);
        ClientProfile profile;
        profile.displayName = QStringLiteral("x");
        profile.requestId = QStringLiteral("r");
        profile.save(settings);
        profile.requestId.clear();
        profile.save(settings);
        QVERIFY(!settings.contains(QStringLiteral("engineer/requestId")));
        QVERIFY(!settings.contains(QStringLiteral("engineer/tunnelBackend")));
        QCOMPARE(settings.value(QStringLiteral("engineer/name")).toString(), QStringLiteral("x"));
    }
};

QTEST_GUILESS_MAIN(TestClientProfile)
#include "tst_clientprofile.moc"
