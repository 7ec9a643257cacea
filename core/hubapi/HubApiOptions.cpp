#include "HubApiOptions.h"

#include "TextRules.h"

namespace fvpn {

namespace {

Error usage(const QString &message)
{
    return makeError(ErrorCode::InvalidInput, message);
}

Result<int> parseNumber(const QString &option, const QString &text, int min, int max)
{
    bool ok = false;
    const int value = text.toInt(&ok);
    if (!ok || value < min || value > max)
        return usage(QStringLiteral("%1 must be a number from %2 to %3, not '%4'")
                         .arg(option)
                         .arg(min)
                         .arg(max)
                         .arg(text.left(40)));
    return value;
}

} // namespace

Result<ListenAddress> ListenAddress::parse(QStringView text)
{
    const auto invalid = [&] {
        return usage(QStringLiteral("'%1' is not ADDRESS:PORT (for example 0.0.0.0:8443 or [::1]:8444)")
                         .arg(TextRules::containsControlCharacters(text) ? QStringLiteral("?")
                                                                         : text.left(80).toString()));
    };
    qsizetype colon = text.lastIndexOf(u':');
    if (colon <= 0)
        return invalid();
    QStringView host = text.first(colon);
    if (host.startsWith(u'[')) {
        if (!host.endsWith(u']'))
            return invalid();
        host = host.sliced(1, host.size() - 2);
    } else if (host.contains(u':')) {
        return invalid(); // IPv6 needs brackets
    }
    auto address = IpAddress::parse(host);
    if (!address)
        return invalid();
    bool ok = false;
    const uint port = text.sliced(colon + 1).toUInt(&ok);
    if (!ok || port < 1 || port > 65535)
        return invalid();
    return ListenAddress { address.value(), quint16(port) };
}

QString ListenAddress::toString() const
{
    return (address.isIPv6() ? u'[' + address.toString() + u']' : address.toString()) + u':'
        + QString::number(port);
}

Result<HubApiOptions> HubApiOptions::extract(QStringList &arguments)
{
    HubApiOptions options;
    options.publicListen = ListenAddress { IpAddress::fromIPv4(0), DefaultPublicPort };
    QStringList rest;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString &arg = arguments[i];
        QString name = arg;
        std::optional<QString> inlineValue;
        if (arg.startsWith(u"--") && arg.contains(u'=')) {
            name = arg.section(u'=', 0, 0);
            inlineValue = arg.section(u'=', 1);
        }
        static const QStringList valued {
            QStringLiteral("--public-listen"),      QStringLiteral("--admin-listen"),
            QStringLiteral("--tls-cert"),           QStringLiteral("--tls-key"),
            QStringLiteral("--public-url"),         QStringLiteral("--max-pending"),
            QStringLiteral("--registration-burst"), QStringLiteral("--directory-port"),
            QStringLiteral("--ssh-user"),           QStringLiteral("--metrics-listen")
        };
        if (name == u"--no-api" && !inlineValue) {
            options.disabled = true;
            continue;
        }
        if (!valued.contains(name)) {
            rest << arg;
            continue;
        }
        QString value;
        if (inlineValue) {
            value = *inlineValue;
        } else {
            if (i + 1 >= arguments.size())
                return usage(QStringLiteral("%1 needs a value").arg(name));
            value = arguments[++i];
        }
        if (name == u"--public-listen") {
            if (value == u"none") {
                options.publicListen.reset();
            } else {
                auto parsed = ListenAddress::parse(value);
                if (!parsed)
                    return usage(QStringLiteral("--public-listen: %1").arg(parsed.error().message));
                options.publicListen = parsed.value();
            }
        } else if (name == u"--admin-listen") {
            auto parsed = ListenAddress::parse(value);
            if (!parsed)
                return usage(QStringLiteral("--admin-listen: %1").arg(parsed.error().message));
            options.adminListen << parsed.value();
        } else if (name == u"--metrics-listen") {
            auto parsed = ListenAddress::parse(value);
            if (!parsed)
                return usage(QStringLiteral("--metrics-listen: %1").arg(parsed.error().message));
            options.metricsListen = parsed.value();
        } else if (name == u"--tls-cert") {
            options.tlsCert = value;
        } else if (name == u"--tls-key") {
            options.tlsKey = value;
        } else if (name == u"--public-url") {
            const QUrl url(value, QUrl::StrictMode);
            if (!url.isValid() || (url.scheme() != u"https" && url.scheme() != u"http")
                || url.host().isEmpty() || url.hasQuery() || url.hasFragment() || !url.userInfo().isEmpty()
                || !(url.path().isEmpty() || url.path() == u"/"))
                return usage(QStringLiteral("--public-url must be https://HOST[:PORT]"));
            options.publicUrl = url;
        } else if (name == u"--max-pending") {
            auto n = parseNumber(name, value, 1, 100000);
            if (!n)
                return n.error();
            options.maxPending = n.value();
        } else if (name == u"--registration-burst") {
            auto n = parseNumber(name, value, 1, 100000);
            if (!n)
                return n.error();
            options.registrationBurst = n.value();
        } else if (name == u"--directory-port") {
            if (value == u"none") {
                options.directoryPort.reset();
            } else {
                auto n = parseNumber(name, value, 1, 65535);
                if (!n)
                    return n.error();
                options.directoryPort = quint16(n.value());
            }
        } else if (name == u"--ssh-user") {
            if (!isSafeSshUser(value))
                return usage(
                    QStringLiteral("--ssh-user: 1 to 32 characters of A-Z a-z 0-9 . _ -, not starting "
                                   "with -"));
            options.sshUser = value;
        }
    }
    if (options.tlsCert.isEmpty() != options.tlsKey.isEmpty())
        return usage(QStringLiteral("--tls-cert and --tls-key go together"));
    // The admin side must never share the public socket: same port on a wildcard
    // public address would put admin routes within reach of the internet.
    const auto wildcard = [](const IpAddress &a) {
        return a == IpAddress::fromIPv4(0) || a == IpAddress::fromIPv6({});
    };
    if (options.publicListen) {
        for (const ListenAddress &admin : options.adminAddresses(IpAddress())) {
            const ListenAddress &pub = *options.publicListen;
            if (admin.port == pub.port
                && (admin.address == pub.address || wildcard(admin.address) || wildcard(pub.address))) {
                return usage(QStringLiteral("the admin listener %1 clashes with the public listener %2; use "
                                            "another port")
                                 .arg(admin.toString(), pub.toString()));
            }
        }
    }
    // The directory has a socket of its own on the VPN address: a wildcard
    // listener on its port would take it (a specific address is checked once the
    // VPN address is known, HubApiService).
    if (options.directoryPort) {
        QList<ListenAddress> others = options.adminListen;
        if (options.publicListen)
            others << *options.publicListen;
        for (const ListenAddress &other : std::as_const(others)) {
            if (other.port == *options.directoryPort
                && (other.address == IpAddress::fromIPv4(0) || other.address == IpAddress::fromIPv6({})))
                return usage(
                    QStringLiteral("--directory-port %1 clashes with the listener %2; use another port")
                        .arg(*options.directoryPort)
                        .arg(other.toString()));
        }
    }
    if (options.metricsListen) {
        // Counts of devices and the factory's name are nobody else's business: no
        // token here, so loopback only, unless the admin already exposes that address.
        const ListenAddress &metrics = *options.metricsListen;
        std::array<quint8, 16> ipv6Loopback {};
        ipv6Loopback[15] = 1;
        const bool loopback = metrics.address == IpAddress::fromIPv6(ipv6Loopback)
            || (metrics.address.isIPv4() && (metrics.address.toIPv4() >> 24) == 127);
        bool allowed = loopback;
        for (const ListenAddress &admin : std::as_const(options.adminListen))
            allowed = allowed || admin.address == metrics.address;
        if (!allowed)
            return usage(QStringLiteral("--metrics-listen %1: only a loopback address (127.0.0.0/8, ::1) or "
                                        "an address also given as --admin-listen; metrics have no token")
                             .arg(metrics.toString()));
        const QList<ListenAddress> taken = options.adminAddresses(IpAddress())
            + (options.publicListen ? QList<ListenAddress> { *options.publicListen }
                                    : QList<ListenAddress> {});
        for (const ListenAddress &other : taken) {
            if (other.port == metrics.port && (other.address == metrics.address || wildcard(other.address)))
                return usage(
                    QStringLiteral("--metrics-listen %1 clashes with the listener %2; use another port")
                        .arg(metrics.toString(), other.toString()));
        }
    }
    arguments = rest;
    return options;
}

