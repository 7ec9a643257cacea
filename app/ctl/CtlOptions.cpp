#include "CtlOptions.h"

#include "AdminProfile.h"
#include "IpAddress.h"
#include "PublicKey.h"
#include "TextRules.h"

#include <QCommandLineParser>
#include <QFile>
#include <QRegularExpression>
#include <QSet>

using namespace Qt::StringLiterals;

namespace fvpn {

namespace {

struct CommandSpec
{
    QString name;
    QString usage;
    QString summary;
    int minArguments = 0;
    int maxArguments = 0;
    QStringList options; // long names of the command options it accepts
};

CommandSpec spec(const QString &name, const QString &usage, const QString &summary, int minArguments = 0,
                 int maxArguments = 0, const QStringList &options = {})
{
    return CommandSpec { name, usage, summary, minArguments, maxArguments, options };
}

const QList<CommandSpec> &commandSpecs()
{
    static const QList<CommandSpec> specs {
        spec(u"devices"_s, u"devices"_s, u"factory devices with their VPN address and tunnel state"_s),
        spec(u"clients"_s, u"clients"_s, u"client peers (engineers) from factory-clients.conf"_s),
        spec(u"requests"_s, u"requests [--status S]"_s,
             u"registration requests (pending by default; S: approved, rejected, revoked, cancelled, all)"_s,
             0, 0, QStringList { u"status"_s }),
        spec(u"approve"_s, u"approve REQUEST_ID [--address A]"_s,
             u"approve a request (the hub picks the next free address unless --address)"_s, 1, 1,
             QStringList { u"address"_s }),
        spec(u"reject"_s, u"reject REQUEST_ID --reason TEXT"_s,
             u"reject a request; the engineer sees the reason"_s, 1, 1, QStringList { u"reason"_s }),
        spec(u"revoke"_s, u"revoke PUBLIC_KEY [--reason TEXT]"_s, u"take a client peer off the VPN"_s, 1, 1,
             QStringList { u"reason"_s }),
        spec(u"settings"_s, u"settings"_s, u"the hub's settings"_s),
        spec(u"device-to-device"_s, u"device-to-device on|off"_s,
             u"let devices reach each other (needs devices that route the subnet)"_s, 1, 1),
        spec(u"pool"_s, u"pool"_s, u"the VPN subnet, how full it is, the next free address"_s),
        spec(u"audit"_s, u"audit [--limit N] [--action A]"_s,
             u"who did what, newest first (N: 1-500, default 50)"_s, 0, 0,
             QStringList { u"limit"_s, u"action"_s }),
        spec(u"clients-file get"_s, u"clients-file get"_s,
             u"factory-clients.conf to stdout, its ETag to stderr"_s),
        spec(u"clients-file put"_s, u"clients-file put FILE [--if-match ETAG]"_s,
             u"replace factory-clients.conf (FILE '-' is stdin); without --if-match it replaces "
             "whatever the hub has"_s,
             1, 1, QStringList { u"if-match"_s }),
        spec(u"enrollment"_s, u"enrollment"_s,
             u"the plain enrollment link to pass to engineers, with the hub's URL and fingerprint"_s),
        spec(u"invites"_s, u"invites"_s, u"invites: state, uses, expiry, pre-approved, who made them"_s),
        spec(u"invite create"_s,
             u"invite create [--uses N] [--valid-hours H] [--pre-approved] [--note TEXT]"_s,
             u"a new invite link, shown once (N: 1-10000, default 1; H: 0-87600, default 168, 0 never "
             "expires)"_s,
             0, 0, QStringList { u"uses"_s, u"valid-hours"_s, u"pre-approved"_s, u"note"_s }),
        spec(u"invite revoke"_s, u"invite revoke INVITE_ID"_s, u"make an invite unusable"_s, 1, 1),
        spec(u"tokens"_s, u"tokens"_s, u"admin tokens: name, created, last used, revoked (never a secret)"_s),
        spec(u"token revoke"_s, u"token revoke TOKEN_ID"_s,
             u"revoke an admin token; the hub refuses it from then on"_s, 1, 1),
        spec(u"events"_s, u"events"_s,
             u"follow the hub's events as they happen, one a line (--json: one JSON object a line), "
             "reconnecting by itself, until Ctrl+C"_s),
    };
    return specs;
}

const QStringList &commandOptionNames()
{
    static const QStringList names { u"status"_s,       u"address"_s,  u"reason"_s, u"limit"_s,
                                     u"action"_s,       u"if-match"_s, u"uses"_s,   u"valid-hours"_s,
                                     u"pre-approved"_s, u"note"_s };
    return names;
}

Error usage(const QString &message)
{
    return makeError(ErrorCode::InvalidInput, message);
}

void addOptions(QCommandLineParser &parser)
{
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    parser.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsOptions);
    parser.addOptions({
        { { u"h"_s, u"help"_s }, u"Show this help."_s },
        { u"version"_s, u"Show the version."_s },
        { u"json"_s, u"Print JSON for scripts instead of tables."_s },
        { u"url"_s, u"The hub's admin API (default %1)."_s.arg(QLatin1StringView(CtlOptions::DefaultUrl)),
          u"URL"_s },
        { u"token-file"_s,
          u"Read the admin token from FILE (else from $%1). There is no --token option: "
          "a token on the command line is visible to every user through ps."_s.arg(
              QLatin1StringView(CtlOptions::TokenVariable)),
          u"FILE"_s },
        { u"pin"_s, u"SHA-256 fingerprint of the hub's TLS certificate (https URLs)."_s, u"SHA256"_s },
        { u"timeout"_s, u"Seconds to wait for the hub (default 15)."_s, u"SECONDS"_s },
        { u"status"_s, u"requests: which requests to list."_s, u"S"_s },
        { u"address"_s, u"approve: the address to give."_s, u"A"_s },
        { u"reason"_s, u"reject, revoke: why (shown to the engineer)."_s, u"TEXT"_s },
        { u"limit"_s, u"audit: how many entries."_s, u"N"_s },
        { u"action"_s, u"audit: only this action (request.approve, client.revoke, ...)."_s, u"A"_s },
        { u"if-match"_s, u"clients-file put: the ETag the edit started from."_s, u"ETAG"_s },
        { u"uses"_s, u"invite create: how many registrations the invite allows."_s, u"N"_s },
        { u"valid-hours"_s, u"invite create: hours until it expires (0: never)."_s, u"H"_s },
        { u"pre-approved"_s, u"invite create: approve its registrations at once."_s },
        { u"note"_s, u"invite create: what it is for (shown in `invites`)."_s, u"TEXT"_s },
    });
}

// A free text the hub stores and shows in one line: --reason, --note.
Result<void> checkText(const QString &option, const QString &text, int maxCharacters)
{
    if (TextRules::containsControlCharacters(text))
        return usage(u"--%1: control characters (newlines, tabs, escapes) are not allowed"_s.arg(option));
    if (text.size() > maxCharacters)
        return usage(u"--%1: at most %2 characters"_s.arg(option).arg(maxCharacters));
    return {};
}

// An integer option's value within [min, max]; nullopt when it is not one.
std::optional<int> number(const QString &text, int min, int max)
{
    bool ok = false;
    const int value = text.toInt(&ok);
    if (!ok || value < min || value > max)
        return std::nullopt;
    return value;
}

// Invite and token ids are 16 lowercase hex digits. The argument is never quoted
// back: people paste a whole token or invite code ("ID.SECRET") here.
Result<void> checkAccessId(const CtlOptions &o)
{
    static const QRegularExpression accessId(u"^[0-9a-f]{16}$"_s);
    if (accessId.match(o.arguments[0]).hasMatch())
        return {};
    const QString what = o.command == u"token revoke" ? u"token"_s : u"invite"_s;
    QString text
        = u"%1: expected the %2's id, 16 lowercase hex digits as `%2s` lists them"_s.arg(o.command, what);
    if (o.arguments[0].contains(u'.'))
        text += u" (not a whole %1: only the part before the dot)"_s.arg(what == u"token" ? u"token"_s
                                                                                          : u"invite code"_s);
    return usage(text);
}

Result<void> checkArguments(CtlOptions &o)
{
    static const QRegularExpression requestId(u"^[0-9a-f]{32}$"_s);
    if (o.command == u"approve" || o.command == u"reject") {
        o.arguments[0] = o.arguments[0].toLower();
        if (!requestId.match(o.arguments[0]).hasMatch())
            return usage(u"'%1' is not a request id (32 hex digits, as `requests` lists them)"_s.arg(
                o.arguments[0].left(80)));
    }
    if (o.command == u"approve" && !o.address.isEmpty()) {
        if (Result<IpAddress> a = IpAddress::parse(o.address); !a)
            return usage(u"--address: %1"_s.arg(a.error().message));
    }
    if (o.command == u"reject") {
        if (o.reason.trimmed().isEmpty())
            return usage(u"reject needs --reason TEXT: the engineer is shown why"_s);
    }
    if (o.command == u"reject" || o.command == u"revoke") {
        if (Result<void> r = checkText(u"reason"_s, o.reason, 500); !r)
            return r.error();
    }
    if (o.command == u"invite create") {
        // The hub's own limit, checked here so a long note is not sent only to be refused.
        if (Result<void> r = checkText(u"note"_s, o.invite.note, 300); !r)
            return r.error();
    }
    if (o.command == u"invite revoke" || o.command == u"token revoke") {
        if (Result<void> r = checkAccessId(o); !r)
            return r.error();
    }
    if (o.command == u"revoke") {
        if (Result<PublicKey> key = PublicKey::fromBase64(o.arguments[0]); !key)
            return usage(u"'%1' is not a WireGuard public key: %2"_s.arg(o.arguments[0].left(80),
                                                                         key.error().message));
    }
    if (o.command == u"device-to-device" && o.arguments[0] != u"on" && o.arguments[0] != u"off")
        return usage(u"device-to-device takes 'on' or 'off', not '%1'"_s.arg(o.arguments[0].left(80)));
    if (o.command == u"requests" && !o.status.isEmpty()) {
        static const QStringList statuses { u"pending"_s, u"approved"_s,  u"rejected"_s,
                                            u"revoked"_s, u"cancelled"_s, u"all"_s };
        if (!statuses.contains(o.status))
            return usage(u"--status: expected one of %1"_s.arg(statuses.join(u", ")));
    }
    if (o.command == u"audit" && !o.action.isEmpty() && TextRules::containsControlCharacters(o.action))
        return usage(u"--action: control characters are not allowed"_s);
    if (o.ifMatch && (o.ifMatch->isEmpty() || TextRules::containsControlCharacters(*o.ifMatch)))
        return usage(u"--if-match: expected the ETag `clients-file get` printed, or '*'"_s);
    return {};
}

} // namespace

