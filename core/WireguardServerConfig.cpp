#include "WireguardServerConfig.h"

#include "QuotedInput.h"
#include "TextRules.h"

#include <QHash>
#include <QStringList>

namespace fvpn {

namespace {

// Upstream split the endpoint on a single ':', which an unbracketed IPv6 address
// breaks; say so rather than only "invalid".
QString endpointProblem(QStringView value, const Error &error)
{
    if (!value.startsWith(u'[') && value.count(u':') > 1) {
        return QStringLiteral("endpoint %1: an IPv6 address must be in brackets, as in [2001:db8::1]:5555")
            .arg(quotedInput(value));
    }
    return QStringLiteral("endpoint: %1").arg(error.message);
}

} // namespace

Result<WireguardServerConfig> WireguardServerConfig::parse(QStringView text)
{
    WireguardServerConfig config;
    QList<LineError> errors;
    QHash<QString, int> seen;
    int lineNumber = 0;
    for (const QStringView rawLine : text.split(u'\n')) {
        ++lineNumber;
        const QStringView line = rawLine.trimmed();
        if (line.isEmpty())
            continue;
        if (const auto cp = TextRules::firstControlCharacter(line)) {
            errors.append({ lineNumber,
                            QStringLiteral("the line contains the control character %1, which is not allowed")
                                .arg(TextRules::codePointLabel(*cp)) });
            continue;
        }
        const qsizetype equals = line.indexOf(u'=');
        if (equals < 0) {
            errors.append(
                { lineNumber, QStringLiteral("%1 is not a key=value line").arg(quotedInput(line)) });
            continue;
        }
        const QString key = line.left(equals).trimmed().toString();
        const QStringView value = line.mid(equals + 1).trimmed();
        static const QStringList knownKeys { QStringLiteral("endpoint"), QStringLiteral("server_address"),
                                             QStringLiteral("pubkey"), QStringLiteral("enabled") };
        if (!knownKeys.contains(key)) {
            errors.append({ lineNumber,
                            QStringLiteral("%1 is not a key of the wireguard-server file (expected %2)")
                                .arg(quotedInput(key), knownKeys.join(QStringLiteral(", "))) });
            continue;
        }
        if (const auto it = seen.constFind(key); it != seen.cend()) {
            errors.append({ lineNumber, QStringLiteral("%1 is already set on line %2").arg(key).arg(*it) });
            continue;
        }
        seen.insert(key, lineNumber);

        if (key == QLatin1StringView("endpoint")) {
            if (const Result<Endpoint> endpoint = Endpoint::parse(value))
                config.endpoint = *endpoint;
            else
                errors.append({ lineNumber, endpointProblem(value, endpoint.error()) });
        } else if (key == QLatin1StringView("server_address")) {
            if (const Result<IpAddress> address = IpAddress::parse(value))
                config.serverAddress = *address;
            else
                errors.append(
                    { lineNumber, QStringLiteral("server_address: %1").arg(address.error().message) });
        } else if (key == QLatin1StringView("pubkey")) {
            if (const Result<PublicKey> publicKey = PublicKey::fromBase64(value)) {
                config.publicKey = *publicKey;
            } else {
                errors.append({ lineNumber,
                                QStringLiteral("pubkey %1 is not a valid WireGuard public key "
                                               "(expected 44 characters of base64)")
                                    .arg(quotedInput(value)) });
            }
        } else if (value == u"0" || value == u"1") {
            config.enabled = value == u"1";
        } else {
            errors.append(
                { lineNumber, QStringLiteral("enabled must be 0 or 1, not %1").arg(quotedInput(value)) });
        }
    }

    if (!errors.isEmpty()) {
        Error e
            = makeError(ErrorCode::InvalidInput,
                        errors.size() == 1
                            ? QStringLiteral("the wireguard-server file has 1 error")
                            : QStringLiteral("the wireguard-server file has %1 errors").arg(errors.size()));
        e.lineErrors = std::move(errors);
        return e;
    }
    return config;
}

QString WireguardServerConfig::toText() const
{
    QStringList lines;
    if (endpoint)
        lines.append(QStringLiteral("endpoint=") + endpoint->toString());
    if (serverAddress)
        lines.append(QStringLiteral("server_address=") + serverAddress->toString());
    if (publicKey)
        lines.append(QStringLiteral("pubkey=") + publicKey->toBase64());
    if (!enabled)
        lines.append(QStringLiteral("enabled=0"));
    return lines.join(u'\n');
}

} // namespace fvpn
