// "Replace my key" without widgets: the KeyReplacer's states driven through the
// EngineerSession against a TLS fake hub, with the keys in a real gnome-keyring
// (tests/keyring-session.sh) and a stand-in tunnel backend.
#include "AsyncWait.h"
#include "EngineerFixtures.h"
#include "EngineerSession.h"
#include "FakeHub.h"
#include "FakeTunnelBackend.h"
#include "HubLink.h"
#include "KeyManager.h"
#include "KeyReplacer.h"
#include "RegistrationTracker.h"
#include "SecretStore.h"

#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QUuid>
#include <QtTest>

#include <memory>

using namespace fvpn;
using namespace fvpn::test;
using namespace std::chrono_literals;

namespace {

// One hub for the whole test: every approval names the same hub key.
const PublicKey &replacerHubKey()
{
    static const PublicKey key = freshPublicKey();
    return key;
}

// One engineer's app; restart() ends the session as a quit or crash would (the
// keychain and the settings stay) and starts a new one on the same state.
struct Rig
{
    explicit Rig(const TlsIdentity &identity)
        : hub(identity)
        , secrets(QStringLiteral("factory-vpn-replace-") + QUuid::createUuid().toString(QUuid::WithoutBraces))
        , settings(dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat)
    {
        start();
    }

    ~Rig()
    {
        session.reset();
        for (const char *entry : { KeyManager::DefaultEntry, KeyManager::NextEntry,
                                   EngineerSession::SecretEntry, KeyReplacer::SecretEntry })
            (void)remove(QString::fromLatin1(entry));
    }

    void start()
    {
        EngineerSession::Dependencies dependencies;
        dependencies.secrets = &secrets;
        dependencies.settings = &settings;
        dependencies.identity = testIdentity();
        dependencies.backendFactory = [this](BackendKind, QObject *parent) -> TunnelBackend * {
            auto *made = new FakeTunnelBackend(parent);
            // The interface outlives the app: a restarted app finds it up.
            made->isUp = tunnelUp;
            made->upKey = tunnelKey;
            made->hubKey = tunnelHubKey;
            backend = made;
            return made;
        };
        session = std::make_unique<EngineerSession>(dependencies);
        session->setConnectWhenApproved(false); // the tests connect by hand
        RegistrationTracker::Backoff fast;
        fast.first = 20ms;
        fast.max = 100ms;
        fast.approvedInterval = 100ms;
        session->tracker()->setBackoff(fast);
        session->keyReplacer()->tracker()->setBackoff(fast);
        session->tunnel()->monitor()->setPollInterval(50ms);
    }

    void restart()
    {
        if (backend) {
            tunnelUp = backend->isUp;
            tunnelKey = backend->upKey;
            tunnelHubKey = backend->hubKey;
        }
        session.reset();
        start();
    }

    Result<SecureBuffer> load(const QString &entry)
    {
        return waitFor<SecureBuffer>(
            [&](QObject *context, auto done) { secrets.load(entry, context, done); });
    }
    Result<void> remove(const QString &entry)
    {
        return waitFor<void>([&](QObject *context, auto done) { secrets.remove(entry, context, done); });
    }
    // The public half of the key kept in `entry`, or a null key.
    PublicKey keyIn(const char *entry)
    {
        const Result<SecureBuffer> text = load(QString::fromLatin1(entry));
        if (!text)
            return {};
        const Result<PrivateKey> key = PrivateKey::fromBase64(text->view());
        return key ? key->publicKey() : PublicKey();
    }
    QString secretIn(const char *entry)
    {
        const Result<SecureBuffer> text = load(QString::fromLatin1(entry));
        return text ? QString::fromUtf8(text->view()) : QString();
    }
    bool absent(const char *entry)
    {
        const Result<SecureBuffer> text = load(QString::fromLatin1(entry));
        return !text && text.error().code == ErrorCode::NotFound;
    }

    KeyReplacer::Phase phase() const { return session->keyReplacer()->phase(); }
    const ClientProfile &profile() const { return session->profile(); }

