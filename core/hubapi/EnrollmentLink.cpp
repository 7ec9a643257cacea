#include "EnrollmentLink.h"

#include "Secrets.h"

#include <QUrlQuery>

namespace fvpn {

namespace {

Error invalid(const QString &message)
{
    return makeError(ErrorCode::InvalidInput, QStringLiteral("enrollment link: %1").arg(message));
}

bool isFingerprint(QStringView text)
{
    if (!text.startsWith(u"sha256:") || text.size() != 7 + 64)
        return false;
    for (QChar c : text.sliced(7)) {
        if (!((c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f')))
            return false;
    }
    return true;
}

} // namespace

Result<void> EnrollmentLink::validate() const
{
    if (!hubUrl.isValid() || (hubUrl.scheme() != u"https" && hubUrl.scheme() != u"http")
        || hubUrl.host().isEmpty())
        return invalid(QStringLiteral("the hub URL must be http(s)://host[:port]"));
    if (!hubUrl.userInfo().isEmpty() || hubUrl.hasQuery() || hubUrl.hasFragment()
        || !(hubUrl.path().isEmpty() || hubUrl.path() == u"/"))
        return invalid(
            QStringLiteral("the hub URL must not carry credentials, a path, a query or a fragment"));
    if (!fingerprint.isEmpty() && !isFingerprint(fingerprint))
        return invalid(QStringLiteral("the fingerprint must be 'sha256:' and 64 lowercase hex digits"));
    if (hubUrl.scheme() == u"https" && fingerprint.isEmpty())
        return invalid(QStringLiteral("an https hub URL needs the certificate fingerprint"));
    if (!invite.isEmpty()) {
        QString id;
        QString secret;
        if (!Secrets::splitIdAndSecret(invite, 16, &id, &secret))
            return invalid(QStringLiteral("the invite is not an invite code"));
    }
    return {};
}

QString EnrollmentLink::toString() const
{
    QUrlQuery query;
    // Encode fully: the url value holds ':' and '/' that must not be read as the link's own.
    auto encode = [](const QString &value) {
        return QString::fromLatin1(QUrl::toPercentEncoding(value));
    };
    query.addQueryItem(QStringLiteral("url"),
                       encode(hubUrl.toString(QUrl::RemoveUserInfo | QUrl::StripTrailingSlash)));
    if (!fingerprint.isEmpty())
        query.addQueryItem(QStringLiteral("fp"), encode(fingerprint));
    if (!invite.isEmpty())
        query.addQueryItem(QStringLiteral("invite"), encode(invite));
    return QStringLiteral("factory-vpn://enroll?") + query.toString(QUrl::FullyEncoded);
}

Result<EnrollmentLink> EnrollmentLink::parse(QStringView text)
{
    if (text.size() > 2048)
        return invalid(QStringLiteral("too long"));
    const QUrl url(text.toString(), QUrl::StrictMode);
    // As strict as the app's reader (HubLink): what one accepts, the other reads the same.
    if (!url.isValid() || url.scheme() != u"factory-vpn" || url.host() != u"enroll"
        || !(url.path().isEmpty() || url.path() == u"/") || url.hasFragment() || url.port() != -1
        || !url.userInfo().isEmpty())
        return invalid(QStringLiteral("it must start with factory-vpn://enroll? and have no #fragment"));
    EnrollmentLink link;
    bool haveUrl = false;
    const QUrlQuery query(url);
    for (const auto &[key, value] : query.queryItems(QUrl::FullyDecoded)) {
        if (key == u"url" && !haveUrl) {
            link.hubUrl = QUrl(value, QUrl::StrictMode);
            haveUrl = true;
        } else if (key == u"fp" && link.fingerprint.isEmpty()) {
            link.fingerprint = value;
        } else if (key == u"invite" && link.invite.isEmpty()) {
            link.invite = value;
        } else {
            return invalid(QStringLiteral("unexpected or repeated parameter '%1'").arg(key.left(32)));
        }
    }
    if (!haveUrl)
        return invalid(QStringLiteral("the hub URL (url=) is missing"));
    if (auto valid = link.validate(); !valid)
        return valid.error();
    // The hub's base address is scheme, host and port: "https://hub:8443/" and
    // "https://hub:8443" are one hub (the app reads both as the latter).
    QUrl base;
    base.setScheme(link.hubUrl.scheme());
    base.setHost(link.hubUrl.host());
    if (link.hubUrl.port() != -1)
        base.setPort(link.hubUrl.port());
    link.hubUrl = base;
    return link;
}

} // namespace fvpn
