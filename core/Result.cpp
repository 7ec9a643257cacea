#include "Result.h"

#include <QStringBuilder>

namespace fvpn {

QString errorCodeName(ErrorCode code)
{
    switch (code) {
    case ErrorCode::InvalidInput:
        return QStringLiteral("invalid_input");
    case ErrorCode::NotFound:
        return QStringLiteral("not_found");
    case ErrorCode::Conflict:
        return QStringLiteral("conflict");
    case ErrorCode::PreconditionFailed:
        return QStringLiteral("precondition_failed");
    case ErrorCode::Exhausted:
        return QStringLiteral("exhausted");
    case ErrorCode::Unavailable:
        return QStringLiteral("unavailable");
    case ErrorCode::PermissionDenied:
        return QStringLiteral("permission_denied");
    case ErrorCode::IoError:
        return QStringLiteral("io_error");
    case ErrorCode::Internal:
        return QStringLiteral("internal");
    }
    return QStringLiteral("internal");
}

QString LineError::toString() const
{
    return QStringLiteral("line %1: %2").arg(line).arg(message);
}

QString Error::toString() const
{
    if (lineErrors.isEmpty())
        return message;
    QStringList lines { message };
    for (const LineError &e : lineErrors)
        lines << e.toString();
    return lines.join(QLatin1Char('\n'));
}

} // namespace fvpn
