#include "KeyManager.h"

#include "KeychainWords.h"
#include "SecretStore.h"

#include <QPointer>

#include <memory>
#include <utility>

namespace fvpn {

namespace {

// Keychain messages explain the keychain; say also what it means here, in the
// app's words (KeychainWords), with the next step.
Error explain(const Error &error, const QString &what)
{
    const SecretStore::Problem problem = SecretStore::problemOf(error);
    if (problem != SecretStore::Problem::None) {
        QString text = QStringLiteral("%1: %2").arg(what, KeychainWords::describe(problem));
        // Without a keychain there is nowhere else the key could go.
        if (problem == SecretStore::Problem::NoService || problem == SecretStore::Problem::NoSession)
            text += u' '
                + KeyManager::tr("Factory VPN keeps your VPN key only in the system keychain, never in a "
                                 "plain file.");
        return makeError(error.code, text);
    }
    switch (error.code) {
    case ErrorCode::NotFound:
        return makeError(
            ErrorCode::NotFound,
            KeyManager::tr("%1: there is no VPN key in the keychain. Generate a key first.").arg(what));
    default:
        return makeError(error.code, QStringLiteral("%1: %2").arg(what, error.message));
    }
}

} // namespace

KeyManager::KeyManager(SecretStore *store, QString entry, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_entry(std::move(entry))
{ }

void KeyManager::generate(QObject *context, std::function<void(Result<PublicKey>)> done)
{
    if (!context)
        context = this;
    Result<PrivateKey> key = PrivateKey::generate();
    if (!key) {
        const Error error = explain(key.error(), tr("Cannot generate a key"));
        QMetaObject::invokeMethod(
            context, [done, error]() { done(error); }, Qt::QueuedConnection);
        return;
    }
    const PublicKey publicKey = key->publicKey();
    const SecureBuffer text = key->toBase64();
    // The keychain entry holds the base64 text, as `wg genkey` prints it, so a
    // person can recognise it in a keychain manager.
    m_store->store(m_entry, text, context, [done, publicKey](Result<void> stored) {
        if (!stored)
            return done(explain(stored.error(), tr("Cannot keep the new key")));
        done(publicKey);
    });
}

void KeyManager::load(QObject *context, std::function<void(Result<PrivateKey>)> done)
{
    if (!context)
        context = this;
    m_store->load(m_entry, context, [context, done](Result<SecureBuffer> loaded) {
        if (!loaded) {
            // "Not found" may be a locked keyring whose unlock window was closed.
            return KeychainWords::refineNotFound<SecureBuffer>(
                std::move(loaded), context, [done](Result<SecureBuffer> refined) {
                    done(explain(refined.error(), tr("Cannot read your VPN key")));
                });
        }
        Result<PrivateKey> key = PrivateKey::fromBase64(loaded->view());
        if (!key)
            return done(makeError(ErrorCode::InvalidInput,
                                  tr("The VPN key in the keychain is damaged (%1); generate a new key "
                                     "and register again.")
                                      .arg(key.error().message)));
        done(std::move(key));
    });
}

void KeyManager::remove(QObject *context, std::function<void(Result<void>)> done)
{
    m_store->remove(m_entry, context, [done](Result<void> removed) {
        if (!removed)
            return done(explain(removed.error(), tr("Cannot delete your VPN key")));
        done({});
    });
}

void KeyManager::adopt(KeyManager *from, const PublicKey &expected, QObject *context,
                       std::function<void(Result<void>)> done)
{
    if (!context)
        context = this;
    const QPointer<KeyManager> self(this);
    from->load(context, [self, expected, context, done](Result<PrivateKey> next) {
        if (!self)
            return;
        if (!next) {
            if (next.error().code != ErrorCode::NotFound)
                return done(next.error());
            // Taken over before a crash, and then removed: nothing left to do.
            return self->load(context, [expected, done](Result<PrivateKey> current) {
                if (current && current->publicKey() == expected)
                    return done({});
                done(makeError(ErrorCode::NotFound,
                               tr("Cannot switch to your new VPN key: it is no longer in the "
                                  "keychain. Replace your key again.")));
            });
        }
        if (!(next->publicKey() == expected))
            return done(makeError(ErrorCode::InvalidInput,
                                  tr("Cannot switch to your new VPN key: the key in the keychain "
                                     "is not the one that was registered. Replace your key again.")));
        const SecureBuffer text = next->toBase64();
        self->m_store->store(self->m_entry, text, context, [done](Result<void> stored) {
            if (!stored)
                return done(explain(stored.error(), tr("Cannot switch to your new VPN key")));
            done({});
        });
    });
}

} // namespace fvpn