    QTemporaryDir dir;
    FakeHub hub;
    SecretStore secrets;
    QSettings settings;
    std::unique_ptr<EngineerSession> session;
    QPointer<FakeTunnelBackend> backend;
    bool tunnelUp = false;
    PublicKey tunnelKey;
    PublicKey tunnelHubKey;
};

} // namespace

class TestKeyReplacer : public QObject
{
    Q_OBJECT

    TlsIdentity m_identity;

    // Registered, approved at 10.42.42.2 and connected.
    bool approvedAndConnected(Rig &rig)
    {
        if (!rig.session->setEnrollment(HubLink(rig.hub.url(), rig.hub.fingerprint(), QString()).toString()))
            return false;
        rig.session->generateKey();
        if (!QTest::qWaitFor([&]() { return !rig.profile().publicKey.isNull(); }, 60000))
            return false;
        rig.session->submitRegistration(QStringLiteral("Alice Example"));
        if (!QTest::qWaitFor([&]() { return !rig.profile().requestId.isEmpty(); }, 60000))
            return false;
        rig.hub.approve(rig.profile().requestId,
                        approvedTunnelJson(QStringLiteral("10.42.42.2"), replacerHubKey()));
        if (!QTest::qWaitFor([&]() { return rig.session->state() == AppState::Disconnected; }, 60000))
            return false;
        rig.session->tunnel()->connectTunnel();
        return QTest::qWaitFor([&]() { return rig.session->state() == AppState::Connected; }, 60000);
    }

    // Asks for the replacement and waits until the hub has it.
    bool pendingReplacement(Rig &rig)
    {
        rig.session->replaceKey();
        return QTest::qWaitFor([&]() { return rig.phase() == KeyReplacer::Phase::Pending; }, 60000);
    }

    bool settled(Rig &rig)
    {
        return QTest::qWaitFor(
            [&]() {
                return rig.phase() == KeyReplacer::Phase::None && !rig.session->isBusy()
                    && !rig.session->keyReplacer()->isTidying();
            },
            60000);
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_identity = makeTlsIdentity();
        QVERIFY(!m_identity.fingerprint.isEmpty());
    }

