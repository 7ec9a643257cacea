// AccessJson: the admin API's invite, enrollment and token answers; what a hub
// may not slip into them. (The real hub's answers: tst_adminaccess.)
#include "AccessJson.h"

#include <QJsonDocument>
#include <QtTest>

using namespace fvpn;

namespace {

QJsonObject parse(const QByteArray &json)
{
    return QJsonDocument::fromJson(json).object();
}

QByteArray inviteJson()
{
    return QByteArrayLiteral(
        "{\"id\":\"0123456789abcdef\",\"note\":\"night shift\",\"created_at\":\"2026-11-22T10:00:00.000Z\","
        " \"created_by\":\"token:ops\",\"expires_at\":null,\"max_uses\":3,\"uses\":1,\"pre_approved\":false,"
        " \"revoked_at\":null,\"state\":\"usable\"}");
}

} // namespace

class TestAccessJson : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsInvites()
    {
        auto list = AccessJson::invites(parse("{\"invites\":[" + inviteJson() + "]}"));
        QVERIFY2(list.ok(), qPrintable(list ? QString() : list.error().message));
        QCOMPARE(list->size(), 1);
        const InviteInfo &i = list->first();
        QCOMPARE(i.id, QStringLiteral("0123456789abcdef"));
        QCOMPARE(i.uses, 1);
        QCOMPARE(i.maxUses, 3);
        QVERIFY(!i.expiresAt.isValid());
        QCOMPARE(i.createdAt, QDateTime(QDate(2026, 11, 22), QTime(10, 0), Qt::UTC));
        QCOMPARE(i.state, InviteState::Usable);
    }

    void refusesBadInvites_data()
    {
        QTest::addColumn<QByteArray>("from");
        QTest::addColumn<QByteArray>("to");
        QTest::addColumn<QString>("problem");
        QTest::newRow("unknown state") << QByteArray("\"usable\"") << QByteArray("\"spent\"")
                                       << QStringLiteral("invites[0].state 'spent' is not an invite state");
        QTest::newRow("control character in note")
            << QByteArray("night shift") << QByteArray("night\\u001b[2Jshift")
            << QStringLiteral("invites[0].note contains control characters");
        QTest::newRow("negative uses")
            << QByteArray("\"uses\":1") << QByteArray("\"uses\":-1")
            << QStringLiteral("invites[0].uses is not a whole number of at least 0");
        QTest::newRow("empty id") << QByteArray("\"0123456789abcdef\"") << QByteArray("\"\"")
                                  << QStringLiteral("invites[0].id is empty");
        QTest::newRow("bad time") << QByteArray("\"2026-11-22T10:00:00.000Z\"") << QByteArray("\"yesterday\"")
                                  << QStringLiteral(
                                         "invites[0].created_at 'yesterday' is not an ISO 8601 time");
    }

    void refusesBadInvites()
    {
        QFETCH(QByteArray, from);
        QFETCH(QByteArray, to);
        QFETCH(QString, problem);
        QByteArray invite = inviteJson();
        invite.replace(from, to);
        auto list = AccessJson::invites(parse("{\"invites\":[" + invite + "]}"));
        QVERIFY(!list.ok());
        QCOMPARE(list.error().code, ErrorCode::InvalidInput);
        QCOMPARE(list.error().message, problem);
    }

    void createdInviteCodeAndLinkMustFit()
    {
        const QByteArray good = "{\"invite\":" + inviteJson()
            + ",\"code\":\"0123456789abcdef.c2VjcmV0\",\"link\":\"factory-vpn://enroll?url=x&invite=y\"}";
        auto created = AccessJson::createdInvite(parse(good));
        QVERIFY2(created.ok(), qPrintable(created ? QString() : created.error().message));
        QCOMPARE(created->code, QStringLiteral("0123456789abcdef.c2VjcmV0"));

        QByteArray otherCode = good;
        otherCode.replace("\"0123456789abcdef.c2VjcmV0\"", "\"fedcba9876543210.c2VjcmV0\"");
        auto wrongCode = AccessJson::createdInvite(parse(otherCode));
        QVERIFY(!wrongCode.ok());
        QCOMPARE(wrongCode.error().message, QStringLiteral("code does not belong to the invite"));

        QByteArray web = good;
        web.replace("factory-vpn://enroll?", "https://evil.example/?");
        auto wrongLink = AccessJson::createdInvite(parse(web));
        QVERIFY(!wrongLink.ok());
        QCOMPARE(wrongLink.error().message, QStringLiteral("link is not a factory-vpn://enroll link"));

        auto noInvite = AccessJson::createdInvite(parse("{\"code\":\"x.y\"}"));
        QVERIFY(!noInvite.ok());
        QCOMPARE(noInvite.error().message, QStringLiteral("invite is not an object"));
    }

    void readsEnrollmentAndTokens()
    {
        auto e = AccessJson::enrollment(parse(
            "{\"url\":\"https://hub.example.com:8443\",\"fingerprint\":\"sha256:ab\","
            " \"link\":\"factory-vpn://enroll?url=https%3A%2F%2Fhub.example.com%3A8443&fp=sha256%3Aab\"}"));
        QVERIFY(e.ok());
        QCOMPARE(e->url, QStringLiteral("https://hub.example.com:8443"));
        auto noUrl
            = AccessJson::enrollment(parse("{\"url\":\"\",\"fingerprint\":\"sha256:ab\",\"link\":null}"));
        QVERIFY(noUrl.ok());
        QVERIFY(noUrl->link.isEmpty());

        auto tokens = AccessJson::tokens(
            parse("{\"tokens\":[{\"id\":\"3626f2d15993beb2\",\"name\":\"alice\","
                  " \"created_at\":\"2026-11-22T10:00:00Z\",\"last_used_at\":null,\"revoked_at\":null}]}"));
        QVERIFY(tokens.ok());
        QCOMPARE(tokens->size(), 1);
        QCOMPARE(tokens->first().name, QStringLiteral("alice"));
        QVERIFY(!tokens->first().lastUsedAt.isValid());
        auto notAList = AccessJson::tokens(parse("{\"tokens\":{}}"));
        QVERIFY(!notAList.ok());
        QCOMPARE(notAList.error().message, QStringLiteral("tokens is not a list"));
    }

    void newInviteBodyHasTheApiNames()
    {
        NewInviteSpec spec;
        spec.note = QStringLiteral("n");
        spec.maxUses = 2;
        spec.validForHours = 0;
        spec.preApproved = true;
        const QJsonObject body = AccessJson::newInviteBody(spec);
        QCOMPARE(body.value(u"note").toString(), QStringLiteral("n"));
        QCOMPARE(body.value(u"max_uses").toInt(), 2);
        QCOMPARE(body.value(u"valid_for_hours").toInt(), 0);
        QCOMPARE(body.value(u"pre_approved").toBool(), true);
        QCOMPARE(body.size(), 4);
    }
};

QTEST_GUILESS_MAIN(TestAccessJson)
#include "tst_accessjson.moc"