bool HubApiOptions::isSafeSshUser(QStringView name)
{
    if (name.isEmpty() || name.size() > 32 || name.startsWith(u'-'))
        return false;
    for (const QChar c : name) {
        const bool allowed = (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9')
            || c == u'_' || c == u'-' || c == u'.';
        if (!allowed)
            return false;
    }
    return true;
}

QList<ListenAddress> HubApiOptions::adminAddresses(const IpAddress &hubAddress) const
{
    if (!adminListen.isEmpty())
        return adminListen;
    QList<ListenAddress> defaults { { IpAddress::fromIPv4(0x7f000001), DefaultAdminPort } };
    if (!hubAddress.isNull() && hubAddress != IpAddress::fromIPv4(0))
        defaults.prepend({ hubAddress, DefaultAdminPort });
    return defaults;
}

QString HubApiOptions::helpText()
{
    return QStringLiteral(R"(Hub API options (daemon and enable_run):
  --public-listen ADDR:PORT  registration and health, TLS (default 0.0.0.0:8443; 'none' turns it off)
  --admin-listen ADDR:PORT   admin API with bearer tokens; repeatable (default: the hub's VPN
                             address and 127.0.0.1, port 8444; never the public address unless given)
  --metrics-listen ADDR:PORT
                             GET /metrics (Prometheus) over plain HTTP without a token; loopback
                             only, or an address also given as --admin-listen (default: none;
                             the admin listener serves /metrics with a token either way)
  --tls-cert FILE, --tls-key FILE
                             the public listener's certificate and key (PEM); without them a
                             self-signed pair is made in the state dir and its fingerprint printed
  --public-url URL           the URL engineers use, for enrollment links
                             (default https://<endpoint host>:<public port>)
  --max-pending N            registrations waiting for an admin before new ones get 503 (default 200)
  --registration-burst N     registrations per source address before 429 (default 5, then 1 a minute)
  --directory-port PORT      the engineers' device directory, on the hub's VPN address only
                             (default 8445; 'none' turns it off)
  --ssh-user NAME            the account the directory names for "Copy ssh command" (e.g. fio)
  --no-api                   run without the hub API

Admin commands (work while the hub runs; --state-dir as for the daemon):
  token create --name NAME   make an admin API token and print it once
  token list                 list tokens (never their secrets)
  token revoke ID|NAME       revoke a token at once
  invite create [--uses N] [--valid-hours H] [--pre-approved] [--note TEXT]
                             make an invite code and its enrollment link
  invite list | invite revoke ID
)");
}

} // namespace fvpn
