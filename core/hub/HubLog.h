#pragma once

#include "HubOptions.h"

#include <QLoggingCategory>

namespace fvpn {

Q_DECLARE_LOGGING_CATEGORY(lcHub)

// The hub logs to stderr, one line a message. Under systemd (JOURNAL_STREAM set)
// each line starts with a syslog priority prefix (<3> error .. <7> debug) so
// journald records the level; otherwise with a level word. Nothing below `level`
// is written. Secrets are never passed to the log in the first place.
namespace HubLog {

void install(LogLevel level);
// The line as written, for tests: `journal` selects the priority-prefix form.
QString format(QtMsgType type, const QString &message, bool journal);

} // namespace HubLog

} // namespace fvpn
