#include "ClientProfile.h"

#include "CertificatePin.h"

#include <QJsonDocument>
#include <QSettings>

namespace fvpn {

namespace {

constexpr QLatin1StringView HubUrlKey("engineer/hubUrl");
constexpr QLatin1StringView PinKey("engineer/certificateSha256");
constexpr QLatin1StringView InviteKey("engineer/invite");
constexpr QLatin1StringView NameKey("engineer/name");
constexpr QLatin1StringView PublicKeyKey("engineer/publicKey");
constexpr QLatin1StringView RequestIdKey("engineer/requestId");
constexpr QLatin1StringView StatusKey("engineer/lastStatus");
constexpr QLatin1StringView BackendKey("engineer/tunnelBackend");
constexpr QLatin1StringView NextKeyKey("engineer/replacement/publicKey");
constexpr QLatin1StringView NextRequestKey("engineer/replacement/requestId");
constexpr QLatin1StringView NextStatusKey("engineer/replacement/lastStatus");
constexpr QLatin1StringView OutcomeKey("engineer/replacement/outcome");
constexpr QLatin1StringView ConnectWhenApprovedKey("engineer/connectWhenApproved");

std::optional<RegistrationStatus> loadStatus(QSettings &settings, QLatin1StringView key,
                                             const QString &requestId)
{
    const QJsonDocument status = QJsonDocument::fromJson(settings.value(key).toString().toUtf8());
    if (!status.isObject())
        return std::nullopt;
    Result<RegistrationStatus> parsed = RegistrationStatus::fromJson(status.object());
    if (!parsed || parsed->id != requestId)
        return std::nullopt;
    return *parsed;
}

QString statusText(const std::optional<RegistrationStatus> &status)
{
    return status ? QString::fromUtf8(QJsonDocument(status->toJson()).toJson(QJsonDocument::Compact))
                  : QString();
}

} // namespace

ClientProfile ClientProfile::load(QSettings &settings)
{
    ClientProfile profile;
    const QUrl url(settings.value(HubUrlKey).toString(), QUrl::StrictMode);
    if (url.isValid() && url.scheme() == QStringLiteral("https") && !url.host().isEmpty())
        profile.hubUrl = url;
    if (const Result<QString> pin = CertificatePin::parseFingerprint(settings.value(PinKey).toString()))
        profile.pinnedFingerprint = *pin;
    profile.inviteCode = settings.value(InviteKey).toString();
    profile.displayName = settings.value(NameKey).toString();
    if (const Result<PublicKey> key = PublicKey::fromBase64(settings.value(PublicKeyKey).toString()))
        profile.publicKey = *key;
    profile.requestId = settings.value(RequestIdKey).toString();
    profile.lastStatus = loadStatus(settings, StatusKey, profile.requestId);
    // A replacement without its key is nothing to resume.
    if (const Result<PublicKey> next = PublicKey::fromBase64(settings.value(NextKeyKey).toString())) {
        Replacement replacement { *next, settings.value(NextRequestKey).toString(), std::nullopt };
        if (!replacement.requestId.isEmpty())
            replacement.lastStatus = loadStatus(settings, NextStatusKey, replacement.requestId);
        profile.replacement = replacement;
    }
    profile.replacementOutcome = settings.value(OutcomeKey).toString();
    profile.backendPreference = parseBackendPreference(settings.value(BackendKey).toString())
                                    .value_or(BackendPreference::Automatic);
    // Anything but an explicit "false" keeps the default.
    profile.connectWhenApproved = settings.value(ConnectWhenApprovedKey).toString() != u"false";
    return profile;
}

void ClientProfile::save(QSettings &settings) const
{
    auto put = [&settings](QLatin1StringView key, const QString &value) {
        if (value.isEmpty())
            settings.remove(key);
        else
            settings.setValue(key, value);
    };
    put(HubUrlKey, hubUrl.isValid() ? hubUrl.toString() : QString());
    put(PinKey, pinnedFingerprint);
    put(InviteKey, inviteCode);
    put(NameKey, displayName);
    put(PublicKeyKey, publicKey.isNull() ? QString() : publicKey.toBase64());
    put(RequestIdKey, requestId);
    put(StatusKey, statusText(lastStatus));
    put(NextKeyKey, replacement ? replacement->publicKey.toBase64() : QString());
    put(NextRequestKey, replacement ? replacement->requestId : QString());
    put(NextStatusKey, replacement ? statusText(replacement->lastStatus) : QString());
    put(OutcomeKey, replacementOutcome);
    put(BackendKey,
        backendPreference == BackendPreference::Automatic ? QString()
                                                          : backendPreferenceName(backendPreference));
    put(ConnectWhenApprovedKey, connectWhenApproved ? QString() : QStringLiteral("false"));
    settings.sync();
}

} // namespace fvpn
