#include "SecretFile.h"

#include "AtomicFile.h"

#include <QDir>
#include <QFile>

#include <cerrno>
#include <cstring>
#include <sys/stat.h>

using namespace Qt::StringLiterals;

namespace fvpn::SecretFile {

Result<QString> resolve(const QString &nameOrPath)
{
    if (nameOrPath.isEmpty())
        return makeError(ErrorCode::InvalidInput, u"an empty file name"_s);
    if (nameOrPath.contains(u'/'))
        return nameOrPath;
    const QString credentials = qEnvironmentVariable("CREDENTIALS_DIRECTORY");
    if (credentials.isEmpty())
        return makeError(
            ErrorCode::NotFound,
            u"'%1' names a systemd credential (a bare name), but $CREDENTIALS_DIRECTORY is not "
            "set: load it with LoadCredential=%1:/path/to/file in the unit, or give a path"_s.arg(
                nameOrPath));
    return QDir(credentials).filePath(nameOrPath);
}

Result<void> checkPrivate(const QString &path)
{
    struct stat st
    {
    };
    const QByteArray native = QFile::encodeName(path);
    if (::lstat(native.constData(), &st) != 0)
        return makeError(errno == ENOENT ? ErrorCode::NotFound : ErrorCode::IoError,
                         u"%1: %2"_s.arg(path, QString::fromLocal8Bit(std::strerror(errno))));
    if (!S_ISREG(st.st_mode))
        return makeError(
            ErrorCode::PermissionDenied,
            u"%1 is not a regular file (a symlink or a folder); a secret must be a plain file"_s.arg(path));
    if ((st.st_mode & (S_IRWXG | S_IRWXO)) != 0)
        return makeError(
            ErrorCode::PermissionDenied,
            u"%1 is readable or writable by other users (mode %2); refusing to use a secret others can see: "
            "run chmod 600 %1"_s.arg(path, QString::number(st.st_mode & 07777, 8).rightJustified(4, u'0')));
    return {};
}

Result<QByteArray> read(const QString &nameOrPath, const QString &what, qint64 maxBytes)
{
    const Result<QString> path = resolve(nameOrPath);
    if (!path)
        return makeError(path.error().code, u"%1: %2"_s.arg(what, path.error().message));
    if (const Result<void> safe = checkPrivate(*path); !safe)
        return makeError(safe.error().code, u"%1: %2"_s.arg(what, safe.error().message));
    Result<QByteArray> raw = AtomicFile::read(*path, maxBytes);
    if (!raw)
        return makeError(raw.error().code, u"%1: %2"_s.arg(what, raw.error().message));
    QByteArray trimmed = raw->trimmed();
    if (trimmed.isEmpty())
        return makeError(ErrorCode::InvalidInput, u"%1 %2 is empty"_s.arg(what, *path));
    return trimmed;
}

} // namespace fvpn::SecretFile
