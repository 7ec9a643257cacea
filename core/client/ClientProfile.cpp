#include "ClientProfile.h"

#include "CertificatePin.h"

#include <QJsonDocument>
#include <QSettings>

namespace fvpn {

namespace {

const QString HubUrlKey = QStringLiteral("engineer/hubUrl");
const QString PinKey = QStringLiteral("engineer/certificateSha256");
const QString InviteKey = QStringLiteral("engineer/invite");
const QString NameKey = QStringLiteral("engineer/name");
const QString PublicKeyKey = QStringLiteral("engineer/publicKey");
const QString RequestIdKey = QStringLiteral("engineer/requestId");
const QString StatusKey = QStringLiteral("engineer/lastStatus");
const QString BackendKey = QStringLiteral("engineer/tunnelBackend");
const QString NextKeyKey = QStringLiteral("engineer/replacement/publicKey");
const QString NextRequestKey = QStringLiteral("engineer/replacement/requestId");
const QString NextStatusKey = QStringLiteral("engineer/replacement/lastStatus");
const QString OutcomeKey = QStringLiteral("engineer/replacement/outcome");
constexpr QLatin1StringView ConnectWhenApprovedKey("engineer/connectWhenApproved");

std::optional<RegistrationStatus> loadStatus(QSettings &settings, const QString &key,
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
    profile.connectWhenApproved = settings.value(QString(ConnectWhenApprovedKey)).toString() != u"false";
    return profile;
}

void ClientProfile::save(QSettings &settings) const
{
    auto put = [&settings](const QString &key, const QString &value) {
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
    put(QString(ConnectWhenApprovedKey), connectWhenApproved ? QString() : QStringLiteral("false"));
    settings.sync();
}

} // namespace fvpn
