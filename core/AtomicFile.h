#pragma once

#include "Result.h"

#include <QByteArray>
#include <QFileDevice>
#include <QString>

namespace fvpn {

namespace AtomicFile {

// Writes `data` to `path` through a temporary file in the same folder that is
// fsync'ed and renamed over the target (QSaveFile), so a crash leaves either the
// old or the new content, never a mix. `permissions` apply to the temporary file
// before its first byte is written, so a secret is never readable by others even
// for a moment. The folder must exist (NotFound otherwise); it is fsync'ed after
// the rename where the platform allows.
Result<void> write(const QString &path, const QByteArray &data,
                   QFileDevice::Permissions permissions = QFileDevice::ReadOwner | QFileDevice::WriteOwner);

// Reads a whole file; NotFound when absent, Exhausted when it has more than
// maxBytes (a guard against reading something unexpected and huge),
// PermissionDenied or IoError otherwise. Messages name the path.
Result<QByteArray> read(const QString &path, qint64 maxBytes = 16 * 1024 * 1024);

} // namespace AtomicFile

} // namespace fvpn
