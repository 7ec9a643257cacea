#pragma once

#include "PublicKey.h"

#include <QRandomGenerator>

// Random, valid WireGuard public keys for tests (any non-zero 32 bytes are a valid key).
inline fvpn::PublicKey randomPublicKey()
{
    QByteArray raw(fvpn::PublicKey::RawSize, Qt::Uninitialized);
    QRandomGenerator::global()->fillRange(reinterpret_cast<quint32 *>(raw.data()), raw.size() / 4);
    raw[0] = char(raw[0] | 1); // never all zero
    return fvpn::PublicKey::fromRaw(raw).value();
}
