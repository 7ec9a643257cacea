#pragma once

#include "Result.h"
#include "SecureBuffer.h"

#include <QObject>
#include <QString>

#include <functional>

namespace fvpn {

// Asynchronous access to the OS keychain through QtKeychain (Secret Service on
// Linux, Keychain on macOS, Credential Store on Windows). There is deliberately no
// plaintext fallback: without a keychain every call fails with Unavailable and a
// message a person can act on.
class SecretStore : public QObject
{
    Q_OBJECT

public:
    explicit SecretStore(const QString &service, QObject *parent = nullptr);

    const QString &service() const { return m_service; }

    // Callbacks run in this object's thread, after the call returns, and never
    // after `context` is destroyed (a null context means this store). Secrets are
    // stored as binary data; copies QtKeychain hands back are wiped. An empty key
    // or a null secret fails with InvalidInput. Errors: NotFound (load of an absent
    // entry), Unavailable (no keychain, locked keychain: the message says what to
    // do), PermissionDenied (the user refused access).
    void store(const QString &key, const SecureBuffer &secret, QObject *context,
               std::function<void(Result<void>)> done);
    void load(const QString &key, QObject *context, std::function<void(Result<SecureBuffer>)> done);
    // Removing an absent entry succeeds: the outcome, "not stored", is what was asked.
    void remove(const QString &key, QObject *context, std::function<void(Result<void>)> done);

private:
    QString m_service;
};

} // namespace fvpn