    void approvedReplacementTakesOverAndDeletesTheOldKey()
    {
        Rig rig(m_identity);
        QVERIFY(approvedAndConnected(rig));
        const PublicKey oldKey = rig.profile().publicKey;
        const QString oldId = rig.profile().requestId;
        const QString oldSecret = rig.secretIn(EngineerSession::SecretEntry);
        QCOMPARE(rig.keyIn(KeyManager::DefaultEntry), oldKey);
        QCOMPARE(rig.phase(), KeyReplacer::Phase::None);

        QVERIFY(pendingReplacement(rig));
        const PublicKey newKey = rig.profile().replacement->publicKey;
        const QString newId = rig.profile().replacement->requestId;
        QVERIFY(!(newKey == oldKey));
        // Sent as a replacement of the current request, same name and computer.
        const FakeHub::Request sent = rig.hub.requests().value(newId);
        QCOMPARE(sent.body.value(QStringLiteral("replaces")).toString(), oldId);
        QCOMPARE(sent.body.value(QStringLiteral("public_key")).toString(), newKey.toBase64());
        QCOMPARE(sent.body.value(QStringLiteral("name")).toString(), QStringLiteral("Alice Example"));
        QCOMPARE(sent.body.value(QStringLiteral("hostname")).toString(), QStringLiteral("alice-laptop"));
        QVERIFY(!sent.body.contains(QStringLiteral("invite")));
        // The new key waits in the second entry; the old one still does the work.
        QCOMPARE(rig.keyIn(KeyManager::NextEntry), newKey);
        QCOMPARE(rig.keyIn(KeyManager::DefaultEntry), oldKey);
        QCOMPARE(rig.secretIn(KeyReplacer::SecretEntry), sent.secret);
        QCOMPARE(rig.secretIn(EngineerSession::SecretEntry), oldSecret);
        QCOMPARE(rig.profile().publicKey, oldKey);
        QCOMPARE(rig.session->state(), AppState::Connected);
        QVERIFY2(rig.session->keyReplacementText().contains(QStringLiteral("waiting for an administrator")),
                 qPrintable(rig.session->keyReplacementText()));
        QVERIFY(rig.session->keyReplacementText().contains(newKey.fingerprint()));
        // Asking again while one is under way changes nothing.
        QSignalSpy errors(rig.session.get(), &EngineerSession::errorOccurred);
        rig.session->replaceKey();
        QCOMPARE(errors.size(), 1);
        QCOMPARE(rig.profile().replacement->requestId, newId);

        const int downsBefore = rig.backend->downs;
        rig.hub.approveReplacement(newId, approvedTunnelJson(QStringLiteral("10.42.42.9"), replacerHubKey()));
        QVERIFY(settled(rig));

        QCOMPARE(rig.profile().publicKey, newKey);
        QCOMPARE(rig.profile().requestId, newId);
        QVERIFY(rig.profile().isApproved());
        QCOMPARE(rig.profile().lastStatus->tunnel.address.toString(), QStringLiteral("10.42.42.9"));
        QVERIFY(!rig.profile().replacement);
        // The old key is gone from the keychain; the new one is the key now.
        QCOMPARE(rig.keyIn(KeyManager::DefaultEntry), newKey);
        QVERIFY(rig.absent(KeyManager::NextEntry));
        QCOMPARE(rig.secretIn(EngineerSession::SecretEntry), sent.secret);
        QVERIFY(rig.absent(KeyReplacer::SecretEntry));
        // The tunnel came back with the new key and address.
        QTRY_COMPARE_WITH_TIMEOUT(rig.session->state(), AppState::Connected, 60000);
        QCOMPARE(rig.backend->upKey, newKey);
        QCOMPARE(rig.backend->downs, downsBefore + 1);
        QCOMPARE(rig.session->tunnel()->tunnel().address.toString(), QStringLiteral("10.42.42.9"));
        QVERIFY2(rig.session->keyReplacementText().contains(QStringLiteral("old key was deleted")),
                 qPrintable(rig.session->keyReplacementText()));
        // The new request is the one followed now.
        QCOMPARE(rig.session->tracker()->lastStatus()->id, newId);

        // And it survives a restart as the plain approved state.
        rig.restart();
        QCOMPARE(rig.profile().publicKey, newKey);
        QCOMPARE(rig.phase(), KeyReplacer::Phase::None);
        QCOMPARE(rig.keyIn(KeyManager::DefaultEntry), newKey);
    }

    // The hub revokes the old request in the same step as it approves the new
    // one; if the app sees the revocation first it must not tear anything down.
    void oldRequestRevokedFirstIsNotARevocation()
    {
        Rig rig(m_identity);
        QVERIFY(approvedAndConnected(rig));
        RegistrationTracker::Backoff slow;
        slow.first = 1h;
        slow.max = 1h;
        rig.session->keyReplacer()->tracker()->setBackoff(slow);
        QVERIFY(pendingReplacement(rig));
        const PublicKey newKey = rig.profile().replacement->publicKey;
        QVector<AppState> states;
        connect(rig.session.get(), &EngineerSession::stateChanged, this,
                [&states](AppState state) { states.append(state); });

        rig.hub.approveReplacement(rig.profile().replacement->requestId,
                                   approvedTunnelJson(QStringLiteral("10.42.42.2"), replacerHubKey()));
        rig.session->tracker()->pollNow(); // the old request: revoked, replaced_by the new one
        QVERIFY(settled(rig));
        QCOMPARE(rig.profile().publicKey, newKey);
        QVERIFY(!states.contains(AppState::NotRegistered));
        QCOMPARE(rig.keyIn(KeyManager::DefaultEntry), newKey);
    }

