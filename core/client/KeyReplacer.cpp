#include "KeyReplacer.h"

#include "HubClient.h"
#include "KeyManager.h"
#include "RegistrationTracker.h"
#include "SecretStore.h"

#include <QDateTime>
#include <QLocale>

namespace fvpn {

KeyReplacer::KeyReplacer(Dependencies dependencies, QObject *parent)
    : QObject(parent)
    , m_secrets(dependencies.secrets)
    , m_hub(dependencies.hub)
    , m_keys(dependencies.keys)
    , m_profile(dependencies.profile)
    , m_currentSecretEntry(std::move(dependencies.currentSecretEntry))
    , m_saveProfile(std::move(dependencies.saveProfile))
    , m_identity(std::move(dependencies.identity))
    , m_nextKeys(new KeyManager(m_secrets, QString::fromLatin1(KeyManager::NextEntry), this))
    , m_tracker(new RegistrationTracker(m_hub, this))
{
    connect(m_tracker, &RegistrationTracker::statusChanged, this, &KeyReplacer::handle);
    connect(m_tracker, &RegistrationTracker::pollFailed, this, &KeyReplacer::onPollFailed);
}

KeyReplacer::Phase KeyReplacer::phase() const
{
    const std::optional<ClientProfile::Replacement> &replacement = m_profile->replacement;
    if (!replacement)
        return Phase::None;
    if (replacement->requestId.isEmpty())
        return Phase::Preparing;
    if (replacement->lastStatus && replacement->lastStatus->state == RegistrationState::Approved)
        return Phase::Switching;
    return Phase::Pending;
}

QString KeyReplacer::describe() const
{
    QString text;
    switch (phase()) {
    case Phase::None:
        return m_profile->replacementOutcome;
    case Phase::Preparing:
        text = tr("Replacing your key: making your new key and sending it to the hub.");
        break;
    case Phase::Pending:
        text = tr("Replacing your key: your new key (%1) is waiting for an administrator's approval. Your "
                  "current key keeps working until then.")
                   .arg(m_profile->replacement->publicKey.fingerprint());
        break;
    case Phase::Switching:
        text = tr("Replacing your key: your new key was approved; switching to it.");
        break;
    }
    if (!m_problem.isEmpty())
        text += u' ' + m_problem;
    return text;
}

void KeyReplacer::save()
{
    m_saveProfile();
    Q_EMIT changed();
}

void KeyReplacer::setBusy(const QString &text)
{
    m_busyText = text;
    Q_EMIT busyChanged(text);
}

void KeyReplacer::setProblem(const QString &problem)
{
    if (problem == m_problem)
        return;
    m_problem = problem;
    Q_EMIT changed();
}

void KeyReplacer::start()
{
    if (phase() != Phase::None)
        return Q_EMIT failed(tr("Your key is already being replaced."));
    if (!m_profile->isApproved() || m_profile->requestId.isEmpty())
        return Q_EMIT failed(tr("Only an approved key can be replaced; register first."));
    m_profile->replacementOutcome.clear();
    // The entries of the last one are still being removed: the new key must not
    // land in the entry before that removal does.
    if (m_cleanups > 0) {
        m_startWhenTidy = true;
        return setBusy(tr("Making your new key and storing it in the keychain…"));
    }
    makeKeyAndSend();
}

void KeyReplacer::resume()
{
    switch (phase()) {
    case Phase::None:
        // A crash after making a key but before recording it leaves an entry nobody uses.
        removeNextEntries();
        return;
    case Phase::Preparing:
        // The request may have reached the hub without its answer being kept: a new
        // one with a fresh key supersedes it there.
        return makeKeyAndSend();
    case Phase::Pending: {
        const QString id = m_profile->replacement->requestId;
        m_secrets->load(QString::fromLatin1(SecretEntry), this, [this, id](Result<SecureBuffer> secret) {
            if (!m_profile->replacement || m_profile->replacement->requestId != id)
                return;
            if (!secret)
                return discard(
                    tr("Your key was not replaced: the request for your new key cannot be followed "
                       "(%1). You keep using your current key.")
                        .arg(secret.error().message),
                    true);
            m_tracker->track(id, QString::fromUtf8(secret->view()), m_profile->replacement->lastStatus);
        });
        return;
    }
    case Phase::Switching:
        return switchOver();
    }
}

void KeyReplacer::makeKeyAndSend()
{
    setBusy(tr("Making your new key and storing it in the keychain…"));
    m_nextKeys->generate(this, [this](Result<PublicKey> key) {
        if (!key) {
            if (m_profile->replacement)
                return discard(tr("Your key was not replaced: %1").arg(key.error().message), true);
            setBusy({});
            return Q_EMIT failed(key.error().message);
        }
        // Recorded before it is sent: from here a restart sends again.
        m_profile->replacement = ClientProfile::Replacement { *key, QString(), std::nullopt };
        save();
        send();
    });
}

void KeyReplacer::send()
{
    setBusy(tr("Sending your new key to the hub…"));
    const QString oldId = m_profile->requestId;
    const PublicKey key = m_profile->replacement->publicKey;
    m_secrets->load(m_currentSecretEntry, this, [this, oldId, key](Result<SecureBuffer> oldSecret) {
        if (!m_profile->replacement || !(m_profile->replacement->publicKey == key))
            return;
        if (!oldSecret)
            return discard(tr("Your key was not replaced: %1").arg(oldSecret.error().message), true);
        RegistrationDetails details;
        details.publicKey = key;
        details.name = m_profile->displayName;
        details.hostname = m_identity.hostname;
        details.os = m_identity.os;
        details.replacesId = oldId;
        details.replacesSecret = QString::fromUtf8(oldSecret->view());
        m_hub->createRegistration(details, this, [this, key](Result<CreatedRegistration> created) {
            if (!m_profile->replacement || !(m_profile->replacement->publicKey == key))
                return;
            if (!created)
                return discard(tr("Your key was not replaced: %1 You keep using your current key.")
                                   .arg(created.error().message),
                               true);
            const RegistrationStatus status = created->status;
            const QString secretText = created->secret;
            m_secrets->store(
                QString::fromLatin1(SecretEntry), SecureBuffer::fromBytes(secretText.toUtf8()), this,
                [this, status, secretText, key](Result<void> stored) {
                    if (!m_profile->replacement || !(m_profile->replacement->publicKey == key))
                        return;
                    if (!stored) {
                        m_hub->cancelRegistration(status.id, secretText, this, [](Result<void>) {});
                        return discard(tr("Your key was not replaced: the request for your new key was sent "
                                          "but cannot be followed, so it was withdrawn (%1).")
                                           .arg(stored.error().message),
                                       true);
                    }
                    m_profile->replacement->requestId = status.id;
                    m_profile->replacement->lastStatus = status;
                    save();
                    setBusy({});
                    m_tracker->track(status.id, secretText, status);
                    // An invite's pre-approval can approve it at once.
                    if (status.state != RegistrationState::Pending)
                        handle(status);
                });
        });
    });
}

void KeyReplacer::handle(const RegistrationStatus &status)
{
    if (!m_profile->replacement || status.id != m_profile->replacement->requestId)
        return;
    setProblem({});
    m_profile->replacement->lastStatus = status;
    switch (status.state) {
    case RegistrationState::Pending:
        save();
        return;
    case RegistrationState::Approved:
        save();
        return switchOver();
    case RegistrationState::Rejected:
        return discard(status.reason.isEmpty()
                           ? tr("Your new key was rejected. You keep using your current key.")
                           : tr("Your new key was rejected (reason given: \"%1\"). You keep using your "
                                "current key.")
                                 .arg(status.reason),
                       false);
    case RegistrationState::Cancelled:
        return discard(tr("The request for your new key was cancelled. You keep using your current key."),
                       false);
    case RegistrationState::Revoked:
        return discard(tr("Your new key was revoked before this computer switched to it. You keep using "
                          "your current key."),
                       false);
    }
}

void KeyReplacer::onPollFailed(const Error &error)
{
    setProblem(tr("Cannot check on your new key right now: %1").arg(error.message));
}

bool KeyReplacer::isTakenOverBy(const RegistrationStatus &current)
{
    if (phase() != Phase::Pending && phase() != Phase::Switching)
        return false;
    if (current.replacedBy.isEmpty() || current.replacedBy != m_profile->replacement->requestId)
        return false;
    if (phase() == Phase::Pending)
        m_tracker->pollNow();
    return true;
}

void KeyReplacer::refresh()
{
    if (phase() == Phase::Pending)
        m_tracker->pollNow();
    else if (phase() == Phase::Switching && m_busyText.isEmpty())
        switchOver();
}

void KeyReplacer::cancel()
{
    if (phase() != Phase::Pending)
        return;
    setBusy(tr("Withdrawing your new key…"));
    const QString id = m_profile->replacement->requestId;
    m_secrets->load(QString::fromLatin1(SecretEntry), this, [this, id](Result<SecureBuffer> secret) {
        if (!secret) {
            setBusy({});
            return Q_EMIT failed(secret.error().message);
        }
        m_hub->cancelRegistration(id, QString::fromUtf8(secret->view()), this, [this, id](Result<void> done) {
            if (!m_profile->replacement || m_profile->replacement->requestId != id)
                return setBusy({});
            if (!done) {
                setBusy({});
                // Decided meanwhile: the next poll says how.
                m_tracker->pollNow();
                return Q_EMIT failed(done.error().message);
            }
            discard(tr("You withdrew your new key. You keep using your current key."), false);
        });
    });
}

void KeyReplacer::abandon(const QString &outcome)
{
    if (!m_profile->replacement)
        return;
    const QString id = m_profile->replacement->requestId;
    m_tracker->stop();
    m_profile->replacement.reset();
    m_profile->replacementOutcome = outcome;
    save();
    if (id.isEmpty())
        return removeNextEntries();
    ++m_cleanups;
    m_secrets->load(QString::fromLatin1(SecretEntry), this, [this, id](Result<SecureBuffer> secret) {
        if (secret)
            m_hub->cancelRegistration(id, QString::fromUtf8(secret->view()), this, [](Result<void>) {});
        removeNextEntries();
        tidied();
    });
}

void KeyReplacer::switchOver()
{
    if (phase() != Phase::Switching)
        return;
    setBusy(tr("Your new key was approved; switching to it…"));
    m_tracker->stop();
    const PublicKey key = m_profile->replacement->publicKey;
    // 1. The new key overwrites the old one in the main entry: the old key is gone.
    m_keys->adopt(m_nextKeys, key, this, [this, key](Result<void> adopted) {
        if (phase() != Phase::Switching || !(m_profile->replacement->publicKey == key))
            return setBusy({});
        if (!adopted) {
            setBusy({});
            setProblem(tr("Cannot switch yet: %1 Trying again when you click Check now or restart.")
                           .arg(adopted.error().message));
            return Q_EMIT failed(adopted.error().message);
        }
        // 2. The new request's secret, so the hub can be asked about it later.
        m_secrets->load(QString::fromLatin1(SecretEntry), this, [this](Result<SecureBuffer> secret) {
            if (!secret)
                return finishSwitch(); // only polling suffers; it says so
            m_secrets->store(m_currentSecretEntry, *secret, this, [this](Result<void>) { finishSwitch(); });
        });
    });
}

void KeyReplacer::finishSwitch()
{
    if (phase() != Phase::Switching)
        return setBusy({});
    // 3. The profile: from here the new key is the key.
    const ClientProfile::Replacement replacement = *m_profile->replacement;
    m_profile->publicKey = replacement.publicKey;
    m_profile->requestId = replacement.requestId;
    m_profile->lastStatus = replacement.lastStatus;
    m_profile->replacement.reset();
    m_profile->replacementOutcome
        = tr("Your key was replaced on %1. The old key was deleted from this computer and the hub no longer "
             "accepts it.")
              .arg(QLocale().toString(QDateTime::currentDateTime(), QLocale::ShortFormat));
    setProblem({});
    save();
    // 4. Only now the leftovers.
    removeNextEntries();
    setBusy({});
    Q_EMIT switched();
}

void KeyReplacer::discard(const QString &outcome, bool asError)
{
    m_tracker->stop();
    m_profile->replacement.reset();
    m_profile->replacementOutcome = outcome;
    setProblem({});
    save();
    removeNextEntries();
    setBusy({});
    if (asError)
        Q_EMIT failed(outcome);
}

void KeyReplacer::removeNextEntries()
{
    m_cleanups += 2;
    m_nextKeys->remove(this, [this](Result<void>) { tidied(); });
    m_secrets->remove(QString::fromLatin1(SecretEntry), this, [this](Result<void>) { tidied(); });
}

void KeyReplacer::tidied()
{
    if (--m_cleanups > 0)
        return;
    if (m_startWhenTidy) {
        m_startWhenTidy = false;
        if (phase() == Phase::None)
            return makeKeyAndSend();
        setBusy({});
    }
    Q_EMIT changed();
}

} // namespace fvpn
