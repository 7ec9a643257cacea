#include "HubAdminCommands.h"

#include "AtomicFile.h"
#include "AuditLog.h"
#include "EnrollmentLink.h"
#include "InviteStore.h"
#include "JsonViews.h"
#include "StateDatabase.h"
#include "StrictJson.h"
#include "TokenStore.h"

#include <QCommandLineParser>
#include <QDir>
#include <QJsonObject>
#include <QTextStream>

namespace fvpn {

namespace {

constexpr int ExitFailure = 1;
constexpr int ExitUsage = 2;
QString actor()
{
    return QStringLiteral("cli");
}

struct Context
{
    QTextStream &out;
    QTextStream &err;
    std::unique_ptr<StateDatabase> db;
};

int fail(QTextStream &err, const QString &message, int code = ExitFailure)
{
    err << "factory-vpn-hub: " << message << '\n';
    err.flush();
    return code;
}

QString date(const QDateTime &at)
{
    return at.isValid() ? at.toUTC().toString(Qt::ISODate) : QStringLiteral("-");
}

int tokenCreate(Context &c, const QString &name)
{
    if (name.isEmpty())
        return fail(c.err, QStringLiteral("token create needs --name NAME"), ExitUsage);
    TokenStore tokens(*c.db);
    AuditLog audit(*c.db);
    std::optional<TokenStore::Created> created;
    auto done = c.db->transaction([&]() -> Result<void> {
        auto made = tokens.create(name);
        if (!made)
            return made.error();
        created = made.value();
        if (auto a = audit.record(actor(), QStringLiteral("token.create"), name, QJsonValue(),
                                  JsonViews::token(made->token));
            !a)
            return a.error();
        return {};
    });
    if (!done)
        return fail(c.err, done.error().message);
    // The token alone on stdout, so `TOKEN=$(factory-vpn-hub token create --name x)` works.
    c.out << created->secretText << '\n';
    c.err << "Admin token '" << name << "' (id " << created->token.id
          << ") created. It is shown only now: the hub keeps just a hash.\n";
    return 0;
}

int tokenList(Context &c)
{
    auto list = TokenStore(*c.db).list();
    if (!list)
        return fail(c.err, list.error().message);
    c.out << QStringLiteral("%1  %2  %3  %4  %5\n")
                 .arg(QStringLiteral("ID"), -16)
                 .arg(QStringLiteral("NAME"), -24)
                 .arg(QStringLiteral("CREATED"), -20)
                 .arg(QStringLiteral("LAST USED"), -20)
                 .arg(QStringLiteral("STATE"));
    for (const AdminToken &t : list.value()) {
        c.out << QStringLiteral("%1  %2  %3  %4  %5\n")
                     .arg(t.id, -16)
                     .arg(t.name, -24)
                     .arg(date(t.createdAt), -20)
                     .arg(date(t.lastUsedAt), -20)
                     .arg(t.revokedAt.isValid() ? QStringLiteral("revoked ") + date(t.revokedAt)
                                                : QStringLiteral("live"));
    }
    return 0;
}

int tokenRevoke(Context &c, const QString &idOrName)
{
    TokenStore tokens(*c.db);
    AuditLog audit(*c.db);
    std::optional<AdminToken> revoked;
    auto done = c.db->transaction([&]() -> Result<void> {
        auto r = tokens.revoke(idOrName);
        if (!r)
            return r.error();
        revoked = r.value();
        if (auto a = audit.record(actor(), QStringLiteral("token.revoke"), r->name, QJsonValue(),
                                  JsonViews::token(r.value()));
            !a)
            return a.error();
        return {};
    });
    if (!done)
        return fail(c.err, done.error().message);
    c.out << "Token '" << revoked->name << "' (id " << revoked->id << ") revoked.\n";
    return 0;
}

EnrollmentLink publicInfo(const QString &stateDir)
{
    EnrollmentLink link;
    auto raw = AtomicFile::read(
        QDir(stateDir).filePath(QString::fromLatin1(HubAdminCommands::PublicInfoFile)), 64 * 1024);
    if (!raw)
        return link;
    const QJsonObject o = StrictJson::parseObject(raw.value()).valueOr(QJsonObject());
    link.hubUrl = QUrl(o.value(u"public_url").toString());
    link.fingerprint = o.value(u"fingerprint").toString();
    return link;
}

int inviteCreate(Context &c, const QCommandLineParser &p, const QString &stateDir)
{
    NewInvite invite;
    invite.createdBy = actor();
    invite.note = p.value(QStringLiteral("note"));
    bool ok = true;
    if (p.isSet(QStringLiteral("uses"))) {
        invite.maxUses = p.value(QStringLiteral("uses")).toInt(&ok);
        if (!ok)
            return fail(c.err, QStringLiteral("--uses must be a number"), ExitUsage);
    }
    if (p.isSet(QStringLiteral("valid-hours"))) {
        const qint64 hours = p.value(QStringLiteral("valid-hours")).toLongLong(&ok);
        if (!ok || hours < 0 || hours > 10 * 365 * 24)
            return fail(c.err, QStringLiteral("--valid-hours must be a number of hours (0: no expiry)"),
                        ExitUsage);
        invite.validForSecs = hours * 3600;
    }
    invite.preApproved = p.isSet(QStringLiteral("pre-approved"));
    InviteStore invites(*c.db);
    AuditLog audit(*c.db);
    std::optional<InviteStore::Created> created;
    auto done = c.db->transaction([&]() -> Result<void> {
        auto made = invites.create(invite);
        if (!made)
            return made.error();
        created = made.value();
        if (auto a = audit.record(actor(), QStringLiteral("invite.create"), made->invite.id, QJsonValue(),
                                  JsonViews::invite(made->invite, c.db->nowMs()));
            !a)
            return a.error();
        return {};
    });
    if (!done)
        return fail(c.err, done.error().message);
    c.out << "Invite code: " << created->code << '\n';
    EnrollmentLink link = publicInfo(stateDir);
    link.invite = created->code;
    if (link.validate())
        c.out << "Enrollment link: " << link.toString() << '\n';
    else
        c.err << "No enrollment link: start the hub with its public listener first (it records its URL and "
                 "certificate fingerprint), or hand out the code with the hub's URL.\n";
    c.err << "Uses: " << created->invite.maxUses << ", expires: " << date(created->invite.expiresAt)
          << (created->invite.preApproved ? ", pre-approved" : "") << '\n';
    return 0;
}

int inviteList(Context &c)
{
    auto list = InviteStore(*c.db).list();
    if (!list)
        return fail(c.err, list.error().message);
    for (const Invite &i : list.value()) {
        const QJsonObject view = JsonViews::invite(i, c.db->nowMs());
        c.out << i.id << "  " << view.value(u"state").toString() << "  uses " << i.uses << '/' << i.maxUses
              << "  expires " << date(i.expiresAt) << (i.preApproved ? "  pre-approved" : "") << "  "
              << i.note << '\n';
    }
    return 0;
}

int inviteRevoke(Context &c, const QString &id)
{
    InviteStore invites(*c.db);
    AuditLog audit(*c.db);
    auto done = c.db->transaction([&]() -> Result<void> {
        auto r = invites.revoke(id);
        if (!r)
            return r.error();
        if (auto a = audit.record(actor(), QStringLiteral("invite.revoke"), id, QJsonValue(),
                                  JsonViews::invite(r.value(), c.db->nowMs()));
            !a)
            return a.error();
        return {};
    });
    if (!done)
        return fail(c.err, done.error().message);
    c.out << "Invite " << id << " revoked.\n";
    return 0;
}

} // namespace

bool HubAdminCommands::handles(const QStringList &arguments)
{
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString &a = arguments[i];
        if (a == u"--state-dir") {
            ++i; // its value
            continue;
        }
        if (a.startsWith(u'-'))
            continue;
        return a == u"token" || a == u"invite";
    }
    return false;
}

