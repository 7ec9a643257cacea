#include "AccessJson.h"

#include "JsonFieldReader.h"

namespace fvpn {

namespace {

int smallCount(JsonFieldReader &r, const QString &name)
{
    const quint64 n = r.count(name);
    if (!r.failed() && n > quint64(NewInviteSpec::MaxUses))
        r.fail(name, QStringLiteral("is larger than %1").arg(NewInviteSpec::MaxUses));
    return int(qMin<quint64>(n, quint64(NewInviteSpec::MaxUses)));
}

InviteInfo readInvite(JsonFieldReader &r)
{
    InviteInfo i;
    i.id = r.nonEmptyString(QStringLiteral("id"));
    i.note = r.string(QStringLiteral("note"), true);
    i.createdAt = r.time(QStringLiteral("created_at"));
    i.createdBy = r.string(QStringLiteral("created_by"), true);
    i.expiresAt = r.time(QStringLiteral("expires_at"));
    i.maxUses = smallCount(r, QStringLiteral("max_uses"));
    i.uses = smallCount(r, QStringLiteral("uses"));
    i.preApproved = r.boolean(QStringLiteral("pre_approved"));
    i.revokedAt = r.time(QStringLiteral("revoked_at"));
    const QString state = r.string(QStringLiteral("state"));
    if (!r.failed()) {
        if (auto s = inviteStateFromName(state))
            i.state = *s;
        else
            r.fail(QStringLiteral("state"),
                   QStringLiteral("'%1' is not an invite state").arg(state.left(20)));
    }
    return i;
}

AdminTokenInfo readToken(JsonFieldReader &r)
{
    AdminTokenInfo t;
    t.id = r.nonEmptyString(QStringLiteral("id"));
    t.name = r.string(QStringLiteral("name"), true);
    t.createdAt = r.time(QStringLiteral("created_at"));
    t.lastUsedAt = r.time(QStringLiteral("last_used_at"));
    t.revokedAt = r.time(QStringLiteral("revoked_at"));
    return t;
}

// An enrollment link must be the app's own scheme: the admin passes it on to
// engineers, so a hub must not be able to slip them another kind of link.
QString enrollmentLink(JsonFieldReader &r)
{
    QString link = r.string(QStringLiteral("link"), true);
    if (!r.failed() && !link.isEmpty() && !link.startsWith(u"factory-vpn://enroll?")) {
        r.fail(QStringLiteral("link"), QStringLiteral("is not a factory-vpn://enroll link"));
        return {};
    }
    return link;
}

} // namespace

Result<QList<InviteInfo>> AccessJson::invites(const QJsonObject &answer)
{
    std::optional<Error> error;
    JsonFieldReader top(answer, QString(), &error);
    QList<InviteInfo> list = readJsonList<InviteInfo>(top, QStringLiteral("invites"), &error, readInvite);
    return finishJson(std::move(list), error);
}

Result<InviteInfo> AccessJson::invite(const QJsonObject &answer)
{
    std::optional<Error> error;
    JsonFieldReader r(answer, QString(), &error);
    InviteInfo i = readInvite(r);
    return finishJson(std::move(i), error);
}

Result<CreatedInvite> AccessJson::createdInvite(const QJsonObject &answer)
{
    std::optional<Error> error;
    JsonFieldReader top(answer, QString(), &error);
    CreatedInvite created;
    const QJsonValue invite = top.value(QStringLiteral("invite"));
    if (!invite.isObject()) {
        top.fail(QStringLiteral("invite"), QStringLiteral("is not an object"));
    } else {
        const QJsonObject object = invite.toObject();
        JsonFieldReader r(object, QStringLiteral("invite"), &error);
        created.invite = readInvite(r);
    }
    created.code = top.string(QStringLiteral("code"));
    if (!top.failed() && !created.code.startsWith(created.invite.id + u'.'))
        top.fail(QStringLiteral("code"), QStringLiteral("does not belong to the invite"));
    created.link = enrollmentLink(top);
    return finishJson(std::move(created), error);
}

Result<EnrollmentInfo> AccessJson::enrollment(const QJsonObject &answer)
{
    std::optional<Error> error;
    JsonFieldReader r(answer, QString(), &error);
    EnrollmentInfo e;
    e.url = r.string(QStringLiteral("url"), true);
    e.fingerprint = r.string(QStringLiteral("fingerprint"), true);
    e.link = enrollmentLink(r);
    return finishJson(std::move(e), error);
}

Result<QList<AdminTokenInfo>> AccessJson::tokens(const QJsonObject &answer)
{
    std::optional<Error> error;
    JsonFieldReader top(answer, QString(), &error);
    QList<AdminTokenInfo> list
        = readJsonList<AdminTokenInfo>(top, QStringLiteral("tokens"), &error, readToken);
    return finishJson(std::move(list), error);
}

Result<AdminTokenInfo> AccessJson::token(const QJsonObject &answer)
{
    std::optional<Error> error;
    JsonFieldReader r(answer, QString(), &error);
    AdminTokenInfo t = readToken(r);
    return finishJson(std::move(t), error);
}

QJsonObject AccessJson::newInviteBody(const NewInviteSpec &spec)
{
    return { { QStringLiteral("note"), spec.note },
             { QStringLiteral("max_uses"), spec.maxUses },
             { QStringLiteral("valid_for_hours"), spec.validForHours },
             { QStringLiteral("pre_approved"), spec.preApproved } };
}

} // namespace fvpn
