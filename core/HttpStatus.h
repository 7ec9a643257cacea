#pragma once

#include "Result.h"

#include <QStringView>

namespace fvpn {

// The clients' reading of the hub's HTTP answers: the exact inverse of the hub's
// ApiError::fromError (core/hubapi), shared by the engineer's HubClient and the
// admin's AdminClient so the two can never read the same answer differently.
// tests/hubapi/tst_httpstatus runs every ErrorCode through the hub's mapping and
// back.
namespace HttpStatus {

// `apiCode` is the "code" of the hub's error body, when there is one; it only
// tells apart what shares a status (500: "io_error" or "internal").
//
// Statuses the hub sends without an ErrorCode of its own are read by what they
// mean for the caller:
//   401 (no or wrong credential)                         -> PermissionDenied
//   405, 411 (a request this client should never send)   -> Internal
//   408, 502, 504 (try again later; the network or a proxy) -> Unavailable
//   413 (body over the limit), 415, 428 (no If-Match), 431 -> InvalidInput:
//        the request itself is wrong, and sending it again the same way never
//        helps (428 is not PreconditionFailed: nobody else changed anything,
//        so reloading would not help either)
// Anything else: 4xx -> InvalidInput, 5xx -> Internal.
ErrorCode toErrorCode(int status, QStringView apiCode = {});

} // namespace HttpStatus

} // namespace fvpn
