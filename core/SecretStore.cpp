#include "SecretStore.h"

#include <QMetaObject>
#include <QPointer>
#include <qt6keychain/keychain.h>

#include <utility>

namespace fvpn {

namespace {

QString unavailableMessage(const QString &detail)
{
#if defined(Q_OS_MACOS)
    QString text = QStringLiteral("The macOS Keychain is not available.");
#elif defined(Q_OS_WIN)
    QString text = QStringLiteral("The Windows Credential Manager is not available.");
#else
    QString text = QStringLiteral("No keychain is available (is a Secret Service such as gnome-keyring or "
                                  "KWallet running and unlocked?)");
#endif
    if (!detail.isEmpty())
        text += QStringLiteral(" Details: %1").arg(detail);
    return text;
}

Error keychainError(const QKeychain::Job &job)
{
    const QString detail = job.errorString();
    const QString key = job.key();
    switch (job.error()) {
    case QKeychain::EntryNotFound:
        return makeError(ErrorCode::NotFound,
                         QStringLiteral("The keychain holds no secret named '%1'.").arg(key));
    case QKeychain::AccessDeniedByUser:
        return makeError(ErrorCode::PermissionDenied,
                         QStringLiteral("Access to '%1' in the keychain was denied.").arg(key));
    case QKeychain::AccessDenied:
        // The Secret Service reports a locked collection this way.
        return makeError(ErrorCode::Unavailable,
                         QStringLiteral("The keychain is locked or refused access; unlock it and try again. "
                                        "Details: %1")
                             .arg(detail));
    case QKeychain::CouldNotDeleteEntry:
        return makeError(ErrorCode::IoError,
                         QStringLiteral("The keychain could not delete '%1'. Details: %2").arg(key, detail));
    case QKeychain::NoError: // not reached: callers only ask about failed jobs
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
    case QKeychain::OtherError:
        // OtherError is, in practice, "no D-Bus session" ("Cannot autolaunch D-Bus
        // without X11 $DISPLAY") or "no Secret Service on the bus".
        break;
    }
    return makeError(ErrorCode::Unavailable, unavailableMessage(detail));
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

} // namespace fvpn
