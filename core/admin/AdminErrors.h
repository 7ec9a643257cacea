#pragma once

#include "Result.h"

#include <QByteArray>
#include <QString>

class QNetworkReply;

namespace fvpn {

// How a failed call to a hub's admin API is worded for the admin, in one place
// for AdminClient and AdminEventStream: what went wrong, at which hub, and what
// to do about it. `origin` is the hub's scheme, host and port.
namespace AdminErrors {

// The hub answered with an error status. Its own message and line errors are
// kept when its body is the API's error object ({"error": {"code", "message",
// "lines"}}); anything else (a proxy's HTML page) gives a generic sentence.
Error fromAnswer(int status, const QByteArray &body, const QString &request, const QString &origin);

// No answer was read: the hub could not be reached or was silent for
// `timeoutMs`, or its TLS certificate is not trusted.
Error unreachable(const QNetworkReply &reply, const QString &origin, int timeoutMs);

Error notPinned(const QString &origin, const QString &problem);
Error untrustedCertificate(const QString &origin, const QString &why);
Error answerTooLarge(const QString &origin, qint64 limitBytes);

} // namespace AdminErrors

} // namespace fvpn