    void rejectedReplacementKeepsTheOldKey()
    {
        Rig rig(m_identity);
        QVERIFY(approvedAndConnected(rig));
        const PublicKey oldKey = rig.profile().publicKey;
        const QString oldId = rig.profile().requestId;
        QVERIFY(pendingReplacement(rig));
        rig.hub.decide(rig.profile().replacement->requestId, QStringLiteral("rejected"),
                       QStringLiteral("use your work laptop"));
        QVERIFY(settled(rig));
        QCOMPARE(rig.profile().publicKey, oldKey);
        QCOMPARE(rig.profile().requestId, oldId);
        QCOMPARE(rig.keyIn(KeyManager::DefaultEntry), oldKey);
        QVERIFY(rig.absent(KeyManager::NextEntry));
        QVERIFY(rig.absent(KeyReplacer::SecretEntry));
        QCOMPARE(rig.session->state(), AppState::Connected);
        QCOMPARE(rig.backend->downs, 0);
        const QString text = rig.session->keyReplacementText();
        QVERIFY2(text.contains(QStringLiteral("rejected"))
                     && text.contains(QStringLiteral("use your work laptop")),
                 qPrintable(text));
        // The outcome is remembered, and another replacement can start.
        rig.restart();
        QCOMPARE(rig.session->keyReplacementText(), text);
        QVERIFY(pendingReplacement(rig));
    }

    void withdrawnReplacementKeepsTheOldKey()
    {
        Rig rig(m_identity);
        QVERIFY(approvedAndConnected(rig));
        const PublicKey oldKey = rig.profile().publicKey;
        QVERIFY(pendingReplacement(rig));
        const QString newId = rig.profile().replacement->requestId;
        rig.session->cancelKeyReplacement();
        QVERIFY(settled(rig));
        QCOMPARE(rig.hub.requests().value(newId).status, QStringLiteral("cancelled"));
        QCOMPARE(rig.keyIn(KeyManager::DefaultEntry), oldKey);
        QVERIFY(rig.absent(KeyManager::NextEntry));
        QVERIFY(rig.session->keyReplacementText().contains(QStringLiteral("withdrew")));
    }

    void hubRefusalKeepsTheOldKey_data()
    {
        QTest::addColumn<int>("status");
        QTest::newRow("conflict") << 409;
        QTest::newRow("unavailable") << 503;
        QTest::newRow("rate limited") << 429;
    }
    void hubRefusalKeepsTheOldKey()
    {
        QFETCH(int, status);
        Rig rig(m_identity);
        QVERIFY(approvedAndConnected(rig));
        const PublicKey oldKey = rig.profile().publicKey;
        QSignalSpy errors(rig.session.get(), &EngineerSession::errorOccurred);
        rig.hub.failCreateWith = status;
        rig.session->replaceKey();
        QVERIFY(errors.wait(60000));
        QVERIFY(settled(rig));
        QVERIFY2(errors.first().first().toString().contains(QStringLiteral("HTTP %1").arg(status)),
                 qPrintable(errors.first().first().toString()));
        QCOMPARE(rig.profile().publicKey, oldKey);
        QCOMPARE(rig.keyIn(KeyManager::DefaultEntry), oldKey);
        QVERIFY(rig.absent(KeyManager::NextEntry));
        QVERIFY(rig.session->keyReplacementText().contains(QStringLiteral("not replaced")));
    }

    void onlyAnApprovedKeyCanBeReplaced()
    {
        Rig rig(m_identity);
        QSignalSpy errors(rig.session.get(), &EngineerSession::errorOccurred);
        rig.session->replaceKey();
        QCOMPARE(errors.size(), 1);
        QVERIFY(errors.first().first().toString().contains(QStringLiteral("approved")));
        QCOMPARE(rig.phase(), KeyReplacer::Phase::None);
        QVERIFY(rig.absent(KeyManager::NextEntry));
    }

    void accessRevokedWhilePendingDropsTheReplacement()
    {
        Rig rig(m_identity);
        QVERIFY(approvedAndConnected(rig));
        QVERIFY(pendingReplacement(rig));
        const QString newId = rig.profile().replacement->requestId;
        // The admin revokes the old key; the hub rejects its replacement with it.
        rig.hub.decide(rig.profile().requestId, QStringLiteral("revoked"), QStringLiteral("lost laptop"));
        rig.hub.decide(newId, QStringLiteral("rejected"),
                       QStringLiteral("the key it would replace was revoked"));
        QTRY_COMPARE_WITH_TIMEOUT(rig.session->state(), AppState::NotRegistered, 60000);
        QVERIFY(settled(rig));
        QVERIFY(rig.absent(KeyManager::NextEntry));
        QVERIFY(rig.absent(KeyReplacer::SecretEntry));
        QVERIFY(!rig.backend->isUp);
    }

