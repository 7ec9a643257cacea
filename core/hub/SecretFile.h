#pragma once

#include "Result.h"

#include <QByteArray>
#include <QString>

namespace fvpn::SecretFile {

// Where a secret named in hub.conf or on the command line lives: a path as given,
// or, for a bare name without '/', the file systemd placed in
// $CREDENTIALS_DIRECTORY for `LoadCredential=NAME:...` (an error when the variable
// is not set).
Result<QString> resolve(const QString &nameOrPath);

// Whether only the owner can read and write `path`: a regular file (not a
// symlink) with no group or other permission bits. The error says what to do
// (chmod 600). A secret others can read is refused, not merely warned about: the
// token it holds would already be in the wrong hands.
Result<void> checkPrivate(const QString &path);

// resolve + checkPrivate + read; the content with surrounding whitespace removed.
// `what` names the secret in errors ("API token file").
Result<QByteArray> read(const QString &nameOrPath, const QString &what, qint64 maxBytes = 64 * 1024);

} // namespace fvpn::SecretFile
