// AdminClient's invite, enrollment and token calls against the real
// factory-vpn-hub process (tests/hubapi/HubProcess) over real HTTP.
#include "AdminClient.h"
#include "AdminTestUtil.h"
#include "HubProcess.h"

#include <QUrlQuery>
#include <QtTest>

using namespace fvpn;
using namespace fvpn::test;

class TestAdminAccess : public QObject
{
    Q_OBJECT

    std::unique_ptr<HubProcess> m_hub;
    std::unique_ptr<AdminClient> m_client;

    template<typename T> Result<T> call(const std::function<void(AdminClient::Done<T>)> &start)
    {
        return waitFor<T>(start);
    }
    static QString why(const auto &result) { return result ? QString() : result.error().message; }

private Q_SLOTS:
    void initTestCase()
    {
        m_hub = std::make_unique<HubProcess>();
        QVERIFY2(m_hub->start(), qPrintable(m_hub->log()));
        m_client = std::make_unique<AdminClient>();
        m_client->setHub(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_hub->adminPort())), m_hub->token());
    }

    void enrollmentLinkCarriesUrlAndPinnedFingerprint()
    {
        auto e = call<EnrollmentInfo>([this](auto done) { m_client->enrollment(this, done); });
        QVERIFY2(e.ok(), qPrintable(why(e)));
        QCOMPARE(e->fingerprint, QStringLiteral("sha256:") + m_hub->fingerprintHex());
        QVERIFY(e->url.startsWith(u"https://"));
        const QUrlQuery query(QUrl(e->link).query());
        QCOMPARE(query.queryItemValue(QStringLiteral("url"), QUrl::FullyDecoded), e->url);
        QCOMPARE(query.queryItemValue(QStringLiteral("fp"), QUrl::FullyDecoded), e->fingerprint);
        QVERIFY(!query.hasQueryItem(QStringLiteral("invite")));
    }

    void createListAndRevokeAnInvite()
    {
        NewInviteSpec spec;
        spec.note = QStringLiteral("night shift");
        spec.maxUses = 3;
        spec.validForHours = 48;
        spec.preApproved = true;
        const QDateTime before = QDateTime::currentDateTimeUtc();
        auto created = call<CreatedInvite>([&](auto done) { m_client->createInvite(spec, this, done); });
        QVERIFY2(created.ok(), qPrintable(why(created)));
        const InviteInfo &invite = created->invite;
        QCOMPARE(invite.note, spec.note);
        QCOMPARE(invite.maxUses, 3);
        QCOMPARE(invite.uses, 0);
        QVERIFY(invite.preApproved);
        QCOMPARE(invite.state, InviteState::Usable);
        QCOMPARE(invite.createdBy, QStringLiteral("token:process-test"));
        QVERIFY(qAbs(invite.expiresAt.secsTo(before.addSecs(48 * 3600))) < 60);
        QVERIFY(created->code.startsWith(invite.id + u'.'));
        QCOMPARE(QUrlQuery(QUrl(created->link).query()).queryItemValue(QStringLiteral("invite")),
                 created->code);

        auto listed = call<QList<InviteInfo>>([this](auto done) { m_client->invites(this, done); });
        QVERIFY2(listed.ok(), qPrintable(why(listed)));
        const auto it = std::find_if(listed->cbegin(), listed->cend(),
                                     [&invite](const InviteInfo &i) { return i.id == invite.id; });
        QVERIFY(it != listed->cend());
        QCOMPARE(*it, invite);

        auto revoked = call<InviteInfo>([&](auto done) { m_client->revokeInvite(invite.id, this, done); });
        QVERIFY2(revoked.ok(), qPrintable(why(revoked)));
        QCOMPARE(revoked->state, InviteState::Revoked);
        QVERIFY(revoked->revokedAt.isValid());

        // Revoking twice is a conflict, an unknown invite is not found; nothing changes.
        auto again = call<InviteInfo>([&](auto done) { m_client->revokeInvite(invite.id, this, done); });
        QVERIFY(!again.ok());
        QCOMPARE(again.error().code, ErrorCode::Conflict);
        auto unknown = call<InviteInfo>(
            [&](auto done) { m_client->revokeInvite(QStringLiteral("0123456789abcdef"), this, done); });
        QVERIFY(!unknown.ok());
        QCOMPARE(unknown.error().code, ErrorCode::NotFound);
    }

    void neverExpiringInvite()
    {
        NewInviteSpec spec;
        spec.validForHours = 0;
        auto created = call<CreatedInvite>([&](auto done) { m_client->createInvite(spec, this, done); });
        QVERIFY2(created.ok(), qPrintable(why(created)));
        QVERIFY(!created->invite.expiresAt.isValid());
        QCOMPARE(created->invite.maxUses, 1);
        QVERIFY(!created->invite.preApproved);
    }

    void hubRefusesAnInviteOutOfRange_data()
    {
        QTest::addColumn<int>("maxUses");
        QTest::addColumn<int>("hours");
        QTest::addColumn<QString>("note");
        QTest::newRow("no uses") << 0 << 24 << QString();
        QTest::newRow("too many uses") << NewInviteSpec::MaxUses + 1 << 24 << QString();
        QTest::newRow("negative hours") << 1 << -1 << QString();
        QTest::newRow("newline in note") << 1 << 24 << QStringLiteral("line\nbreak");
    }

    void hubRefusesAnInviteOutOfRange()
    {
        QFETCH(int, maxUses);
        QFETCH(int, hours);
        QFETCH(QString, note);
        auto before = call<QList<InviteInfo>>([this](auto done) { m_client->invites(this, done); });
        QVERIFY(before.ok());
        NewInviteSpec spec;
        spec.maxUses = maxUses;
        spec.validForHours = hours;
        spec.note = note;
        auto created = call<CreatedInvite>([&](auto done) { m_client->createInvite(spec, this, done); });
        QVERIFY(!created.ok());
        QCOMPARE(created.error().code, ErrorCode::InvalidInput);
        QVERIFY2(!created.error().message.isEmpty(), "the hub says why");
        auto after = call<QList<InviteInfo>>([this](auto done) { m_client->invites(this, done); });
        QVERIFY(after.ok());
        QCOMPARE(after->size(), before->size());
    }

    void tokensAreListedWithoutSecretsAndRevoked()
    {
        int code = -1;
        const QString second = QString::fromLatin1(
            m_hub->runCommand({ u"token"_qs, u"create"_qs, u"--name"_qs, u"laptop-lost"_qs }, &code)
                .trimmed());
        QCOMPARE(code, 0);
        auto listed = call<QList<AdminTokenInfo>>([this](auto done) { m_client->tokens(this, done); });
        QVERIFY2(listed.ok(), qPrintable(why(listed)));
        QCOMPARE(listed->size(), 2);
        const auto lost = std::find_if(listed->cbegin(), listed->cend(),
                                       [](const AdminTokenInfo &t) { return t.name == u"laptop-lost"; });
        QVERIFY(lost != listed->cend());
        QVERIFY(!second.contains(u' ') && second.startsWith(lost->id + u'.'));
        QVERIFY(!lost->lastUsedAt.isValid());

        auto revoked = call<AdminTokenInfo>([&](auto done) { m_client->revokeToken(lost->id, this, done); });
        QVERIFY2(revoked.ok(), qPrintable(why(revoked)));
        QVERIFY(revoked->revokedAt.isValid());
        // The revoked token no longer opens the admin API; ours still does.
        AdminClient other;
        other.setHub(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_hub->adminPort())), second);
        auto refused = waitFor<QList<AdminTokenInfo>>([&](auto done) { other.tokens(this, done); });
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().code, ErrorCode::PermissionDenied);
        auto again = call<AdminTokenInfo>([&](auto done) { m_client->revokeToken(lost->id, this, done); });
        QVERIFY(!again.ok());
        QCOMPARE(again.error().code, ErrorCode::Conflict);
    }

    void cleanupTestCase()
    {
        m_client.reset();
        m_hub.reset();
    }
};

QTEST_GUILESS_MAIN(TestAdminAccess)
#include "tst_adminaccess.moc"
