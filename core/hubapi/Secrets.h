#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace fvpn {

// Random identifiers and bearer secrets for the hub API, and how they are stored:
// only a BLAKE2b hash of a secret reaches the database, and hashes are compared
// in constant time so a timing side channel reveals nothing about a stored hash.
namespace Secrets {

// `bytes` random bytes as lowercase hex (identifiers: request ids, token ids).
QString randomHexId(int bytes);
// `bytes` random bytes as unpadded base64url (secrets people copy and paste).
QString randomSecret(int bytes = 32);
// 32-byte BLAKE2b hash of the secret's UTF-8 bytes.
QByteArray hash(QStringView secret);
// Constant time for equal lengths; different lengths are simply unequal.
bool hashesEqual(QByteArrayView a, QByteArrayView b);

// Parses "<hex id>.<base64url secret>" (tokens and invite codes). Returns false on
// anything else; never throws, never allocates more than the input.
bool splitIdAndSecret(QStringView text, int idHexLength, QString *id, QString *secret);

} // namespace Secrets

} // namespace fvpn
