#pragma once

#include "Result.h"

#include <QSslCertificate>
#include <QString>

namespace fvpn {

// A hub certificate pinned by the SHA-256 of its DER encoding. The canonical text
// is 64 lowercase hex digits; people see it as "AB:CD:…" (as browsers and
// `openssl x509 -fingerprint -sha256` print it) and links carry "sha256:<hex>".
namespace CertificatePin {

QString fingerprintOf(const QSslCertificate &certificate);
// Accepts "sha256:<hex>", bare hex or colon-separated hex, in either case.
Result<QString> parseFingerprint(QStringView text);
// "AB:CD:…" for display.
QString toDisplay(const QString &fingerprint);
bool matches(const QSslCertificate &certificate, const QString &fingerprint);

} // namespace CertificatePin

} // namespace fvpn
