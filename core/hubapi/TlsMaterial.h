#pragma once

#include "Result.h"

#include <QSslConfiguration>
#include <QString>

namespace fvpn {

// The public listener's certificate and key: the admin's (--tls-cert/--tls-key)
// or a self-signed one the hub makes on first start and keeps in its state dir.
// Clients pin the certificate by its SHA-256 fingerprint (shown at start and put
// into enrollment links), so a self-signed certificate is as safe as a CA's.
class TlsMaterial
{
public:
    static constexpr auto SelfSignedCertName = "api-cert.pem";
    static constexpr auto SelfSignedKeyName = "api-key.pem";

    static Result<TlsMaterial> load(const QString &certPath, const QString &keyPath);
    // Loads the state dir's self-signed pair, generating it (openssl, EC P-256,
    // ten years, key file 0600) when absent. `created` tells whether it was new.
    static Result<TlsMaterial> loadOrCreateSelfSigned(const QString &stateDir, const QString &commonName,
                                                      bool *created = nullptr);

    const QSslConfiguration &configuration() const { return m_configuration; }
    // Lowercase hex SHA-256 of the DER certificate, no separators.
    QString fingerprintHex() const;
    // "sha256:<hex>", as used in enrollment links.
    QString fingerprint() const { return QStringLiteral("sha256:") + fingerprintHex(); }
    // "AB:CD:...", as browsers and `openssl x509 -fingerprint -sha256` print it.
    QString fingerprintColons() const;

private:
    QSslConfiguration m_configuration;
};

} // namespace fvpn
