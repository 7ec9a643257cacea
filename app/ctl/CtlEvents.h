#pragma once

#include "AdminEvent.h"
#include "CtlOptions.h"
#include "Result.h"

#include <QString>

class QIODevice;

namespace fvpn {

// factory-vpn-ctl events: follows the hub's event stream (AdminEventStream)
// and prints each event as it comes, one line each (--json: one JSON object
// per line, {"id","event","data"}), until SIGINT or SIGTERM, which end it
// cleanly (exit 0). A lost stream is resumed by itself, with Last-Event-ID, so
// nothing is printed twice or missed; a refused token or a hub without the
// stream ends it (exit 1). Connection news goes to stderr, events to stdout.
class CtlEvents
{
public:
    CtlEvents(const CtlOptions &options, const QString &token, QIODevice *out, QIODevice *err);

    int run();

    // One event as a line for people, without the time (for tests).
    static QString describe(const AdminEvent &event);
    // One event as the line --json prints.
    static QByteArray jsonLine(const AdminEvent &event);

private:
    void printOut(const QByteArray &line);
    void printErr(const QString &text);

    CtlOptions m_options;
    QString m_token;
    QIODevice *m_out;
    QIODevice *m_err;
};

} // namespace fvpn
