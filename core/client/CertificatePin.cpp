#include "CertificatePin.h"

#include "QuotedInput.h"

#include <QCryptographicHash>

namespace fvpn::CertificatePin {

namespace {

constexpr qsizetype HexDigits = 64;

bool isHexDigit(QChar c)
{
    return (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f') || (c >= u'A' && c <= u'F');
}

} // namespace

QString fingerprintOf(const QSslCertificate &certificate)
{
    if (certificate.isNull())
        return {};
    return QString::fromLatin1(certificate.digest(QCryptographicHash::Sha256).toHex());
}

Result<QString> parseFingerprint(QStringView text)
{
    QStringView rest = text;
    if (rest.startsWith(u"sha256:", Qt::CaseInsensitive))
        rest = rest.sliced(7);
    const bool colons = rest.contains(u':');
    QString hex;
    hex.reserve(HexDigits);
    for (qsizetype i = 0; i < rest.size(); ++i) {
        const QChar c = rest[i];
        // With colons, exactly one between each pair of digits: "AB:CD", not "A:BCD".
        if (colons && i % 3 == 2) {
            if (c != u':')
                break;
            continue;
        }
        if (!isHexDigit(c))
            return makeError(ErrorCode::InvalidInput,
                             QStringLiteral("%1 is not a SHA-256 certificate fingerprint (expected 64 hex "
                                            "digits, optionally as AB:CD:… or after 'sha256:')")
                                 .arg(quotedInput(text)));
        hex.append(c.toLower());
    }
    const qsizetype expectedLength = colons ? HexDigits / 2 * 3 - 1 : HexDigits;
    if (hex.size() != HexDigits || rest.size() != expectedLength)
        return makeError(
            ErrorCode::InvalidInput,
            QStringLiteral("%1 is not a SHA-256 certificate fingerprint (expected 64 hex digits, "
                           "optionally as AB:CD:… or after 'sha256:')")
                .arg(quotedInput(text)));
    return hex;
}

QString toDisplay(const QString &fingerprint)
{
    return QStringLiteral("sha256:") + fingerprint.toLower();
}

bool matches(const QSslCertificate &certificate, const QString &fingerprint)
{
    return !fingerprint.isEmpty() && fingerprintOf(certificate) == fingerprint;
}

} // namespace fvpn::CertificatePin