    // Restarts at each recorded step carry on from there.
    void restartWhilePendingResumes()
    {
        Rig rig(m_identity);
        QVERIFY(approvedAndConnected(rig));
        QVERIFY(pendingReplacement(rig));
        const PublicKey newKey = rig.profile().replacement->publicKey;
        const QString newId = rig.profile().replacement->requestId;
        rig.restart();
        QCOMPARE(rig.phase(), KeyReplacer::Phase::Pending);
        QCOMPARE(rig.profile().replacement->requestId, newId);
        QTRY_VERIFY_WITH_TIMEOUT(rig.session->keyReplacer()->tracker()->isTracking(), 60000);
        rig.hub.approveReplacement(newId, approvedTunnelJson(QStringLiteral("10.42.42.2"), replacerHubKey()));
        QVERIFY(settled(rig));
        QCOMPARE(rig.profile().publicKey, newKey);
        QCOMPARE(rig.keyIn(KeyManager::DefaultEntry), newKey);
        QVERIFY(rig.absent(KeyManager::NextEntry));
        // The tunnel that outlived the app came back with the new key.
        QTRY_COMPARE_WITH_TIMEOUT(rig.backend->upKey, newKey, 60000);
    }

    // Killed after the new key was recorded but before the hub's answer was kept:
    // the request may or may not have reached the hub. It is made again with a
    // fresh key (the real hub cancels the unrecorded one; tests/hubapi).
    void restartBeforeTheRequestWasKeptSendsAgain()
    {
        Rig rig(m_identity);
        QVERIFY(approvedAndConnected(rig));
        const PublicKey oldKey = rig.profile().publicKey;
        const Result<PublicKey> orphan = waitFor<PublicKey>([&](QObject *context, auto done) {
            rig.session->keyReplacer()->nextKeys()->generate(context, done);
        });
        QVERIFY(orphan);
        ClientProfile profile = ClientProfile::load(rig.settings);
        profile.replacement = ClientProfile::Replacement { *orphan, QString(), std::nullopt };
        profile.save(rig.settings);
        const int requestsBefore = int(rig.hub.requests().size());

        rig.restart();
        QTRY_COMPARE_WITH_TIMEOUT(rig.phase(), KeyReplacer::Phase::Pending, 60000);
        const PublicKey newKey = rig.profile().replacement->publicKey;
        QVERIFY(!(newKey == *orphan));
        QVERIFY(!(newKey == oldKey));
        QCOMPARE(int(rig.hub.requests().size()), requestsBefore + 1);
        QCOMPARE(rig.keyIn(KeyManager::NextEntry), newKey);
        QCOMPARE(rig.keyIn(KeyManager::DefaultEntry), oldKey);
    }

