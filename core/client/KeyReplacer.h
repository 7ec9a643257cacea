#pragma once

#include "ClientProfile.h"
#include "SystemIdentity.h"

#include <QObject>
#include <QString>

#include <functional>

namespace fvpn {

class HubClient;
class KeyManager;
class RegistrationTracker;
class SecretStore;

// "Replace my key": a new keypair and registration, the old key deleted once the
// new one is approved. The current key and tunnel keep working meanwhile.
//
//   None ─start()─▶ Preparing ──request kept──▶ Pending ──approved──▶ Switching ──▶ None
//                   (new key in NextEntry)      (polled)              (key and secret take
//                                                   │                  over the main entries,
//                                   rejected, cancelled, withdrawn     the profile switches)
//                                                   ▼
//                                     None: the new key is deleted, the old one stays
//
// The hub takes the old peer out in the same step that approves the new one
// (docs/api.md, "replaces"). Every step is recorded in the profile before the next
// begins, so resume() after a restart picks it up: Preparing sends again with a
// fresh key (the hub cancels a request that got there unrecorded), Pending polls
// again, Switching finishes the switch (each of its steps can be repeated).
class KeyReplacer : public QObject
{
    Q_OBJECT

public:
    // The replacement request's poll secret, beside the main one.
    static constexpr auto SecretEntry = "registration-secret-next";

    enum class Phase
    {
        None,
        Preparing,
        Pending,
        Switching,
    };

    struct Dependencies
    {
        SecretStore *secrets = nullptr;
        HubClient *hub = nullptr;
        KeyManager *keys = nullptr; // the main key, the one the tunnel uses
        ClientProfile *profile = nullptr;
        QString currentSecretEntry; // where the current request's poll secret is kept
        std::function<void()> saveProfile;
        SystemIdentity identity;
    };

    explicit KeyReplacer(Dependencies dependencies, QObject *parent = nullptr);

    Phase phase() const;
    // Where the replacement stands, in words; empty when there is nothing to say.
    QString describe() const;
    KeyManager *nextKeys() const { return m_nextKeys; }
    RegistrationTracker *tracker() const { return m_tracker; }
    // Keychain entries of a finished or dropped replacement are still being removed.
    bool isTidying() const { return m_cleanups > 0; }

    // Needs an approved current key and no replacement under way.
    void start();
    // After a restart: carries on from the recorded phase; tidies up leftovers.
    void resume();
    // Withdraws a pending replacement: the new key is deleted, the old one stays.
    void cancel();
    // The current registration is gone (start over, revoked): drops the replacement,
    // withdrawing it on the hub when it got there.
    void abandon(const QString &outcome);
    void refresh();
    // True when `current` (the current request's new status) says the replacement
    // took over its peer; the replacement is then polled at once.
    bool isTakenOverBy(const RegistrationStatus &current);

Q_SIGNALS:
    void changed();
    // Non-empty while a step runs; the session shows it as its busy text.
    void busyChanged(const QString &text);
    void failed(const QString &message);
    // The profile now has the new key, request and tunnel; the old key is gone.
    void switched();

private:
    void makeKeyAndSend();
    void send();
    void handle(const RegistrationStatus &status);
    void onPollFailed(const Error &error);
    void switchOver();
    void finishSwitch();
    void discard(const QString &outcome, bool asError);
    void removeNextEntries();
    void tidied();
    void setBusy(const QString &text);
    void setProblem(const QString &problem);
    void save();

    SecretStore *m_secrets;
    HubClient *m_hub;
    KeyManager *m_keys;
    ClientProfile *m_profile;
    QString m_currentSecretEntry;
    std::function<void()> m_saveProfile;
    SystemIdentity m_identity;
    KeyManager *m_nextKeys;
    RegistrationTracker *m_tracker;
    QString m_busyText;
    QString m_problem;
    int m_cleanups = 0;
    bool m_startWhenTidy = false;
};

} // namespace fvpn
