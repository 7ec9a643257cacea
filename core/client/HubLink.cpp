#include "HubLink.h"

#include "CertificatePin.h"
#include "IpAddress.h"
#include "QuotedInput.h"
#include "TextRules.h"

#include <QCoreApplication>
#include <QUrlQuery>

#include <utility>

namespace fvpn {

namespace {

constexpr qsizetype MaxLinkLength = 2048;
constexpr qsizetype MaxInviteLength = 256;

Error invalid(const QString &message)
{
    return makeError(ErrorCode::InvalidInput, message);
}

bool isLoopback(const QString &host)
{
    if (host == QStringLiteral("localhost"))
        return true;
    const Result<IpAddress> address = IpAddress::parse(host);
    if (!address)
        return false;
    return address->isIPv4() ? (address->toIPv4() >> 24) == 127
                             : *address == IpAddress::parse(u"::1").value();
}

// The hub's base address: https (or http to this very computer), a host, an
// optional port, nothing else. A path, query or credentials in it would be
// silently dropped or, worse, sent along.
Result<QUrl> parseHubUrl(const QString &text)
{
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty())
        return invalid(
            QCoreApplication::translate(
                "fvpn::HubLink", "%1 is not a web address (expected https://host or https://host:port)")
                .arg(quotedInput(text)));
    const bool plainLocal = url.scheme() == QStringLiteral("http") && isLoopback(url.host());
    if (url.scheme() != QStringLiteral("https") && !plainLocal)
        return invalid(QCoreApplication::translate(
                           "fvpn::HubLink",
                           "The hub address must start with https:// (got %1); the hub serves its API "
                           "over TLS.")
                           .arg(quotedInput(text)));
    if (!url.userInfo().isEmpty() || url.hasQuery() || url.hasFragment()
        || (!url.path().isEmpty() && url.path() != QStringLiteral("/")))
        return invalid(QCoreApplication::translate(
                           "fvpn::HubLink", "%1 has more than a host and port; give only https://host[:port]")
                           .arg(quotedInput(text)));
    QUrl base;
    base.setScheme(url.scheme());
    base.setHost(url.host());
    if (url.port() != -1)
        base.setPort(url.port());
    return base;
}

Result<QString> parseInvite(const QString &text)
{
    if (text.isEmpty() || text.size() > MaxInviteLength)
        return invalid(QCoreApplication::translate("fvpn::HubLink",
                                                   "The invite code in the link is empty or too long."));
    for (const QChar c : text) {
        const bool allowed = (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9')
            || c == u'.' || c == u'-' || c == u'_' || c == u'~';
        if (!allowed)
            return invalid(QCoreApplication::translate(
                               "fvpn::HubLink", "The invite code %1 has characters an invite never contains.")
                               .arg(quotedInput(text)));
    }
    return text;
}

} // namespace

HubLink::HubLink(QUrl hubUrl, QString fingerprint, QString inviteCode)
    : m_hubUrl(std::move(hubUrl))
    , m_fingerprint(std::move(fingerprint))
    , m_invite(std::move(inviteCode))
{ }

Result<HubLink> HubLink::parse(QStringView input)
{
    const QString text = input.trimmed().toString();
    if (text.isEmpty())
        return invalid(QCoreApplication::translate(
            "fvpn::HubLink", "Paste the hub's address (https://…) or the enrollment link you were given."));
    if (text.size() > MaxLinkLength)
        return invalid(
            QCoreApplication::translate("fvpn::HubLink", "That text is far longer than an enrollment link."));
    if (TextRules::containsControlCharacters(text))
        return invalid(QCoreApplication::translate("fvpn::HubLink",
                                                   "The link contains control characters; copy it again."));

    const QString schemePrefix = QString::fromLatin1(Scheme) + u':';
    if (!text.startsWith(schemePrefix, Qt::CaseInsensitive)) {
        // "192.0.2.1:8443" or "hub.example.com": people type the address without
        // a scheme, and the hub's API is HTTPS. (QUrl would read "hub.example.com:8443"
        // as the scheme "hub.example.com".)
        const Result<QUrl> url
            = parseHubUrl(text.contains(QStringLiteral("://")) ? text : QStringLiteral("https://") + text);
        if (!url)
            return url.error();
        return HubLink(*url, {}, {});
    }

    const QUrl link(text, QUrl::StrictMode);
    if (!link.isValid() || link.host() != QStringLiteral("enroll") || !link.path().isEmpty()
        || link.hasFragment() || link.port() != -1 || !link.userInfo().isEmpty())
        return invalid(QCoreApplication::translate(
                           "fvpn::HubLink", "%1 is not an enrollment link (expected %2://enroll?url=…)")
                           .arg(quotedInput(text), QString::fromLatin1(Scheme)));

    const QUrlQuery query(link);
    QString hub;
    QString fingerprint;
    QString invite;
    const auto items = query.queryItems(QUrl::FullyDecoded);
    for (const auto &[key, value] : items) {
        QString *slot = nullptr;
        if (key == QStringLiteral("url"))
            slot = &hub;
        else if (key == QStringLiteral("fp"))
            slot = &fingerprint;
        else if (key == QStringLiteral("invite"))
            slot = &invite;
        else
            return invalid(QCoreApplication::translate(
                               "fvpn::HubLink",
                               "The enrollment link has an unknown part %1; is the app older than the "
                               "hub?")
                               .arg(quotedInput(key)));
        if (!slot->isNull())
            return invalid(QCoreApplication::translate("fvpn::HubLink", "The enrollment link names %1 twice.")
                               .arg(quotedInput(key)));
        *slot = value.isNull() ? QStringLiteral("") : value;
    }
    if (hub.isEmpty())
        return invalid(
            QCoreApplication::translate("fvpn::HubLink", "The enrollment link has no hub address (url=…)."));
    const Result<QUrl> url = parseHubUrl(hub);
    if (!url)
        return url.error();
    QString pin;
    if (url->scheme() == QStringLiteral("https")) {
        if (fingerprint.isEmpty())
            return invalid(QCoreApplication::translate(
                "fvpn::HubLink", "The enrollment link has no certificate fingerprint (fp=sha256:…)."));
        if (!fingerprint.startsWith(QStringLiteral("sha256:"), Qt::CaseInsensitive))
            return invalid(QCoreApplication::translate("fvpn::HubLink",
                                                       "The link's fingerprint must start with 'sha256:'."));
        const Result<QString> parsed = CertificatePin::parseFingerprint(fingerprint);
        if (!parsed)
            return parsed.error();
        pin = *parsed;
    } else if (!fingerprint.isNull()) {
        return invalid(QCoreApplication::translate(
            "fvpn::HubLink", "The enrollment link pins a certificate for a hub without TLS."));
    }
    if (!invite.isNull()) {
        const Result<QString> code = parseInvite(invite);
        if (!code)
            return code.error();
    }
    return HubLink(*url, pin, invite.isNull() ? QString() : invite);
}

QString HubLink::toString() const
{
    if (m_fingerprint.isEmpty() && m_invite.isEmpty())
        return m_hubUrl.toString();
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("url"),
                       QString::fromLatin1(QUrl::toPercentEncoding(m_hubUrl.toString())));
    if (!m_fingerprint.isEmpty())
        query.addQueryItem(
            QStringLiteral("fp"),
            QString::fromLatin1(QUrl::toPercentEncoding(QStringLiteral("sha256:") + m_fingerprint)));
    if (!m_invite.isEmpty())
        query.addQueryItem(QStringLiteral("invite"), m_invite);
    QUrl link;
    link.setScheme(QString::fromLatin1(Scheme));
    link.setHost(QStringLiteral("enroll"));
    link.setQuery(query);
    return link.toString(QUrl::FullyEncoded);
}

} // namespace fvpn
