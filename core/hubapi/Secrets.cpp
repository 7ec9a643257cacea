#include "Secrets.h"

#include "SecureBuffer.h"

#include <sodium.h>

namespace fvpn {

namespace {

QByteArray randomBytes(int bytes)
{
    initSodium();
    QByteArray out(bytes, Qt::Uninitialized);
    randombytes_buf(out.data(), size_t(out.size()));
    return out;
}

bool isLowerHex(QChar c)
{
    return (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f');
}

bool isBase64Url(QChar c)
{
    return (c >= u'A' && c <= u'Z') || (c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9') || c == u'-'
        || c == u'_';
}

} // namespace

QString Secrets::randomHexId(int bytes)
{
    return QString::fromLatin1(randomBytes(bytes).toHex());
}

QString Secrets::randomSecret(int bytes)
{
    return QString::fromLatin1(
        randomBytes(bytes).toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QByteArray Secrets::hash(QStringView secret)
{
    initSodium();
    const QByteArray utf8 = secret.toUtf8();
    QByteArray out(crypto_generichash_BYTES, Qt::Uninitialized);
    crypto_generichash(reinterpret_cast<unsigned char *>(out.data()), size_t(out.size()),
                       reinterpret_cast<const unsigned char *>(utf8.constData()), size_t(utf8.size()),
                       nullptr, 0);
    return out;
}

bool Secrets::hashesEqual(QByteArrayView a, QByteArrayView b)
{
    if (a.size() != b.size() || a.isEmpty())
        return false;
    return sodium_memcmp(a.data(), b.data(), size_t(a.size())) == 0;
}

bool Secrets::splitIdAndSecret(QStringView text, int idHexLength, QString *id, QString *secret)
{
    // The longest secret we hand out is 43 characters; anything far longer is not ours.
    if (text.size() < idHexLength + 2 || text.size() > idHexLength + 1 + 128)
        return false;
    if (text.at(idHexLength) != u'.')
        return false;
    const QStringView idPart = text.first(idHexLength);
    const QStringView secretPart = text.sliced(idHexLength + 1);
    for (QChar c : idPart) {
        if (!isLowerHex(c))
            return false;
    }
    for (QChar c : secretPart) {
        if (!isBase64Url(c))
            return false;
    }
    *id = idPart.toString();
    *secret = secretPart.toString();
    return true;
}

} // namespace fvpn
