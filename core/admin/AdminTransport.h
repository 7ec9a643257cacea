#pragma once

#include <QString>

#include <memory>

class QNetworkReply;
class QObject;
class QSslCertificate;

namespace fvpn {

// What every connection to a hub's admin API does, for AdminClient and
// AdminEventStream alike.
namespace AdminTransport {

// Lowercase hex SHA-256 of the DER certificate.
QString fingerprint(const QSslCertificate &certificate);

// With a pin, the hub is trusted by its certificate alone, whoever signed it,
// and any other certificate, even one a CA signed, is cut off after the TLS
// handshake, before a byte of the request (with the token) leaves; `problem`
// then says what was seen. Without a pin nothing changes: the system's trust
// decides. `context` owns the connections.
void pinReply(QObject *context, QNetworkReply *reply, const QString &pin, std::shared_ptr<QString> problem);

} // namespace AdminTransport

} // namespace fvpn