    // Killed while switching: with the new key still in its entry, or already
    // moved into the main entry (and its entry removed). Both finish the switch.
    void restartWhileSwitchingFinishes_data()
    {
        QTest::addColumn<bool>("alreadyMoved");
        QTest::newRow("before the key moved") << false;
        QTest::newRow("after the key moved") << true;
    }
    void restartWhileSwitchingFinishes()
    {
        QFETCH(bool, alreadyMoved);
        Rig rig(m_identity);
        QVERIFY(approvedAndConnected(rig));
        const PublicKey oldKey = rig.profile().publicKey;
        RegistrationTracker::Backoff slow;
        slow.first = 1h;
        slow.max = 1h;
        rig.session->keyReplacer()->tracker()->setBackoff(slow);
        rig.session->tracker()->setBackoff(slow);
        QVERIFY(pendingReplacement(rig));
        const PublicKey newKey = rig.profile().replacement->publicKey;
        const QString newId = rig.profile().replacement->requestId;
        const QString newSecret = rig.secretIn(KeyReplacer::SecretEntry);
        rig.hub.approveReplacement(newId, approvedTunnelJson(QStringLiteral("10.42.42.2"), replacerHubKey()));
        // What the app had recorded when it was killed: the approval, not the switch.
        ClientProfile profile = ClientProfile::load(rig.settings);
        RegistrationStatus approved;
        approved.id = newId;
        approved.state = RegistrationState::Approved;
        approved.replaces = rig.profile().requestId;
        approved.tunnel
            = TunnelParameters::fromJson(approvedTunnelJson(QStringLiteral("10.42.42.2"), replacerHubKey()))
                  .value();
        profile.replacement->lastStatus = approved;
        rig.session.reset();
        profile.save(rig.settings);
        if (alreadyMoved) {
            const Result<PrivateKey> next = waitFor<PrivateKey>([&](QObject *context, auto done) {
                KeyManager(&rig.secrets, QString::fromLatin1(KeyManager::NextEntry)).load(context, done);
            });
            QVERIFY(next);
            QVERIFY(waitFor<void>([&](QObject *context, auto done) {
                rig.secrets.store(QString::fromLatin1(KeyManager::DefaultEntry), next->toBase64(), context,
                                  done);
            }));
            QVERIFY(rig.remove(QString::fromLatin1(KeyManager::NextEntry)));
        }

        rig.start();
        QVERIFY(settled(rig));
        QCOMPARE(rig.profile().publicKey, newKey);
        QCOMPARE(rig.profile().requestId, newId);
        QCOMPARE(rig.keyIn(KeyManager::DefaultEntry), newKey);
        QVERIFY(!(rig.keyIn(KeyManager::DefaultEntry) == oldKey));
        QVERIFY(rig.absent(KeyManager::NextEntry));
        QCOMPARE(rig.secretIn(EngineerSession::SecretEntry), newSecret);
        QVERIFY(rig.absent(KeyReplacer::SecretEntry));
    }

    // A replacement key that is not the registered one is never adopted.
    void adoptChecksTheKey()
    {
        Rig rig(m_identity);
        KeyManager main(&rig.secrets);
        KeyManager next(&rig.secrets, QString::fromLatin1(KeyManager::NextEntry));
        const Result<PublicKey> current
            = waitFor<PublicKey>([&](QObject *context, auto done) { main.generate(context, done); });
        const Result<PublicKey> made
            = waitFor<PublicKey>([&](QObject *context, auto done) { next.generate(context, done); });
        QVERIFY(current && made);

        const Result<void> wrong = waitFor<void>(
            [&](QObject *context, auto done) { main.adopt(&next, freshPublicKey(), context, done); });
        QVERIFY(!wrong);
        QCOMPARE(wrong.error().code, ErrorCode::InvalidInput);
        QCOMPARE(rig.keyIn(KeyManager::DefaultEntry), *current);

        const Result<void> right
            = waitFor<void>([&](QObject *context, auto done) { main.adopt(&next, *made, context, done); });
        QVERIFY2(right, qPrintable(failure(right)));
        QCOMPARE(rig.keyIn(KeyManager::DefaultEntry), *made);
        // Repeated after the second entry is gone: done already.
        QVERIFY(rig.remove(QString::fromLatin1(KeyManager::NextEntry)));
        QVERIFY(waitFor<void>([&](QObject *context, auto done) { main.adopt(&next, *made, context, done); }));
        // But with neither entry holding it: NotFound, nothing changed.
        const Result<void> lost = waitFor<void>(
            [&](QObject *context, auto done) { main.adopt(&next, freshPublicKey(), context, done); });
        QVERIFY(!lost);
        QCOMPARE(lost.error().code, ErrorCode::NotFound);
        QCOMPARE(rig.keyIn(KeyManager::DefaultEntry), *made);
    }
};

QTEST_GUILESS_MAIN(TestKeyReplacer)
#include "tst_keyreplacer.moc"
