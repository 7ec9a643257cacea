#include "EngineerSession.h"

#include "DeviceDirectory.h"
#include "HubLink.h"
#include "KeyManager.h"
#include "KeyReplacer.h"
#include "KeychainWords.h"
#include "RegistrationTracker.h"
#include "SecretStore.h"
#include "TextRules.h"
#include "TunnelBackend.h"

#include <QSettings>

#include <utility>

namespace fvpn {

EngineerSession::EngineerSession(Dependencies dependencies, QObject *parent)
    : QObject(parent)
    , m_secrets(dependencies.secrets)
    , m_settings(dependencies.settings)
    , m_identity(std::move(dependencies.identity))
    , m_profile(ClientProfile::load(*m_settings))
    , m_hub(new HubClient(this))
    , m_keys(new KeyManager(m_secrets, QString::fromLatin1(KeyManager::DefaultEntry), this))
    , m_tracker(new RegistrationTracker(m_hub, this))
    , m_tunnel(new TunnelController(m_keys, std::move(dependencies.backendFactory), this))
    , m_replacer(new KeyReplacer(KeyReplacer::Dependencies { m_secrets, m_hub, m_keys, &m_profile,
                                                             QString::fromLatin1(SecretEntry),
                                                             [this]() { saveProfile(); }, m_identity },
                                 this))
    , m_directory(new DeviceDirectory(this))
{
    m_hub->setHub(m_profile.hubUrl, m_profile.pinnedFingerprint);
    m_tunnel->setNetworkManagerRunning(dependencies.networkManagerRunning);
    m_tunnel->setPreference(m_profile.backendPreference);

    connect(m_tracker, &RegistrationTracker::statusChanged, this, &EngineerSession::onStatus);
    connect(m_tracker, &RegistrationTracker::pollFailed, this, &EngineerSession::onPollFailed);
    connect(m_tunnel->monitor(), &TunnelMonitor::statusChanged, this, &EngineerSession::updateState);
    connect(m_tunnel->monitor(), &TunnelMonitor::statusChanged, this, &EngineerSession::updateDirectory);
    connect(m_tunnel, &TunnelController::failed, this, [this](const QString &message) { fail(message); });
    connect(m_replacer, &KeyReplacer::changed, this, &EngineerSession::profileChanged);
    connect(m_replacer, &KeyReplacer::busyChanged, this, &EngineerSession::setBusy);
    connect(m_replacer, &KeyReplacer::failed, this, [this](const QString &message) { fail(message); });
    connect(m_replacer, &KeyReplacer::switched, this, &EngineerSession::onKeyReplaced);
    restore();
    updateState();
}

void EngineerSession::restore()
{
    if (m_profile.isApproved())
        m_tunnel->setTunnel(m_profile.lastStatus->tunnel);
    const bool final = m_profile.lastStatus
        && (m_profile.lastStatus->state == RegistrationState::Rejected
            || m_profile.lastStatus->state == RegistrationState::Cancelled
            || m_profile.lastStatus->state == RegistrationState::Revoked);
    if (m_profile.requestId.isEmpty() || !m_profile.hubUrl.isValid() || final) {
        if (m_profile.replacement)
            m_replacer->abandon(tr("Your key was not replaced: your registration has ended."));
        return;
    }
    followRequest();
    m_replacer->resume();
}

void EngineerSession::followRequest()
{
    const QString id = m_profile.requestId;
    m_secrets->load(QString::fromLatin1(SecretEntry), this, [this, id](Result<SecureBuffer> loaded) {
        KeychainWords::refineNotFound<SecureBuffer>(
            std::move(loaded), this, [this, id](Result<SecureBuffer> secret) {
                if (!secret) {
                    setPollProblem(tr("Cannot follow your request: %1")
                                       .arg(KeychainWords::translated(secret.error()).message));
                    return;
                }
                if (m_profile.requestId != id)
                    return;
                follow(id, QString::fromUtf8(secret->view()), m_profile.lastStatus);
            });
    });
}

void EngineerSession::follow(const QString &id, const QString &secret,
                             std::optional<RegistrationStatus> known)
{
    m_directorySecret = secret;
    m_tracker->track(id, secret, std::move(known));
    updateDirectory();
}

void EngineerSession::updateDirectory()
{
    if (!m_profile.isApproved() || m_directorySecret.isEmpty()) {
        m_directory->clear();
        return;
    }
    m_directory->setSource(m_profile.lastStatus->tunnel.directoryUrl, m_profile.requestId, m_directorySecret,
                           m_profile.pinnedFingerprint);
    const TunnelState tunnel = m_tunnel->status().state;
    m_directory->setActive(tunnel == TunnelState::Connected || tunnel == TunnelState::Stale);
}

AppState EngineerSession::state() const
{
    if (!m_profile.lastStatus)
        return AppState::NotRegistered;
    switch (m_profile.lastStatus->state) {
    case RegistrationState::Pending:
        return AppState::Pending;
    case RegistrationState::Approved:
        break;
    case RegistrationState::Rejected:
    case RegistrationState::Revoked:
    case RegistrationState::Cancelled:
        return AppState::NotRegistered;
    }
    switch (m_tunnel->status().state) {
    case TunnelState::Disconnected:
        return AppState::Disconnected;
    case TunnelState::Connecting:
        return AppState::Connecting;
    case TunnelState::Connected:
        return AppState::Connected;
    case TunnelState::Stale:
        return AppState::Stale;
    case TunnelState::Error:
        return AppState::Error;
    }
    return AppState::Error;
}

void EngineerSession::updateState()
{
    const AppState now = state();
    if (now == m_state)
        return;
    m_state = now;
    Q_EMIT stateChanged(now);
}

void EngineerSession::setBusy(const QString &text)
{
    const bool was = isBusy();
    m_busyText = text;
    if (was != isBusy() || isBusy())
        Q_EMIT busyChanged(isBusy());
}

void EngineerSession::fail(const QString &message, std::function<void()> tryAgain)
{
    m_tryAgain = std::move(tryAgain);
    setBusy({});
    Q_EMIT errorOccurred(message);
}

void EngineerSession::tryAgain()
{
    if (!m_tryAgain || isBusy())
        return;
    const std::function<void()> again = std::exchange(m_tryAgain, {});
    Q_EMIT errorOccurred({});
    again();
}

void EngineerSession::cancelBusy()
{
    if (!m_certificateCheck)
        return;
    // The probe's answer, whenever it comes, is for a check nobody waits for.
    m_certificateCheck = 0;
    m_hub->cancelProbes();
    setBusy({});
}

void EngineerSession::saveProfile()
{
    m_profile.save(*m_settings);
    Q_EMIT profileChanged();
}

void EngineerSession::setPollProblem(const QString &problem)
{
    if (problem == m_pollProblem)
        return;
    m_pollProblem = problem;
    Q_EMIT pollProblemChanged(problem);
}

Result<void> EngineerSession::setEnrollment(QStringView text)
{
    const Result<HubLink> link = HubLink::parse(text);
    if (!link)
        return link.error();
    if (!m_profile.requestId.isEmpty() && m_profile.lastStatus
        && (m_profile.lastStatus->state == RegistrationState::Pending
            || m_profile.lastStatus->state == RegistrationState::Approved))
        return makeError(ErrorCode::Conflict,
                         tr("You already have a request with %1; start over to use another hub.")
                             .arg(m_profile.hubUrl.host()));
    const bool sameHub = link->hubUrl() == m_profile.hubUrl;
    m_profile.hubUrl = link->hubUrl();
    // A plain address keeps a pin accepted earlier for the same hub.
    if (!link->fingerprint().isEmpty() || !sameHub)
        m_profile.pinnedFingerprint = link->fingerprint();
    m_profile.inviteCode = link->inviteCode();
    m_hub->setHub(m_profile.hubUrl, m_profile.pinnedFingerprint);
    saveProfile();
    return {};
}

void EngineerSession::generateKey()
{
    if (isBusy())
        return;
    if (m_profile.lastStatus && m_profile.lastStatus->state == RegistrationState::Pending)
        return fail(tr("Your request with the current key is still pending; cancel it before making a "
                       "new key."));
    if (m_profile.isApproved())
        return fail(tr("Your current key is approved; start over before making a new key."));
    m_tryAgain = {};
    setBusy(tr("Waiting for your keychain to store the key… If it asks for a password, answer it to go on."));
    m_keys->generate(this, [this](Result<PublicKey> key) {
        if (!key) {
            // Cancelled the keyring's password window, or no keychain yet: after
            // the person acted, the same click should work.
            const bool keychain = key.error().code == ErrorCode::Unavailable
                || key.error().code == ErrorCode::PermissionDenied;
            return fail(key.error().message,
                        keychain ? std::function<void()>([this]() { generateKey(); })
                                 : std::function<void()>());
        }
        m_profile.publicKey = *key;
        setBusy({});
        saveProfile();
    });
}

void EngineerSession::submitRegistration(const QString &name)
{
    if (isBusy())
        return;
    const Result<QString> checkedName = TextRules::checkDisplayName(name.trimmed());
    if (!checkedName)
        return fail(tr("Your name: %1").arg(checkedName.error().message));
    if (!m_profile.hubUrl.isValid())
        return fail(tr("Enter the hub's address or your enrollment link first."));
    if (m_profile.publicKey.isNull())
        return fail(tr("Generate your key first."));
    if (m_profile.lastStatus
        && (m_profile.lastStatus->state == RegistrationState::Pending
            || m_profile.lastStatus->state == RegistrationState::Approved))
        return fail(tr("You already have a request; start over to send another."));
    m_profile.displayName = *checkedName;
    saveProfile();

    if (!m_profile.pinnedFingerprint.isEmpty())
        return sendRegistration();
    // Before the busy signal, so the view offers Cancel with it.
    const quint64 check = ++m_checks;
    m_certificateCheck = check;
    setBusy(tr("Checking the hub's certificate… Nothing has been sent yet."));
    m_hub->probeCertificate(this, [this, check](Result<PresentedCertificate> certificate) {
        if (m_certificateCheck != check)
            return; // cancelled
        m_certificateCheck = 0;
        if (!certificate)
            return fail(certificate.error().message);
        if (certificate->trustedBySystem)
            return sendRegistration();
        setBusy({});
        Q_EMIT certificateNeedsApproval(*certificate);
    });
}

void EngineerSession::trustCertificate(const QString &fingerprint)
{
    m_profile.pinnedFingerprint = fingerprint;
    m_hub->setHub(m_profile.hubUrl, fingerprint);
    saveProfile();
    submitRegistration(m_profile.displayName);
}

void EngineerSession::sendRegistration()
{
    setBusy(tr("Sending your request to the hub…"));
    RegistrationDetails registration;
    registration.publicKey = m_profile.publicKey;
    registration.name = m_profile.displayName;
    registration.hostname = m_identity.hostname;
    registration.os = m_identity.os;
    registration.inviteCode = m_profile.inviteCode;
    m_hub->createRegistration(registration, this, [this](Result<CreatedRegistration> created) {
        if (!created)
            return fail(created.error().message);
        const SecureBuffer secret = SecureBuffer::fromBytes(created->secret.toUtf8());
        const RegistrationStatus status = created->status;
        // The request is only useful if we can ask about it later, so it counts as
        // made once its secret is in the keychain.
        m_secrets->store(QString::fromLatin1(SecretEntry), secret, this,
                         [this, status, secretText = created->secret](Result<void> stored) {
                             if (!stored) {
                                 m_hub->cancelRegistration(status.id, secretText, this, [](Result<void>) {});
                                 return fail(tr("Your request was sent but cannot be followed, so it "
                                                "was withdrawn: %1")
                                                 .arg(KeychainWords::translated(stored.error()).message));
                             }
                             m_profile.requestId = status.id;
                             m_profile.lastStatus.reset();
                             m_profile.inviteCode.clear();
                             setBusy({});
                             onStatus(status);
                             follow(status.id, secretText, status);
                         });
    });
}

void EngineerSession::onStatus(const RegistrationStatus &status)
{
    if (status.id != m_profile.requestId)
        return;
    setPollProblem({});
    // Revoked because the new key took over: the replacement's approval switches.
    if (m_replacer->isTakenOverBy(status))
        return;
    const bool wasApproved = m_profile.isApproved();
    m_profile.lastStatus = status;
    saveProfile();
    if (status.state == RegistrationState::Approved) {
        m_tunnel->setTunnel(status.tunnel);
        if (!wasApproved) {
            Q_EMIT approved(status.tunnel);
            // The engineer asked for access to use it: no second click needed.
            if (m_profile.connectWhenApproved && !m_tunnel->status().interfaceExists && !m_tunnel->isBusy())
                m_tunnel->connectTunnel();
        }
    } else if (wasApproved) {
        // Revoked: the hub has dropped the peer; a tunnel left up only misleads.
        m_tunnel->disconnectTunnel();
        m_tunnel->setTunnel({});
        // The hub rejects a pending replacement of a revoked key.
        m_replacer->abandon(tr("Your key was not replaced: your access was revoked."));
    }
    Q_EMIT registrationChanged(status);
    updateState();
    updateDirectory();
}

void EngineerSession::onKeyReplaced()
{
    const TunnelParameters tunnel = m_profile.lastStatus->tunnel;
    followRequest();
    Q_EMIT registrationChanged(*m_profile.lastStatus);
    if (!m_tunnel->status().interfaceExists) {
        m_tunnel->setTunnel(tunnel);
        return updateState();
    }
    // The hub no longer accepts the old key: the tunnel comes back with the new one.
    m_tunnel->disconnectTunnel();
    auto reconnect = [this, tunnel]() {
        m_tunnel->setTunnel(tunnel);
        m_tunnel->connectTunnel();
    };
    if (!m_tunnel->isBusy())
        return reconnect();
    auto *once = new QObject(this);
    connect(m_tunnel, &TunnelController::busyChanged, once, [once, reconnect](bool busy) {
        if (busy || once->property("done").toBool())
            return;
        once->setProperty("done", true);
        once->deleteLater();
        reconnect();
    });
    updateState();
}

void EngineerSession::replaceKey()
{
    if (isBusy())
        return;
    m_replacer->start();
}

void EngineerSession::cancelKeyReplacement()
{
    if (isBusy())
        return;
    m_replacer->cancel();
}

QString EngineerSession::keyReplacementText() const
{
    return m_replacer->describe();
}

void EngineerSession::onPollFailed(const Error &error)
{
    if (error.code == ErrorCode::NotFound || error.code == ErrorCode::PermissionDenied)
        setPollProblem(tr("The hub no longer recognises your request (%1). Start over to send a new "
                          "one.")
                           .arg(error.message));
    else
        setPollProblem(tr("%1 Trying again later.").arg(error.message));
}

void EngineerSession::cancelRegistration()
{
    if (isBusy() || !m_profile.lastStatus || m_profile.lastStatus->state != RegistrationState::Pending)
        return;
    setBusy(tr("Cancelling your request…"));
    const QString id = m_profile.requestId;
    m_secrets->load(QString::fromLatin1(SecretEntry), this, [this, id](Result<SecureBuffer> secret) {
        if (!secret)
            return fail(secret.error().message);
        m_hub->cancelRegistration(id, QString::fromUtf8(secret->view()), this,
                                  [this](Result<void> cancelled) {
                                      if (!cancelled)
                                          return fail(cancelled.error().message);
                                      setBusy({});
                                      startOver();
                                  });
    });
}

void EngineerSession::startOver()
{
    if (isBusy())
        return;
    if (m_tunnel->status().interfaceExists)
        m_tunnel->disconnectTunnel();
    m_tracker->stop();
    m_tunnel->setTunnel({});
    m_replacer->abandon({});
    m_profile.requestId.clear();
    m_profile.lastStatus.reset();
    m_directorySecret.clear();
    updateDirectory();
    saveProfile();
    setPollProblem({});
    m_secrets->remove(QString::fromLatin1(SecretEntry), this, [](Result<void>) {});
    updateState();
}

void EngineerSession::refresh()
{
    m_tracker->pollNow();
    m_replacer->refresh();
    m_tunnel->monitor()->pollNow();
}

void EngineerSession::setBackendPreference(BackendPreference preference)
{
    m_profile.backendPreference = preference;
    m_tunnel->setPreference(preference);
    saveProfile();
}

void EngineerSession::setConnectWhenApproved(bool connect)
{
    if (connect == m_profile.connectWhenApproved)
        return;
    m_profile.connectWhenApproved = connect;
    saveProfile();
}

void EngineerSession::exportConfig(bool includePrivateKey, QObject *context,
                                   std::function<void(Result<QString>)> done)
{
    if (!m_profile.isApproved())
        return done(makeError(ErrorCode::NotFound, tr("There is no approved tunnel to export yet.")));
    const TunnelParameters tunnel = m_profile.lastStatus->tunnel;
    if (!includePrivateKey)
        return done(tunnel.toWgQuickConfig(PrivateKey()).toText(false));
    m_keys->load(context, [tunnel, done](Result<PrivateKey> key) {
        if (!key)
            return done(key.error());
        done(tunnel.toWgQuickConfig(std::move(key.value())).toText(true));
    });
}

} // namespace fvpn
