#pragma once

#include "Result.h"
#include "SecretStore.h"

#include <QObject>

#include <functional>

namespace fvpn {

// The keychain's failures in the app's words and language, each with its next
// step, and the one case QtKeychain cannot tell: a read from a locked keyring
// whose unlock window was cancelled comes back as "entry not found".
namespace KeychainWords {

// The translated sentence for a keychain problem (empty for Problem::None).
QString describe(SecretStore::Problem problem);
// `error` with its message in the app's words when it is a keychain problem;
// `error` unchanged otherwise.
Error translated(const Error &error);
// True for a problem the person can act on and then try the same thing again.
bool canTryAgain(SecretStore::Problem problem);

// Asks the Secret Service (D-Bus, without prompting) whether the default keyring
// exists and is locked. Calls `done(true)` only when it answered "locked";
// false when unlocked, absent, or no Secret Service answered within a few seconds.
void isDefaultKeyringLocked(QObject *context, std::function<void(bool locked)> done);

// For a failed read: a NotFound that really is a locked keyring becomes the
// Locked problem; every other result is passed on unchanged.
template<typename T>
void refineNotFound(Result<T> result, QObject *context, std::function<void(Result<T>)> done)
{
    if (result || result.error().code != ErrorCode::NotFound)
        return done(std::move(result));
    const Error notFound = result.error();
    isDefaultKeyringLocked(context, [notFound, done](bool locked) {
        if (locked)
            return done(
                makeError(ErrorCode::PermissionDenied, SecretStore::describe(SecretStore::Problem::Locked)));
        done(notFound);
    });
}

} // namespace KeychainWords

} // namespace fvpn
