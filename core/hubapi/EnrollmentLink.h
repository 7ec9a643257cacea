#pragma once

#include "Result.h"

#include <QString>
#include <QUrl>

namespace fvpn {

// What an admin hands an engineer to enroll with one click:
//
//   factory-vpn://enroll?url=https%3A%2F%2Fhub.example.com%3A8443&fp=sha256%3A<64 hex>&invite=<code>
//
// url    the hub's public API base (http or https, host, optional port, no path,
//        query or credentials)
// fp     the SHA-256 fingerprint of the hub's TLS certificate, lowercase hex; the
//        app pins it, so a self-signed certificate is safe. Required for https.
// invite optional invite code "<16 hex>.<base64url>".
// Unknown parameters are refused, so a link never carries something the app
// would silently ignore.
struct EnrollmentLink
{
    QUrl hubUrl;
    QString fingerprint; // "sha256:<hex>" or empty
    QString invite;

    QString toString() const;
    static Result<EnrollmentLink> parse(QStringView text);
    // Checks the parts; toString() of a valid link always parses back to it.
    Result<void> validate() const;
};

} // namespace fvpn
