#pragma once

#include "PrivateKey.h"
#include "PublicKey.h"
#include "Result.h"

#include <QObject>
#include <QString>

#include <functional>

namespace fvpn {

class SecretStore;

// The engineer's WireGuard key. The private half is generated in guarded memory,
// goes straight into the OS keychain and is loaded back only for the moment it is
// needed (bringing the tunnel up, an export the user confirmed). There is no
// other place it is kept: without a keychain there is no key, and the message
// says so instead of falling back to a file.
class KeyManager : public QObject
{
    Q_OBJECT

public:
    static constexpr auto DefaultEntry = "wireguard-private-key";
    // The replacement key while it waits for approval ("Replace my key").
    static constexpr auto NextEntry = "wireguard-private-key-next";

    explicit KeyManager(SecretStore *store, QString entry = QString::fromLatin1(DefaultEntry),
                        QObject *parent = nullptr);

    const QString &entry() const { return m_entry; }

    // A new keypair; the private key is stored under entry() (replacing any key
    // there) before the public key is handed back, so a public key is never
    // registered whose private half was not kept.
    void generate(QObject *context, std::function<void(Result<PublicKey>)> done);
    // The stored key, in guarded memory. NotFound when there is none.
    void load(QObject *context, std::function<void(Result<PrivateKey>)> done);
    void remove(QObject *context, std::function<void(Result<void>)> done);
    // Makes the key kept by `from` this entry's key: the moment a replacement key
    // takes over. The key stored here before is overwritten, so it is gone from
    // the keychain; `from` is left as it is (its owner removes it once the switch
    // is recorded). `expected` guards against an entry holding something else
    // than what was registered. Safe to repeat after a crash: when `from` is
    // already empty and this entry holds `expected`, it is done.
    void adopt(KeyManager *from, const PublicKey &expected, QObject *context,
               std::function<void(Result<void>)> done);

private:
    SecretStore *m_store;
    QString m_entry;
};

} // namespace fvpn
