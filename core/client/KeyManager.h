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

private:
    SecretStore *m_store;
    QString m_entry;
};

} // namespace fvpn