Result<CtlOptions> CtlOptions::parse(const QStringList &arguments)
{
    for (const QString &argument : arguments) {
        // Said plainly, since people try it; the value that followed is not repeated.
        if (argument == u"--token" || argument.startsWith(u"--token="))
            return usage(u"there is no --token option (ps would show the token to every user); "
                         "use --token-file FILE or $%1"_s.arg(QLatin1StringView(TokenVariable)));
    }
    QCommandLineParser parser;
    addOptions(parser);
    if (!parser.parse(QStringList { u"factory-vpn-ctl"_s } + arguments))
        return usage(parser.errorText());

    CtlOptions o;
    o.help = parser.isSet(u"help"_s);
    o.version = parser.isSet(u"version"_s);
    if (o.help || o.version)
        return o;
    o.json = parser.isSet(u"json"_s);

    QStringList positional = parser.positionalArguments();
    if (positional.isEmpty())
        return usage(u"no command given; see factory-vpn-ctl --help"_s);
    o.command = positional.takeFirst();
    // Commands with a verb ("clients-file get", "invite create") are listed with it.
    QStringList verbs;
    for (const CommandSpec &s : commandSpecs()) {
        if (s.name.startsWith(o.command + u' '))
            verbs << u"'%1'"_s.arg(s.name.section(u' ', 1));
    }
    if (!verbs.isEmpty()) {
        if (positional.isEmpty() || !verbs.contains(u"'%1'"_s.arg(positional[0]))) {
            QString text = u"%1 needs %2"_s.arg(o.command, verbs.join(u" or "));
            if (o.command == u"token")
                text += u"; tokens are made on the hub: factory-vpn-hub token create --name NAME"_s;
            return usage(text);
        }
        o.command += u' ' + positional.takeFirst();
    }
    const CommandSpec *spec = nullptr;
    for (const CommandSpec &s : commandSpecs()) {
        if (s.name == o.command)
            spec = &s;
    }
    if (!spec)
        return usage(u"unknown command '%1'; see factory-vpn-ctl --help"_s.arg(o.command.left(80)));
    if (positional.size() < spec->minArguments || positional.size() > spec->maxArguments)
        return usage(u"usage: factory-vpn-ctl %1"_s.arg(spec->usage));
    o.arguments = positional;

    for (const QString &name : commandOptionNames()) {
        if (parser.isSet(name) && !spec->options.contains(name))
            return usage(u"--%1 does not apply to %2"_s.arg(name, o.command));
    }
    o.status = parser.value(u"status"_s);
    o.address = parser.value(u"address"_s);
    o.reason = parser.value(u"reason"_s);
    o.action = parser.value(u"action"_s);
    if (parser.isSet(u"if-match"_s))
        o.ifMatch = parser.value(u"if-match"_s);
    if (parser.isSet(u"limit"_s)) {
        o.limit = number(parser.value(u"limit"_s), 1, 500);
        if (!o.limit)
            return usage(u"--limit: expected a number from 1 to 500"_s);
    }
    if (parser.isSet(u"timeout"_s)) {
        const std::optional<int> seconds = number(parser.value(u"timeout"_s), 1, 3600);
        if (!seconds)
            return usage(u"--timeout: expected seconds from 1 to 3600"_s);
        o.timeoutSeconds = *seconds;
    }
    if (parser.isSet(u"uses"_s)) {
        const std::optional<int> uses = number(parser.value(u"uses"_s), 1, NewInviteSpec::MaxUses);
        if (!uses)
            return usage(u"--uses: expected a number from 1 to %1"_s.arg(NewInviteSpec::MaxUses));
        o.invite.maxUses = *uses;
    }
    if (parser.isSet(u"valid-hours"_s)) {
        const std::optional<int> hours
            = number(parser.value(u"valid-hours"_s), 0, NewInviteSpec::MaxValidForHours);
        if (!hours)
            return usage(u"--valid-hours: expected hours from 0 (never expires) to %1 (ten years)"_s.arg(
                NewInviteSpec::MaxValidForHours));
        o.invite.validForHours = *hours;
    }
    o.invite.preApproved = parser.isSet(u"pre-approved"_s);
    o.invite.note = parser.value(u"note"_s);

    // The same checks the desktop app applies to a hub profile.
    QString pin = parser.value(u"pin"_s).trimmed();
    if (pin.startsWith(u"sha256:", Qt::CaseInsensitive))
        pin = pin.mid(7);
    const QString url = parser.isSet(u"url"_s) ? parser.value(u"url"_s) : QString::fromLatin1(DefaultUrl);
    Result<AdminProfile> profile = AdminProfile::make(u"ctl"_s, u"factory-vpn-ctl"_s, url, pin);
    if (!profile)
        return usage(profile.error().message);
    o.url = profile->adminUrl;
    o.pin = profile->pin;
    o.tokenFile = parser.value(u"token-file"_s);

    if (Result<void> checked = checkArguments(o); !checked)
        return checked.error();
    return o;
}

