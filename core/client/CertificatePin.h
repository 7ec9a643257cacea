#pragma once

#include "Result.h"

#include <QSslCertificate>
#include <QString>

namespace fvpn {

// A hub certificate pinned by the SHA-256 of its DER encoding. The canonical text
// is 64 lowercase hex digits. People see it as "sha256:<hex>", exactly as the
// enrollment link, `factory-vpn-ctl enrollment` and the hub's api-public.json
// write it, so an engineer and an admin reading it to each other over the phone
// read the same characters. Input is accepted in any common form.
namespace CertificatePin {

QString fingerprintOf(const QSslCertificate &certificate);
// Accepts "sha256:<hex>", bare hex or colon-separated hex, in either case.
Result<QString> parseFingerprint(QStringView text);
// "sha256:<64 lowercase hex>" for display, the form every other part shows.
QString toDisplay(const QString &fingerprint);
bool matches(const QSslCertificate &certificate, const QString &fingerprint);

} // namespace CertificatePin

} // namespace fvpn