int HubAdminCommands::run(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    QCommandLineParser p;
    p.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    p.addOptions(
        { { QStringLiteral("state-dir"), QStringLiteral("State folder."), QStringLiteral("DIR"),
            QStringLiteral("/var/lib/factory-vpn") },
          { QStringLiteral("name"), QStringLiteral("Token name."), QStringLiteral("NAME") },
          { QStringLiteral("uses"), QStringLiteral("Invite uses."), QStringLiteral("N") },
          { QStringLiteral("valid-hours"), QStringLiteral("Invite validity."), QStringLiteral("HOURS") },
          { QStringLiteral("pre-approved"),
            QStringLiteral("Approve registrations with the invite at once.") },
          { QStringLiteral("note"), QStringLiteral("Invite note."), QStringLiteral("TEXT") } });
    p.addPositionalArgument(QStringLiteral("command"), QStringLiteral("token or invite"));
    if (!p.parse(QStringList { QStringLiteral("factory-vpn-hub") } + arguments))
        return fail(err, p.errorText(), ExitUsage);
    const QStringList words = p.positionalArguments();
    const QString group = words.value(0);
    const QString verb = words.value(1);
    const auto usage = [&] {
        return fail(
            err,
            QStringLiteral("use: token create --name NAME | token list | token revoke ID|NAME | "
                           "invite create [--uses N] [--valid-hours H] [--pre-approved] [--note TEXT] | "
                           "invite list | invite revoke ID"),
            ExitUsage);
    };
    const bool needsArgument = verb == u"revoke";
    if (words.size() != (needsArgument ? 3 : 2))
        return usage();
    const QString stateDir = p.value(QStringLiteral("state-dir"));
    auto db = StateDatabase::open(stateDir);
    if (!db)
        return fail(err, db.error().message);
    Context c { out, err, std::move(db).value() };
    int code = -1;
    if (group == u"token") {
        if (verb == u"create")
            code = tokenCreate(c, p.value(QStringLiteral("name")));
        else if (verb == u"list")
            code = tokenList(c);
        else if (verb == u"revoke")
            code = tokenRevoke(c, words.value(2));
    } else if (group == u"invite") {
        if (verb == u"create")
            code = inviteCreate(c, p, stateDir);
        else if (verb == u"list")
            code = inviteList(c);
        else if (verb == u"revoke")
            code = inviteRevoke(c, words.value(2));
    }
    out.flush();
    err.flush();
    return code < 0 ? usage() : code;
}

} // namespace fvpn