QString CtlOptions::helpText()
{
    QCommandLineParser parser;
    addOptions(parser);
    parser.setApplicationDescription(
        u"Factory VPN admin command line: the hub's admin API from a terminal."_s);
    parser.addPositionalArgument(u"command"_s, u"What to do (see Commands below)."_s, u"COMMAND [ARGS]"_s);
    QString text = parser.helpText();
    text += u"\nCommands:\n"_s;
    int width = 0;
    for (const CommandSpec &s : commandSpecs())
        width = std::max(width, int(s.usage.size()));
    for (const CommandSpec &s : commandSpecs())
        text += u"  %1  %2\n"_s.arg(s.usage.leftJustified(width), s.summary);
    text += u"\nThe token comes from --token-file FILE or $%1, never from the command line.\n"
            "Exit codes: 0 done, 1 the hub refused or could not be reached (the reason on stderr),\n"
            "2 usage error (nothing was sent).\n"_s.arg(QLatin1StringView(TokenVariable));
    return text;
}

Result<QString> CtlOptions::loadToken() const
{
    QString token;
    QString source;
    if (!tokenFile.isEmpty()) {
        QFile file(tokenFile);
        if (!file.open(QIODevice::ReadOnly))
            return usage(u"--token-file: cannot read %1 (%2)"_s.arg(tokenFile, file.errorString()));
        // A token file is one line; a trailing newline from `echo` is not part of it.
        token = QString::fromUtf8(file.read(4096)).trimmed();
        source = u"the token in %1"_s.arg(tokenFile);
    } else {
        token = qEnvironmentVariable(TokenVariable).trimmed();
        source = u"$%1"_s.arg(QLatin1StringView(TokenVariable));
        if (token.isEmpty())
            return usage(u"no admin token: pass --token-file FILE or set $%1 "
                         "(`factory-vpn-hub token create --name NAME` makes one)"_s.arg(
                             QLatin1StringView(TokenVariable)));
    }
    // The checker's message never quotes the token itself.
    if (Result<QString> checked = AdminProfile::checkToken(token); !checked)
        return usage(u"%1 is not usable: %2"_s.arg(source, checked.error().message));
    return token;
}

QString CtlOptions::tokenId(const QString &token)
{
    const qsizetype dot = token.indexOf(u'.');
    return dot > 0 ? token.left(dot) : QString();
}

} // namespace fvpn
