#include "HubLog.h"

#include <QDateTime>

#include <atomic>
#include <cstdio>

using namespace Qt::StringLiterals;

namespace fvpn {

Q_LOGGING_CATEGORY(lcHub, "fvpn.hub", QtInfoMsg)

namespace HubLog {

namespace {

std::atomic<int> s_threshold { int(LogLevel::Info) };
bool s_journal = false;

LogLevel levelOf(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg:
        return LogLevel::Debug;
    case QtInfoMsg:
        return LogLevel::Info;
    case QtWarningMsg:
        return LogLevel::Warning;
    case QtCriticalMsg:
    case QtFatalMsg:
        return LogLevel::Error;
    }
    return LogLevel::Error;
}

void handler(QtMsgType type, const QMessageLogContext &, const QString &message)
{
    if (int(levelOf(type)) > s_threshold.load())
        return;
    const QByteArray line = format(type, message, s_journal).toLocal8Bit() + '\n';
    std::fwrite(line.constData(), 1, size_t(line.size()), stderr);
    std::fflush(stderr);
}

} // namespace

QString format(QtMsgType type, const QString &message, bool journal)
{
    // A multi-line message (a parse error listing lines) keeps its continuation
    // lines indented and, for journald, at the same priority.
    QString text = message;
    if (journal) {
        int priority = 6;
        switch (type) {
        case QtDebugMsg:
            priority = 7;
            break;
        case QtInfoMsg:
            priority = 6;
            break;
        case QtWarningMsg:
            priority = 4;
            break;
        case QtCriticalMsg:
            priority = 3;
            break;
        case QtFatalMsg:
            priority = 2;
            break;
        }
        const QString prefix = u"<%1>"_s.arg(priority);
        text.replace(u'\n', u"\n"_s + prefix + u"    "_s);
        return prefix + text;
    }
    text.replace(u'\n', u"\n    "_s);
    static const char *const names[] = { "debug", "warning", "error", "fatal", "info" };
    const QString stamp = QDateTime::currentDateTime().toString(Qt::ISODateWithMs);
    return u"%1 %2: %3"_s.arg(stamp, QLatin1StringView(names[int(type)]), text);
}

void install(LogLevel level)
{
    s_threshold = int(level);
    s_journal = !qEnvironmentVariableIsEmpty("JOURNAL_STREAM");
    QLoggingCategory::setFilterRules(u"fvpn.hub.debug=true"_s);
    qInstallMessageHandler(handler);
}

} // namespace HubLog

} // namespace fvpn
