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
    // Why the keychain could not be used. Each has its own next step, so the app
    // tells them apart instead of saying "no keychain" for all of them (what
    // QtKeychain, libsecret and gnome-keyring really return in each case is in
    // docs/engineer-app.md, "The keychain").
    enum class Problem
    {
        None, // not a keychain failure this class reported
        NoSession, // no D-Bus session bus: started outside a desktop session
        NoService, // a bus, but no Secret Service (gnome-keyring, KWallet) on it
        NoKeyring, // no keyring yet, and the window creating one was cancelled (or could not open)
        Locked, // the keyring is locked, and the window unlocking it was cancelled (or could not open)
        Refused, // the user refused this app access
        Other, // anything else; the details are in the log, not in the message
    };

    explicit SecretStore(const QString &service, QObject *parent = nullptr);

    const QString &service() const { return m_service; }

    // Callbacks run in this object's thread, after the call returns, and never
    // after `context` is destroyed (a null context means this store). Secrets are
    // stored as binary data; copies QtKeychain hands back are wiped. An empty key
    // or a null secret fails with InvalidInput. Errors: NotFound (load of an absent
    // entry), Unavailable (no session, no keychain service), PermissionDenied (no
    // keyring created, locked, refused); problemOf() says which, the message says
    // what to do.
    void store(const QString &key, const SecureBuffer &secret, QObject *context,
               std::function<void(Result<void>)> done);
    void load(const QString &key, QObject *context, std::function<void(Result<SecureBuffer>)> done);
    // Removing an absent entry succeeds: the outcome, "not stored", is what was asked.
    void remove(const QString &key, QObject *context, std::function<void(Result<void>)> done);

    // Which keychain problem an error from this class is (None for other errors,
    // and for NotFound/InvalidInput). Messages never contain D-Bus object paths
    // or other internals: those go to the log (category fvpn.keychain).
    static Problem problemOf(const Error &error);
    // A failed QtKeychain job's error code (QKeychain::Error) and text, sorted.
    static Problem classify(int jobError, const QString &errorString);
    // The English message for a problem, as the errors of this class carry it.
    static QString describe(Problem problem);

private:
    QString m_service;
};

} // namespace fvpn
