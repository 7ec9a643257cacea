#pragma once

#include "Result.h"

#include <QImage>
#include <QString>

namespace fvpn {

// A QR code of a tunnel configuration for the official WireGuard mobile apps,
// through libqrencode. The image is black on white with the quiet zone the
// standard asks for, each module `scale` pixels wide.
namespace QrCode {

Result<QImage> encode(const QString &text, int scale = 6);

} // namespace QrCode

} // namespace fvpn
