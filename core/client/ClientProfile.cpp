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
    const QJsonDocument status = QJsonDocument::fromJson(settings.value(StatusKey).toString().toUtf8());
    if (status.isObject()) {
        if (const Result<RegistrationStatus> parsed = RegistrationStatus::fromJson(status.object());
            parsed && parsed->id == profile.requestId)
            profile.lastStatus = *parsed;
    }
    profile.backendPreference = parseBackendPreference(settings.value(BackendKey).toString())
                                    .value_or(BackendPreference::Automatic);
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
    put(StatusKey,
        lastStatus ? QString::fromUtf8(QJsonDocument(lastStatus->toJson()).toJson(QJsonDocument::Compact))
                   : QString());
    put(BackendKey,
        backendPreference == BackendPreference::Automatic ? QString()
                                                          : backendPreferenceName(backendPreference));
    settings.sync();
}

} // namespace fvpn
