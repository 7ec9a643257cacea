#include "AdminProfile.h"

#include "TextRules.h"

namespace fvpn {

Result<AdminProfile> AdminProfile::make(const QString &id, const QString &name, const QString &adminUrl,
                                        const QString &pin)
{
    Result<QString> checkedName = TextRules::checkDisplayName(name);
    if (!checkedName)
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("hub name: %1").arg(checkedName.error().message));

    const QString urlText = adminUrl.trimmed();
    if (TextRules::containsControlCharacters(urlText) || urlText.contains(u' '))
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("admin URL: spaces and control characters are "
                                        "not allowed"));
    const QUrl url(urlText, QUrl::StrictMode);
    if (!url.isValid() || (url.scheme() != u"https" && url.scheme() != u"http") || url.host().isEmpty()) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("admin URL: expected http(s)://<hub address>:<port>, for example "
                                        "http://10.42.42.1:8444"));
    }
    if (!url.userInfo().isEmpty() || url.hasQuery() || url.hasFragment()) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("admin URL: leave out user names, '?' and '#' "
                                        "parts; the token goes in its own field"));
    }

    QString normalizedPin = pin.trimmed().toLower();
    normalizedPin.remove(u':');
    if (!normalizedPin.isEmpty()) {
        bool hex = normalizedPin.size() == 64;
        for (QChar c : std::as_const(normalizedPin))
            hex = hex && ((c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f'));
        if (!hex) {
            return makeError(
                ErrorCode::InvalidInput,
                QStringLiteral("certificate pin: expected the SHA-256 fingerprint as 64 hex digits"));
        }
    }

    AdminProfile profile;
    profile.id = id;
    profile.name = *checkedName;
    profile.adminUrl = url.adjusted(QUrl::StripTrailingSlash);
    if (profile.adminUrl.path() == u"/")
        profile.adminUrl.setPath(QString());
    profile.pin = normalizedPin;
    return profile;
}

Result<QString> AdminProfile::checkToken(const QString &token)
{
    const QString trimmed = token.trimmed();
    if (trimmed.size() < 8 || trimmed.size() > 512) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("admin token: expected 8 to 512 characters, as the hub printed it"));
    }
    for (QChar c : trimmed) {
        if (c.unicode() <= u' ' || c.unicode() > u'~') {
            // Never echo the token: it is a credential.
            return makeError(
                ErrorCode::InvalidInput,
                QStringLiteral("admin token: only visible ASCII characters are allowed, no spaces"));
        }
    }
    return trimmed;
}

} // namespace fvpn
