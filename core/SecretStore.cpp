#include "SecretStore.h"

#include <QLoggingCategory>
#include <QMetaObject>
#include <QPointer>
#include <qt6keychain/keychain.h>

#include <utility>

namespace fvpn {

namespace {

Q_LOGGING_CATEGORY(lcKeychain, "fvpn.keychain", QtInfoMsg)

Error keychainError(const QKeychain::Job &job)
{
    const QString key = job.key();
    switch (job.error()) {
    case QKeychain::EntryNotFound:
        return makeError(ErrorCode::NotFound,
                         QStringLiteral("The keychain holds no secret named '%1'.").arg(key));
    case QKeychain::CouldNotDeleteEntry:
        qCWarning(lcKeychain).noquote() << "deleting" << key << "failed:" << job.errorString();
        return makeError(ErrorCode::IoError, QStringLiteral("The keychain could not delete '%1'.").arg(key));
    default:
        break;
    }
    const SecretStore::Problem problem = SecretStore::classify(int(job.error()), job.errorString());
    // The details (D-Bus names and object paths) help whoever reads the log, not
    // the person in front of the window.
    qCWarning(lcKeychain).noquote() << "keychain job for" << key << "failed, QtKeychain error"
                                    << int(job.error()) << job.errorString();
    const bool unavailable
        = problem == SecretStore::Problem::NoSession || problem == SecretStore::Problem::NoService;
    return makeError(unavailable ? ErrorCode::Unavailable : ErrorCode::PermissionDenied,
                     SecretStore::describe(problem));
}

// Keeps secret bytes alive for a keychain job and wipes them when the job goes
// away. As a child it is destroyed after the job's own destructor has released
// the job's copy, so by then the bytes held here are the last reference and the
// wipe reaches the storage the job used.
struct JobSecret : public QObject
{
    explicit JobSecret(QKeychain::Job *job)
        : QObject(job)
    { }
    ~JobSecret() override { SecureBuffer::wipe(leftover); }

