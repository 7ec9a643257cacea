#include "AdminTransport.h"

#include <QCryptographicHash>
#include <QNetworkReply>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslError>

namespace fvpn {

QString AdminTransport::fingerprint(const QSslCertificate &certificate)
{
    return QString::fromLatin1(certificate.digest(QCryptographicHash::Sha256).toHex());
}

void AdminTransport::pinReply(QObject *context, QNetworkReply *reply, const QString &pin,
                              std::shared_ptr<QString> problem)
{
    if (pin.isEmpty())
        return;
    QObject::connect(reply, &QNetworkReply::sslErrors, context, [reply, pin](const QList<QSslError> &) {
        if (fingerprint(reply->sslConfiguration().peerCertificate()) == pin)
            reply->ignoreSslErrors();
    });
    QObject::connect(reply, &QNetworkReply::encrypted, context, [reply, pin, problem]() {
        const QString seen = fingerprint(reply->sslConfiguration().peerCertificate());
        if (seen != pin) {
            *problem = QStringLiteral("its certificate's SHA-256 fingerprint %1 is not the pinned %2")
                           .arg(seen.left(16) + QStringLiteral("…"), pin.left(16) + QStringLiteral("…"));
            reply->abort();
        }
    });
}

} // namespace fvpn
