#pragma once

#include "Result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>

namespace fvpn {

// An error as the API answers it: an HTTP status and the JSON body
//   {"error": {"code": "conflict", "message": "...", "lines": [{"line": 4, "message": "..."}]}}
// ("lines" only for file validation; a few errors add details such as "state"). fromError() is the one place
// where an ErrorCode becomes an HTTP status.
struct ApiError
{
    int status = 500;
    QString code;
    QString message;
    QList<LineError> lineErrors;
    QList<QPair<QByteArray, QByteArray>> headers; // Retry-After, WWW-Authenticate, Allow
    QJsonObject details; // extra members of the error object, e.g. {"state": "pending"} with a 409

    static ApiError fromError(const Error &error);
    static ApiError make(int status, QString code, QString message);

    // Transport-level answers that have no ErrorCode of their own.
    static ApiError unauthorized(QString message);
    static ApiError methodNotAllowed(const QByteArray &allow);
    static ApiError routeNotFound();
    // For the requests the HTTP server refuses itself: 400, 408, 413, 414, 417,
    // 431, 501, 505 (and 411, 415).
    static ApiError fromStatus(int status, QString message);

    ApiError &withHeader(QByteArray name, QByteArray value);
    QByteArray body() const;
};

} // namespace fvpn
