#pragma once

#include "HubOptions.h"
#include "Result.h"

namespace fvpn::HubSecrets {

// Reads what the options only name (HubCommandLine stays pure): the API token
// from --apitoken-file, and checks that the OAuth credentials file is private
// (0600; it holds a refresh token). Errors name the file and what to do.
Result<void> load(HubOptions &options);

} // namespace fvpn::HubSecrets
