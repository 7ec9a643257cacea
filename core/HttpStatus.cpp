#include "HttpStatus.h"

namespace fvpn::HttpStatus {

ErrorCode toErrorCode(int status, QStringView apiCode)
{
    switch (status) {
    // The hub's own ErrorCode statuses (ApiError::fromError).
    case 400:
    case 422:
        return ErrorCode::InvalidInput;
    case 403:
        return ErrorCode::PermissionDenied;
    case 404:
        return ErrorCode::NotFound;
    case 409:
        return ErrorCode::Conflict;
    case 412:
        return ErrorCode::PreconditionFailed;
    case 429:
        return ErrorCode::Exhausted;
    case 503:
        return ErrorCode::Unavailable;
    case 500:
        return apiCode == u"io_error" ? ErrorCode::IoError : ErrorCode::Internal;
    // Transport-level answers (ApiError::fromStatus, the listener guard) and proxies.
    case 401:
        return ErrorCode::PermissionDenied;
    case 405:
    case 411:
        return ErrorCode::Internal;
    case 408:
    case 502:
    case 504:
        return ErrorCode::Unavailable;
    case 413:
    case 415:
    case 428:
    case 431:
        return ErrorCode::InvalidInput;
    default:
        break;
    }
    if (status >= 400 && status < 500)
        return ErrorCode::InvalidInput;
    return ErrorCode::Internal;
}

} // namespace fvpn::HttpStatus
