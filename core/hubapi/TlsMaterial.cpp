#include "TlsMaterial.h"

#include "AtomicFile.h"
#include "TextRules.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSslCertificate>
#include <QSslKey>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <sys/stat.h>

namespace fvpn {

namespace {

Result<QByteArray> readSmall(const QString &path, const char *what)
{
    QFile file(path);
    if (!file.exists())
        return makeError(
            ErrorCode::NotFound,
            QStringLiteral("the TLS %1 file %2 does not exist").arg(QLatin1StringView(what), path));
    if (!file.open(QIODevice::ReadOnly))
        return makeError(ErrorCode::IoError,
                         QStringLiteral("cannot read the TLS %1 file %2: %3")
                             .arg(QLatin1StringView(what), path, file.errorString()));
    const QByteArray data = file.read(1024 * 1024);
    return data;
}

Result<QSslKey> parseKey(const QByteArray &pem, const QString &path)
{
    for (QSsl::KeyAlgorithm algorithm : { QSsl::Ec, QSsl::Rsa }) {
        QSslKey key(pem, algorithm, QSsl::Pem, QSsl::PrivateKey);
        if (!key.isNull())
            return key;
    }
    return makeError(ErrorCode::InvalidInput,
                     QStringLiteral("%1 holds no usable unencrypted EC or RSA private key (PEM)").arg(path));
}

// Qt cannot derive a public key from a private QSslKey, so ask openssl when it is
// there; a mismatch found here is far clearer than a failing handshake later.
Result<void> keyMatchesCertificate(const QString &certPath, const QString &keyPath)
{
    const QString openssl = QStandardPaths::findExecutable(QStringLiteral("openssl"));
    if (openssl.isEmpty())
        return {};
    auto publicPem = [&](const QStringList &args) -> QByteArray {
        QProcess process;
        process.start(openssl, args);
        if (!process.waitForFinished(30'000) || process.exitCode() != 0)
            return {};
        return process.readAllStandardOutput().trimmed();
    };
    const QByteArray fromCert = publicPem({ QStringLiteral("x509"), QStringLiteral("-noout"),
                                            QStringLiteral("-pubkey"), QStringLiteral("-in"), certPath });
    const QByteArray fromKey
        = publicPem({ QStringLiteral("pkey"), QStringLiteral("-pubout"), QStringLiteral("-in"), keyPath,
                      QStringLiteral("-passin"), QStringLiteral("pass:") });
    if (fromCert.isEmpty() || fromKey.isEmpty() || fromCert != fromKey) {
        return makeError(
            ErrorCode::InvalidInput,
            QStringLiteral("the key in %1 does not belong to the certificate in %2").arg(keyPath, certPath));
    }
    return {};
}

} // namespace

Result<TlsMaterial> TlsMaterial::load(const QString &certPath, const QString &keyPath)
{
    auto certPem = readSmall(certPath, "certificate");
    if (!certPem)
        return certPem.error();
    auto keyPem = readSmall(keyPath, "key");
    if (!keyPem)
        return keyPem.error();
    const QList<QSslCertificate> chain = QSslCertificate::fromData(certPem.value(), QSsl::Pem);
    if (chain.isEmpty() || chain.first().isNull())
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("%1 holds no PEM certificate").arg(certPath));
    auto key = parseKey(keyPem.value(), keyPath);
    if (!key)
        return key.error();
    if (auto matches = keyMatchesCertificate(certPath, keyPath); !matches)
        return matches.error();
    TlsMaterial material;
    QSslConfiguration conf = QSslConfiguration::defaultConfiguration();
    conf.setLocalCertificateChain(chain);
    conf.setPrivateKey(key.value());
    conf.setPeerVerifyMode(QSslSocket::VerifyNone);
    conf.setProtocol(QSsl::TlsV1_2OrLater);
    material.m_configuration = conf;
    return material;
}

Result<TlsMaterial> TlsMaterial::loadOrCreateSelfSigned(const QString &stateDir, const QString &commonName,
                                                        bool *created)
{
    if (created)
        *created = false;
    const QDir dir(stateDir);
    const QString certPath = dir.filePath(QString::fromLatin1(SelfSignedCertName));
    const QString keyPath = dir.filePath(QString::fromLatin1(SelfSignedKeyName));
    if (QFile::exists(certPath) && QFile::exists(keyPath))
        return load(certPath, keyPath);

    // The name ends up in the certificate subject: keep it to host-name characters.
    const QString cn = TextRules::checkHostName(commonName) ? commonName : QStringLiteral("factory-vpn-hub");
    const QString openssl = QStandardPaths::findExecutable(QStringLiteral("openssl"));
    if (openssl.isEmpty())
        return makeError(
            ErrorCode::Unavailable,
            QStringLiteral("openssl is not installed; install it or pass --tls-cert and --tls-key"));
    // Generate into a private scratch dir, then move into place with AtomicFile so
    // the key is never readable by others and a crash leaves no half pair.
    QTemporaryDir scratch(dir.filePath(QStringLiteral(".tls-XXXXXX")));
    if (!scratch.isValid())
        return makeError(ErrorCode::IoError,
                         QStringLiteral("cannot create a scratch directory in %1").arg(stateDir));
    ::chmod(QFile::encodeName(scratch.path()).constData(), 0700);
    const QString tmpKey = scratch.filePath(QStringLiteral("key.pem"));
    const QString tmpCert = scratch.filePath(QStringLiteral("cert.pem"));
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(
        openssl,
        { QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("ec"),
          QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:prime256v1"),
          QStringLiteral("-nodes"), QStringLiteral("-days"), QStringLiteral("3650"), QStringLiteral("-subj"),
          QStringLiteral("/CN=") + cn, QStringLiteral("-addext"), QStringLiteral("subjectAltName=DNS:") + cn,
          QStringLiteral("-keyout"), tmpKey, QStringLiteral("-out"), tmpCert });
    if (!process.waitForFinished(60'000) || process.exitStatus() != QProcess::NormalExit
        || process.exitCode() != 0) {
        process.kill();
        return makeError(ErrorCode::IoError,
                         QStringLiteral("openssl could not create a self-signed certificate: %1")
                             .arg(QString::fromLocal8Bit(process.readAll()).trimmed().left(500)));
    }
    auto keyPem = readSmall(tmpKey, "key");
    auto certPem = readSmall(tmpCert, "certificate");
    if (!keyPem || !certPem)
        return makeError(ErrorCode::IoError, QStringLiteral("openssl did not write the certificate and key"));
    if (auto written = AtomicFile::write(keyPath, keyPem.value()); !written)
        return written.error();
    if (auto written = AtomicFile::write(certPath, certPem.value(),
                                         QFileDevice::ReadOwner | QFileDevice::WriteOwner
                                             | QFileDevice::ReadGroup | QFileDevice::ReadOther);
        !written)
        return written.error();
    if (created)
        *created = true;
    return load(certPath, keyPath);
}

QString TlsMaterial::fingerprintHex() const
{
    const QSslCertificate cert = m_configuration.localCertificate();
    return QString::fromLatin1(cert.digest(QCryptographicHash::Sha256).toHex());
}

QString TlsMaterial::fingerprintColons() const
{
    const QSslCertificate cert = m_configuration.localCertificate();
    return QString::fromLatin1(cert.digest(QCryptographicHash::Sha256).toHex(':').toUpper());
}

} // namespace fvpn
