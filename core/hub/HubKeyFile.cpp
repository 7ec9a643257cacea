#include "HubKeyFile.h"

#include "AtomicFile.h"
#include "HubLog.h"

#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace fvpn::HubKeyFile {

Result<PrivateKey> load(const QString &path)
{
    Result<QByteArray> raw = AtomicFile::read(path, 4096);
    if (!raw)
        return makeError(raw.error().code,
                         u"cannot read the private key file %1: %2"_s.arg(path, raw.error().message));
    QByteArray &bytes = raw.value();
    // Trim in place (no copy left behind unwiped): wg genkey ends the key with a newline.
    qsizetype end = bytes.size();
    while (end > 0 && QChar::isSpace(uchar(bytes.at(end - 1))))
        --end;
    qsizetype begin = 0;
    while (begin < end && QChar::isSpace(uchar(bytes.at(begin))))
        ++begin;
    Result<PrivateKey> key = PrivateKey::fromBase64(QByteArrayView(bytes).sliced(begin, end - begin));
    SecureBuffer::wipe(bytes);
    if (!key)
        return makeError(ErrorCode::InvalidInput,
                         u"%1 does not hold a WireGuard private key (44 characters of base64, as `wg genkey` "
                         "writes)"_s.arg(path));
    const QFileInfo info(path);
    if (info.permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther))
        qCWarning(lcHub).noquote() << "the private key file" << path
                                   << "is readable by other users; chmod 600 it";
    return key;
}

Result<PrivateKey> loadOrCreate(const QString &path, bool *created)
{
    *created = false;
    if (QFileInfo::exists(path))
        return load(path);
    Result<PrivateKey> key = PrivateKey::generate();
    if (!key)
        return key.error();
    const SecureBuffer base64 = key->toBase64();
    QByteArray content(reinterpret_cast<const char *>(base64.data()), qsizetype(base64.size()));
    content.append('\n');
    const Result<void> written = AtomicFile::write(path, content);
    SecureBuffer::wipe(content);
    if (!written)
        return makeError(written.error().code,
                         u"cannot write the new private key to %1: %2"_s.arg(path, written.error().message));
    *created = true;
    return key;
}

} // namespace fvpn::HubKeyFile
