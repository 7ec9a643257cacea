#include "FakeInvites.h"

#include "FakeHub.h"

#include <QHttpServerRequest>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

namespace fvpn::test {

namespace {

QJsonValue time(const QDateTime &at)
{
    return at.isValid() ? QJsonValue(at.toUTC().toString(Qt::ISODateWithMs)) : QJsonValue(QJsonValue::Null);
}

QJsonObject inviteJson(const InviteInfo &i)
{
    return { { QStringLiteral("id"), i.id },
             { QStringLiteral("note"), i.note },
             { QStringLiteral("created_at"), time(i.createdAt) },
             { QStringLiteral("created_by"), i.createdBy },
             { QStringLiteral("expires_at"), time(i.expiresAt) },
             { QStringLiteral("max_uses"), i.maxUses },
             { QStringLiteral("uses"), i.uses },
             { QStringLiteral("pre_approved"), i.preApproved },
             { QStringLiteral("revoked_at"), time(i.revokedAt) },
             { QStringLiteral("state"), inviteStateName(i.state) } };
}

QHttpServerResponse json(const QJsonObject &o, QHttpServerResponder::StatusCode status)
{
    return QHttpServerResponse("application/json", QJsonDocument(o).toJson(QJsonDocument::Compact), status);
}

} // namespace

InviteInfo &FakeInvites::add(const QString &note, int maxUses, int uses, int validForHours, bool preApproved)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    InviteInfo i;
    i.id = QStringLiteral("%1").arg(0xfa000000 + ++m_counter, 16, 16, QChar(u'0'));
    i.note = note;
    i.createdAt = now;
    i.createdBy = QStringLiteral("token:ops");
    i.expiresAt = validForHours > 0 ? now.addSecs(qint64(validForHours) * 3600) : QDateTime();
    i.maxUses = maxUses;
    i.uses = uses;
    i.preApproved = preApproved;
    i.state = uses >= maxUses ? InviteState::Used : InviteState::Usable;
    invites.append(i);
    return invites.last();
}

QString FakeInvites::linkWith(const QString &code) const
{
    QString link = QStringLiteral("factory-vpn://enroll?url=")
        + QString::fromLatin1(QUrl::toPercentEncoding(enrollment.url)) + QStringLiteral("&fp=")
        + QString::fromLatin1(QUrl::toPercentEncoding(enrollment.fingerprint));
    return code.isEmpty() ? link : link + QStringLiteral("&invite=") + code;
}

QHttpServerResponse FakeInvites::list() const
{
    QJsonArray items;
    for (const InviteInfo &i : invites)
        items.append(inviteJson(i));
    return json({ { QStringLiteral("invites"), items } }, QHttpServerResponder::StatusCode::Ok);
}

QHttpServerResponse FakeInvites::create(const QHttpServerRequest &request)
{
    const QJsonObject body = QJsonDocument::fromJson(request.body()).object();
    InviteInfo &i = add(body.value(u"note").toString(), body.value(u"max_uses").toInt(1), 0,
                        body.value(u"valid_for_hours").toInt(7 * 24), body.value(u"pre_approved").toBool());
    i.createdBy = QStringLiteral("token:admin");
    const QString code = i.id + QStringLiteral(".ZmFrZS1pbnZpdGUtc2VjcmV0");
    return json({ { QStringLiteral("invite"), inviteJson(i) },
                  { QStringLiteral("code"), code },
                  { QStringLiteral("link"), linkWith(code) } },
                QHttpServerResponder::StatusCode::Created);
}

QHttpServerResponse FakeInvites::revoke(const QString &id)
{
    for (InviteInfo &i : invites) {
        if (i.id != id)
            continue;
        if (i.revokedAt.isValid())
            return apiError(409, QStringLiteral("conflict"),
                            QStringLiteral("the invite was already revoked"));
        i.revokedAt = QDateTime::currentDateTimeUtc();
        i.state = InviteState::Revoked;
        return json(inviteJson(i), QHttpServerResponder::StatusCode::Ok);
    }
    return apiError(404, QStringLiteral("not_found"), QStringLiteral("no invite %1").arg(id.left(20)));
}

QHttpServerResponse FakeInvites::enrollmentAnswer() const
{
    return json({ { QStringLiteral("url"), enrollment.url },
                  { QStringLiteral("fingerprint"), enrollment.fingerprint },
                  { QStringLiteral("link"), linkWith({}) } },
                QHttpServerResponder::StatusCode::Ok);
}

} // namespace fvpn::test