    SecureBuffer buffer;
    QByteArray leftover;
};

template<typename JobType> JobType *newJob(const QString &service, const QString &key)
{
    // No parent: a running job is referenced by QtKeychain's backend callbacks and
    // must not die before it finishes; it deletes itself afterwards.
    auto *job = new JobType(service);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(key);
    return job;
}

template<typename T> void failLater(QObject *context, std::function<void(Result<T>)> done, Error error)
{
    QMetaObject::invokeMethod(
        context, [done = std::move(done), error = std::move(error)]() { done(error); }, Qt::QueuedConnection);
}

} // namespace

SecretStore::SecretStore(const QString &service, QObject *parent)
    : QObject(parent)
    , m_service(service)
{ }

void SecretStore::store(const QString &key, const SecureBuffer &secret, QObject *context,
                        std::function<void(Result<void>)> done)
{
    if (!context)
        context = this;
    if (key.isEmpty())
        return failLater(
            context, std::move(done),
            makeError(ErrorCode::InvalidInput, QStringLiteral("A keychain entry needs a name.")));
    if (secret.isNull())
        return failLater(context, std::move(done),
                         makeError(ErrorCode::InvalidInput,
                                   QStringLiteral("There is no secret to store as '%1'.").arg(key)));

    // The job reads the bytes from our own guarded copy, which lives exactly as
    // long as the job: the caller's buffer may be gone before the job runs.
    SecureBuffer copy = SecureBuffer::fromBytes(secret.view());
    if (copy.isNull())
        return failLater(context, std::move(done),
                         makeError(ErrorCode::Internal,
                                   QStringLiteral("Could not allocate protected memory for a secret.")));
    auto *job = newJob<QKeychain::WritePasswordJob>(m_service, key);
    auto *holder = new JobSecret(job);
    holder->buffer = std::move(copy);
    job->setBinaryData(QByteArray::fromRawData(holder->buffer.view().data(), holder->buffer.view().size()));

    QObject::connect(job, &QKeychain::Job::finished, job,
                     [guard = QPointer<QObject>(context), done = std::move(done)](QKeychain::Job *finished) {
                         if (!guard)
                             return;
                         if (finished->error() != QKeychain::NoError)
                             done(keychainError(*finished));
                         else
                             done({});
                     });
    job->start();
}

void SecretStore::load(const QString &key, QObject *context, std::function<void(Result<SecureBuffer>)> done)
{
    if (!context)
        context = this;
    if (key.isEmpty())
        return failLater(
            context, std::move(done),
            makeError(ErrorCode::InvalidInput, QStringLiteral("A keychain entry needs a name.")));

    auto *job = newJob<QKeychain::ReadPasswordJob>(m_service, key);
    auto *holder = new JobSecret(job);
    QObject::connect(
        job, &QKeychain::Job::finished, job,
        [job, holder, guard = QPointer<QObject>(context), done = std::move(done)](QKeychain::Job *finished) {
            // Taken even when nobody waits any more, so that it gets wiped.
            holder->leftover = job->binaryData();
            if (!guard)
                return;
            if (finished->error() != QKeychain::NoError) {
                done(keychainError(*finished));
                return;
            }
            SecureBuffer secret = SecureBuffer::fromBytes(holder->leftover);
            if (secret.isNull() && !holder->leftover.isEmpty()) {
                done(makeError(ErrorCode::Internal,
                               QStringLiteral("Could not allocate protected memory for a secret.")));
                return;
            }
            done(std::move(secret));
        });
    job->start();
}

void SecretStore::remove(const QString &key, QObject *context, std::function<void(Result<void>)> done)
{
    if (!context)
        context = this;
    if (key.isEmpty())
        return failLater(
            context, std::move(done),
            makeError(ErrorCode::InvalidInput, QStringLiteral("A keychain entry needs a name.")));

    auto *job = newJob<QKeychain::DeletePasswordJob>(m_service, key);
    QObject::connect(job, &QKeychain::Job::finished, job,
                     [guard = QPointer<QObject>(context), done = std::move(done)](QKeychain::Job *finished) {
                         if (!guard)
                             return;
                         // Absent already is what was asked for.
                         if (finished->error() == QKeychain::NoError
                             || finished->error() == QKeychain::EntryNotFound)
                             done({});
                         else
                             done(keychainError(*finished));
                     });
    job->start();
}

SecretStore::Problem SecretStore::classify(int jobError, const QString &errorString)
{
    // As seen with QtKeychain 0.13 over libsecret and gnome-keyring 42
    // (docs/engineer-app.md, "The keychain"):
    //   no session bus           OtherError   "Cannot autolaunch D-Bus without X11 $DISPLAY",
    //                                         "Error spawning command line “dbus-launch …”" (a $DISPLAY),
    //                                         "Could not connect: No such file or directory" (bus gone)
    //   no Secret Service        OtherError   "The name org.freedesktop.secrets was not provided by any
    //   .service files" new keyring not created  OtherError   "Object does not exist at path
    //   “/org/freedesktop/secrets/collection/login”" locked, not unlocked     AccessDenied "Cannot create an
    //   item in a locked collection" (store;
    //                            a read finds nothing: EntryNotFound)
    switch (QKeychain::Error(jobError)) {
    case QKeychain::NoError:
    case QKeychain::EntryNotFound:
        return Problem::None;
    case QKeychain::AccessDeniedByUser:
        return Problem::Refused;
    case QKeychain::AccessDenied:
        return Problem::Locked;
    case QKeychain::NoBackendAvailable:
        return Problem::NoService;
    case QKeychain::CouldNotDeleteEntry:
    case QKeychain::NotImplemented:
        return Problem::Other;
    case QKeychain::OtherError:
        break;
    }
    if (errorString.contains(QStringLiteral("autolaunch"), Qt::CaseInsensitive)
        || errorString.contains(QStringLiteral("dbus-launch"))
        || errorString.contains(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"))
        || errorString.contains(QStringLiteral("Failed to connect to socket"), Qt::CaseInsensitive)
        || errorString.contains(QStringLiteral("Could not connect"), Qt::CaseInsensitive))
        return Problem::NoSession;
    if (errorString.contains(QStringLiteral("org.freedesktop.secrets"))
        || errorString.contains(QStringLiteral("ServiceUnknown"))
        || errorString.contains(QStringLiteral("not provided by any"), Qt::CaseInsensitive))
        return Problem::NoService;
    if (errorString.contains(QStringLiteral("/org/freedesktop/secrets/collection/"))
        || errorString.contains(QStringLiteral("/org/freedesktop/secrets/aliases/")))
        return Problem::NoKeyring;
    if (errorString.contains(QStringLiteral("locked"), Qt::CaseInsensitive))
        return Problem::Locked;
    if (errorString.contains(QStringLiteral("dismissed"), Qt::CaseInsensitive)
        || errorString.contains(QStringLiteral("cancel"), Qt::CaseInsensitive))
        return Problem::Refused;
    return Problem::Other;
}

QString SecretStore::describe(Problem problem)
{
    switch (problem) {
    case Problem::None:
        return {};
    case Problem::NoSession:
        return QStringLiteral("The keychain cannot be reached: this program is not running in a desktop "
                              "session (no D-Bus session bus). Start it from your desktop, not over SSH or "
                              "from a plain console.");
    case Problem::NoService:
#if defined(Q_OS_MACOS)
        return QStringLiteral("The macOS Keychain is not available.");
#elif defined(Q_OS_WIN)
        return QStringLiteral("The Windows Credential Manager is not available.");
#else
        return QStringLiteral("No keychain service is running (a Secret Service such as gnome-keyring or "
                              "KWallet). Install one (Debian, Ubuntu: sudo apt install gnome-keyring), log "
                              "out and back in, then try again.");
#endif
    case Problem::NoKeyring:
        return QStringLiteral("The keychain has no keyring yet, and the window asking for a password for a "
                              "new one was cancelled (or could not open). Try again and choose a password.");
    case Problem::Locked:
        return QStringLiteral("The keychain is locked, and the window asking to unlock it was cancelled (or "
                              "could not open). Try again and unlock it with its password.");
    case Problem::Refused:
        return QStringLiteral("Access to the keychain was refused. Try again and allow it.");
    case Problem::Other:
        return QStringLiteral("The keychain reported an error (the details are in the log).");
    }
    return {};
}

SecretStore::Problem SecretStore::problemOf(const Error &error)
{
    if (error.code != ErrorCode::Unavailable && error.code != ErrorCode::PermissionDenied)
        return Problem::None;
    for (const Problem problem : { Problem::NoSession, Problem::NoService, Problem::NoKeyring,
                                   Problem::Locked, Problem::Refused, Problem::Other }) {
        if (error.message == describe(problem))
            return problem;
    }
    return Problem::None;
}

} // namespace fvpn
