#pragma once

#include "BackendChoice.h"
#include "PublicKey.h"
#include "RegistrationStatus.h"

#include <QString>
#include <QUrl>

#include <optional>

class QSettings;

namespace fvpn {

// What the app remembers between runs, none of it secret: the hub, its pinned
// certificate, the public key, the request and its last known state (with the
// tunnel parameters, so the tunnel can come up while the hub is unreachable).
// The private key and the request's poll secret live in the keychain.
struct ClientProfile
{
    QUrl hubUrl;
    QString pinnedFingerprint; // lowercase hex SHA-256; empty = trust the system's CAs
    QString inviteCode; // until the registration that used it
    QString displayName;
    PublicKey publicKey;
    QString requestId;
    std::optional<RegistrationStatus> lastStatus;
    BackendPreference backendPreference = BackendPreference::Automatic;
    // Bring the tunnel up by itself the moment the request is approved.
    bool connectWhenApproved = true;

    // "Replace my key" in progress (KeyReplacer). Kept so a restart resumes it:
    // a key without a request id means the request may not have reached the hub
    // (it is made again with a fresh key); an approved status means the switch to
    // the new key was under way (it is finished).
    struct Replacement
    {
        PublicKey publicKey; // its private half is in the keychain entry KeyManager::NextEntry
        QString requestId; // empty until the hub has it and its secret is in the keychain
        std::optional<RegistrationStatus> lastStatus;
    };
    std::optional<Replacement> replacement;
    // How the last replacement ended, in words, until the next one starts.
    QString replacementOutcome;

    // Values that do not parse are dropped (and so asked for again), not guessed.
    static ClientProfile load(QSettings &settings);
    void save(QSettings &settings) const;

    bool isApproved() const
    {
        return lastStatus && lastStatus->state == RegistrationState::Approved && !lastStatus->tunnel.isNull();
    }
};

} // namespace fvpn
