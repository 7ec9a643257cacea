#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>

namespace fvpn {

// An answer as a handler gives it. The server adds the framing (Content-Length,
// Connection, Date); the handler never does.
struct HttpResponse
{
    int status = 200;
    QList<QPair<QByteArray, QByteArray>> headers; // Content-Type among them
    QByteArray body; // implicitly shared: a snapshot's answer is never copied per client

    HttpResponse() = default;
    HttpResponse(int statusCode, QByteArray contentType, QByteArray content);

    HttpResponse &withHeader(QByteArray name, QByteArray value);
    QByteArray header(const QByteArray &name) const;
    // 1xx, 204 and 304 never carry a body (RFC 9110 §6.4.1).
    static bool statusHasBody(int status) { return status >= 200 && status != 204 && status != 304; }
};

// "Content Too Large" for 413 (RFC 9110 names); "Status" for codes the hub never sends.
QByteArray httpReasonPhrase(int status);

} // namespace fvpn
