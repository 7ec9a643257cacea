#pragma once

#include "AppState.h"
#include "ClientProfile.h"
#include "HubClient.h"
#include "SystemIdentity.h"
#include "TunnelController.h"

#include <QObject>
#include <QPointer>

#include <functional>

class QSettings;

namespace fvpn {

class DeviceDirectory;
class KeyManager;
class KeyReplacer;
class RegistrationTracker;
class SecretStore;

// The engineer's journey without any widget: hub address or enrollment link,
// key, registration, following the request, the tunnel. The window and the tray
// are views of it; tests drive it directly.
class EngineerSession : public QObject
{
    Q_OBJECT

public:
    static constexpr auto SecretEntry = "registration-secret";

    struct Dependencies
    {
        SecretStore *secrets = nullptr; // required
        QSettings *settings = nullptr; // required
        TunnelController::BackendFactory backendFactory; // required
        SystemIdentity identity;
        bool networkManagerRunning = false;
    };

    explicit EngineerSession(Dependencies dependencies, QObject *parent = nullptr);

    const ClientProfile &profile() const { return m_profile; }
    const SystemIdentity &identity() const { return m_identity; }
    HubClient *hub() const { return m_hub; }
    KeyManager *keys() const { return m_keys; }
    KeyReplacer *keyReplacer() const { return m_replacer; }
    RegistrationTracker *tracker() const { return m_tracker; }
    TunnelController *tunnel() const { return m_tunnel; }
    // The factory's devices for an approved engineer, fetched while the tunnel is up.
    DeviceDirectory *directory() const { return m_directory; }

    AppState state() const;
    bool isBusy() const { return !m_busyText.isEmpty(); }
    const QString &busyText() const { return m_busyText; }
    // Why the last poll of the request failed; empty when it worked.
    const QString &pollProblem() const { return m_pollProblem; }
    // The busy step can be called off (checking the hub's certificate: nothing
    // has been sent yet, so stopping leaves nothing behind on the hub).
    bool canCancelBusy() const { return m_certificateCheck != 0; }
    void cancelBusy();
    // The last failure was one the person can act on (the keychain asked and was
    // answered with Cancel, say) and then try the same step again.
    bool canTryAgain() const { return bool(m_tryAgain); }
    void tryAgain();

    // Checks and remembers the hub address or enrollment link; nothing is sent.
    Result<void> setEnrollment(QStringView text);
    void generateKey();
    // Sends the registration with `name` and the identity shown. Without a pinned
    // certificate the hub's certificate is checked first: one the system does not
    // trust is offered through certificateNeedsApproval and nothing is sent.
    void submitRegistration(const QString &name);
    // The user accepted this fingerprint; pins it and sends the registration.
    void trustCertificate(const QString &fingerprint);
    void cancelRegistration();
    // Forgets the request (after a rejection, say) but keeps the hub and the key.
    void startOver();
    void refresh();
    void setBackendPreference(BackendPreference preference);
    // "Connect when approved": the tunnel comes up by itself on approval.
    void setConnectWhenApproved(bool connect);

    // "Replace my key" (KeyReplacer): a new key registered beside the approved
    // one, which keeps working until the new one is approved and takes over.
    void replaceKey();
    void cancelKeyReplacement();
    // Where the key replacement stands, in words; empty when there is nothing to say.
    QString keyReplacementText() const;

    // The tunnel as a wg-quick file for the official apps; with the private key
    // only when the caller got the user's explicit consent.
    void exportConfig(bool includePrivateKey, QObject *context, std::function<void(Result<QString>)> done);

Q_SIGNALS:
    void profileChanged();
    void stateChanged(fvpn::AppState state);
    void busyChanged(bool busy);
    void errorOccurred(const QString &message);
    void certificateNeedsApproval(const fvpn::PresentedCertificate &certificate);
    void registrationChanged(const fvpn::RegistrationStatus &status);
    void approved(const fvpn::TunnelParameters &tunnel);
    void pollProblemChanged(const QString &problem);

private:
    void restore();
    void followRequest();
    void onKeyReplaced();
    void sendRegistration();
    void onStatus(const RegistrationStatus &status);
    void onPollFailed(const Error &error);
    void setBusy(const QString &text);
    void fail(const QString &message, std::function<void()> tryAgain = {});
    // Follows the request and lets the directory ask as this registration.
    void follow(const QString &id, const QString &secret, std::optional<RegistrationStatus> known);
    void updateDirectory();
    void saveProfile();
    void updateState();
    void setPollProblem(const QString &problem);

    SecretStore *m_secrets;
    QSettings *m_settings;
    SystemIdentity m_identity;
    ClientProfile m_profile;
    HubClient *m_hub;
    KeyManager *m_keys;
    RegistrationTracker *m_tracker;
    TunnelController *m_tunnel;
    KeyReplacer *m_replacer;
    DeviceDirectory *m_directory;
    QString m_directorySecret;
    std::function<void()> m_tryAgain;
    quint64 m_certificateCheck = 0; // non-zero while one runs: its number
    quint64 m_checks = 0;
    QString m_busyText;
    QString m_pollProblem;
    AppState m_state = AppState::NotRegistered;
};

} // namespace fvpn
