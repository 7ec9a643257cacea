#include "ToolRunner.h"

#include "SecureBuffer.h"

#include <QPointer>
#include <QProcess>
#include <QStandardPaths>
#include <QTimer>

#include <memory>
#include <unistd.h>
#include <utility>

namespace fvpn {

ToolRunner::ToolRunner(Mode mode, QStringList prefix)
    : m_mode(mode)
    , m_prefix(std::move(prefix))
{ }

ToolRunner ToolRunner::privileged()
{
    return ToolRunner(::geteuid() == 0 ? Mode::Direct : Mode::Pkexec, {});
}

ToolRunner ToolRunner::direct()
{
    return ToolRunner(Mode::Direct, {});
}

ToolRunner ToolRunner::withPrefix(QStringList prefix)
{
    return ToolRunner(Mode::Prefix, std::move(prefix));
}

QString ToolRunner::describe() const
{
    switch (m_mode) {
    case Mode::Direct:
        return ::geteuid() == 0 ? QStringLiteral("directly, as root") : QStringLiteral("directly");
    case Mode::Pkexec:
        return QStringLiteral("through pkexec and %1").arg(m_helperPath);
    case Mode::Prefix:
        return QStringLiteral("through '%1'").arg(m_prefix.join(u' '));
    }
    return {};
}

void ToolRunner::run(const QString &program, const QStringList &arguments, const QStringList &helperAction,
                     QByteArray input, QObject *context, std::function<void(Result<ToolOutput>)> done,
                     std::chrono::milliseconds timeout) const
{
    QString executable = program;
    QStringList args = arguments;
    switch (m_mode) {
    case Mode::Direct:
        break;
    case Mode::Pkexec:
        executable = QStringLiteral("pkexec");
        args = QStringList { m_helperPath } + helperAction;
        break;
    case Mode::Prefix:
        executable = m_prefix.value(0);
        args = m_prefix.mid(1) + QStringList { program } + arguments;
        break;
    }

    auto fail = [&](const QString &message) {
        SecureBuffer::wipe(input);
        QMetaObject::invokeMethod(
            context, [done, message]() { done(makeError(ErrorCode::Unavailable, message)); },
            Qt::QueuedConnection);
    };
    if (QStandardPaths::findExecutable(executable).isEmpty() && !executable.contains(u'/')) {
        if (m_mode == Mode::Pkexec)
            return fail(
                QStringLiteral("pkexec is not installed, so Factory VPN cannot ask for permission to "
                               "change the network. Install polkit (pkexec) or run the tunnel as root."));
        return fail(QStringLiteral("'%1' is not installed.").arg(executable));
    }

    auto *process = new QProcess(context);
    auto finished = std::make_shared<bool>(false);
    auto complete = [process, finished, done](Result<ToolOutput> result) {
        if (*finished)
            return;
        *finished = true;
        process->deleteLater();
        done(std::move(result));
    };
    const QString shownName = program;
    QObject::connect(process, &QProcess::finished, context,
                     [process, complete, shownName](int exitCode, QProcess::ExitStatus status) {
                         if (status != QProcess::NormalExit)
                             return complete(makeError(ErrorCode::Internal,
                                                       QStringLiteral("'%1' crashed.").arg(shownName)));
                         ToolOutput output;
                         output.exitCode = exitCode;
                         output.standardOutput = process->readAllStandardOutput();
                         output.standardError
                             = QString::fromLocal8Bit(process->readAllStandardError()).trimmed();
                         complete(std::move(output));
                     });
    QObject::connect(
        process, &QProcess::errorOccurred, context,
        [process, complete, shownName](QProcess::ProcessError error) {
            if (error == QProcess::FailedToStart)
                complete(makeError(
                    ErrorCode::Unavailable,
                    QStringLiteral("Cannot start '%1': %2").arg(shownName, process->errorString())));
        });
    QTimer::singleShot(timeout, process, [process, complete, shownName]() {
        process->kill();
        complete(
            makeError(ErrorCode::Unavailable, QStringLiteral("'%1' did not finish in time.").arg(shownName)));
    });
    process->start(executable, args);
    if (!input.isEmpty())
        process->write(input);
    SecureBuffer::wipe(input);
    process->closeWriteChannel();
}

} // namespace fvpn
