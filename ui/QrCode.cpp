#include "QrCode.h"

#include <QCoreApplication>
#include <QPainter>
#include <qrencode.h>

#include <memory>

namespace fvpn::QrCode {

namespace {

constexpr int QuietZone = 4; // modules of white around the code

struct QrDeleter
{
    void operator()(QRcode *code) const { QRcode_free(code); }
};

} // namespace

Result<QImage> encode(const QString &text, int scale)
{
    const QByteArray utf8 = text.toUtf8();
    // Medium error correction: the configuration fits comfortably and survives
    // a slightly blurred photo of the screen.
    const std::unique_ptr<QRcode, QrDeleter> code(QRcode_encodeString8bit(utf8.constData(), 0, QR_ECLEVEL_M));
    if (!code)
        return makeError(
            ErrorCode::Exhausted,
            QCoreApplication::translate("fvpn::QrCode", "The configuration is too long for a QR code."));
    const int modules = code->width;
    const int side = (modules + 2 * QuietZone) * scale;
    QImage image(side, side, QImage::Format_RGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    for (int y = 0; y < modules; ++y) {
        for (int x = 0; x < modules; ++x) {
            // Bit 0 of each byte is "dark module"; the other bits describe its role.
            if (code->data[y * modules + x] & 1)
                painter.fillRect((x + QuietZone) * scale, (y + QuietZone) * scale, scale, scale, Qt::black);
        }
    }
    return image;
}

} // namespace fvpn::QrCode
