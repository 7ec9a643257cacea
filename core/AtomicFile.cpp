#include "AtomicFile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#ifdef Q_OS_UNIX
#include <fcntl.h>
#include <unistd.h>
#endif

namespace fvpn::AtomicFile {

namespace {

QString shown(const QString &path)
{
    return QDir::toNativeSeparators(path);
}

// QFile reports a refused open() as a plain OpenError; the file's or folder's
// permissions tell whether that was the cause.
ErrorCode codeFor(QFileDevice::FileError error, bool accessAllowed = true)
{
    if (error == QFileDevice::PermissionsError || !accessAllowed)
        return ErrorCode::PermissionDenied;
    return ErrorCode::IoError;
}

// The rename is durable only once the directory entry itself is on disk. Best
// effort: some file systems refuse fsync on a directory, and the data is already
// safe in the renamed file.
void syncDirectory(const QString &dirPath)
{
#ifdef Q_OS_UNIX
    const QByteArray native = QFile::encodeName(dirPath);
    const int fd = ::open(native.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return;
    ::fsync(fd);
    ::close(fd);
#else
    Q_UNUSED(dirPath)
#endif
}

} // namespace

Result<void> write(const QString &path, const QByteArray &data, QFileDevice::Permissions permissions)
{
    const QFileInfo info(path);
    const QString dirPath = info.absolutePath();
    if (!QFileInfo(dirPath).isDir())
        return makeError(ErrorCode::NotFound,
                         QStringLiteral("Cannot write '%1': the folder '%2' does not exist")
                             .arg(shown(path), shown(dirPath)));
    if (info.isDir())
        return makeError(ErrorCode::IoError,
                         QStringLiteral("Cannot write '%1': it is a folder, not a file").arg(shown(path)));

    QSaveFile file(path);
    // Unbuffered: the data (possibly a secret) goes straight to the kernel instead
    // of through another heap copy in QIODevice's write buffer.
    if (!file.open(QIODevice::WriteOnly | QIODevice::Unbuffered))
        return makeError(codeFor(file.error(), QFileInfo(dirPath).isWritable()),
                         QStringLiteral("Cannot write '%1': %2").arg(shown(path), file.errorString()));

    // QSaveFile creates the temporary file of a new target with the default mode
    // (0666 minus umask) and copies an existing target's mode. Set the wanted mode
    // on the open temporary file (fchmod) before its first byte is written. (On
    // Linux Qt creates it with O_TMPFILE, so it has no name anyone could open
    // until the commit.)
    if (!file.setPermissions(permissions)) {
        const QString reason = file.errorString();
        file.cancelWriting();
        return makeError(codeFor(file.error()),
                         QStringLiteral("Cannot set the permissions of '%1': %2").arg(shown(path), reason));
    }

    if (file.write(data) != data.size()) {
        const Error error
            = makeError(codeFor(file.error()),
                        QStringLiteral("Cannot write '%1': %2").arg(shown(path), file.errorString()));
        file.cancelWriting();
        return error;
    }
    if (!file.commit())
        return makeError(codeFor(file.error()),
                         QStringLiteral("Cannot write '%1': %2").arg(shown(path), file.errorString()));

    syncDirectory(dirPath);
    return {};
}

Result<QByteArray> read(const QString &path, qint64 maxBytes)
{
    maxBytes = qMax<qint64>(maxBytes, 0);
    const QFileInfo info(path);
    if (!info.exists())
        return makeError(ErrorCode::NotFound, QStringLiteral("'%1' does not exist").arg(shown(path)));
    if (info.isDir())
        return makeError(ErrorCode::IoError,
                         QStringLiteral("Cannot read '%1': it is a folder, not a file").arg(shown(path)));
    if (info.size() > maxBytes)
        return makeError(ErrorCode::Exhausted,
                         QStringLiteral("Cannot read '%1': it has %2 bytes, more than the %3 allowed")
                             .arg(shown(path))
                             .arg(info.size())
                             .arg(maxBytes));

    QFile file(path);
    // Unbuffered: no extra copy of the content (possibly a secret) in QIODevice.
    if (!file.open(QIODevice::ReadOnly | QIODevice::Unbuffered))
        return makeError(codeFor(file.error(), info.isReadable()),
                         QStringLiteral("Cannot read '%1': %2").arg(shown(path), file.errorString()));

    // The size seen above may be stale (the file grows) or meaningless (/proc, a
    // pipe), so the limit is enforced on what is actually read.
    QByteArray data(info.size() + 1, Qt::Uninitialized);
    qint64 filled = 0;
    for (;;) {
        if (filled == data.size()) {
            if (filled > maxBytes)
                return makeError(ErrorCode::Exhausted,
                                 QStringLiteral("Cannot read '%1': it has more than the %2 bytes allowed")
                                     .arg(shown(path))
                                     .arg(maxBytes));
            data.resize(qMin(data.size() * 2, maxBytes + 1));
        }
        const qint64 got = file.read(data.data() + filled, data.size() - filled);
        if (got < 0)
            return makeError(ErrorCode::IoError,
                             QStringLiteral("Cannot read '%1': %2").arg(shown(path), file.errorString()));
        if (got == 0)
            break;
        filled += got;
    }
    data.truncate(filled);
    return data;
}

} // namespace fvpn::AtomicFile
