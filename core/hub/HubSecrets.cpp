#include "HubSecrets.h"

#include "SecretFile.h"

#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace fvpn::HubSecrets {

Result<void> load(HubOptions &options)
{
    if (!options.apiTokenFile.isEmpty()) {
        const Result<QByteArray> token = SecretFile::read(options.apiTokenFile, u"API token file"_s);
        if (!token)
            return token.error();
        if (token->contains('\n') || token->contains('\r'))
            return makeError(ErrorCode::InvalidInput,
                             u"API token file %1 holds more than one line; it must hold the token only"_s.arg(
                                 options.apiTokenFile));
        options.apiToken = QString::fromUtf8(*token);
    }
    // Upstream created the file itself on the first interactive run; this hub
    // needs it to exist already, so a missing file is an error here too.
    if (!options.oauthCredsFile.isEmpty()) {
        if (const Result<void> safe = SecretFile::checkPrivate(options.oauthCredsFile); !safe)
            return makeError(safe.error().code, u"OAuth credentials file: %1"_s.arg(safe.error().message));
    }
    return {};
}

} // namespace fvpn::HubSecrets
