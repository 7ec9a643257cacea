#pragma once

#include "PrivateKey.h"
#include "Result.h"

#include <QString>

namespace fvpn {

// The hub's private key file (upstream's --privatekey): base64 as `wg genkey` writes
// it. The file's bytes are wiped after parsing and never quoted in an error.
namespace HubKeyFile {

Result<PrivateKey> load(const QString &path);
// For `enable`: loads the key, or generates one and writes it (0600) when the file
// does not exist yet, as upstream does. `created` tells which happened.
Result<PrivateKey> loadOrCreate(const QString &path, bool *created);

} // namespace HubKeyFile

} // namespace fvpn
