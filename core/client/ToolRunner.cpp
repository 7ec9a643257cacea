#include "ToolRunner.h"

#include "SecureBuffer.h"

#include <QCoreApplication>
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
    if (::geteuid() == 0)
        return ToolRunner(Mode::Direct, {});
    return pkexec(QStringLiteral("pkexec"), QString::fromLatin1(DefaultHelperDir));
}

ToolRunner ToolRunner::pkexec(QString pkexecProgram, QString helperDir)
{
    ToolRunner runner(Mode::Pkexec, { std::move(pkexecProgram) });
    runner.m_helperDir = std::move(helperDir);
    return runner;
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
        return ::geteuid() == 0 ? QCoreApplication::translate("fvpn::ToolRunner", "directly, as root")
                                : QCoreApplication::translate("fvpn::ToolRunner", "directly");
    case Mode::Pkexec:
        return QCoreApplication::translate("fvpn::ToolRunner", "through %1 and the helpers in %2")
            .arg(m_prefix.value(0), m_helperDir);
    case Mode::Prefix:
        return QCoreApplication::translate("fvpn::ToolRunner", "through '%1'").arg(m_prefix.join(u' '));
    }
    return {};
}

void ToolRunner::run(const QString &program, const QStringList &arguments, const QStringList &helperCommand,
                     QByteArray input, QObject *context, std::function<void(Result<ToolOutput>)> done,
                     std::chrono::milliseconds timeout) const
{
    QString executable = program;
    QStringList args = arguments;
    switch (m_mode) {
    case Mode::Direct:
        break;
    case Mode::Pkexec:
        // pkexec needs the helper's absolute path: that path is what polkit's
        // policy names, and pkexec resets PATH.
        executable = m_prefix.value(0);
        args = QStringList { m_helperDir + u'/' + helperCommand.value(0) } + helperCommand.mid(1);
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

    // Not a child of `context`: destroying a running QProcess blocks and warns.
    // When the context goes, the tool is killed and cleans up after itself.
    auto *process = new QProcess();
    auto answered = std::make_shared<bool>(false);
    auto answer = [answered, guard = QPointer<QObject>(context), done](Result<ToolOutput> result) {
        if (*answered)
            return;
        *answered = true;
        if (guard)
            done(std::move(result));
    };
    const QString shownName = program;
    QObject::connect(
        process, &QProcess::finished, process,
        [process, answer, shownName](int exitCode, QProcess::ExitStatus status) {
            process->deleteLater();
            if (status != QProcess::NormalExit)
                return answer(makeError(ErrorCode::Internal, QStringLiteral("'%1' crashed.").arg(shownName)));
            ToolOutput output;
            output.exitCode = exitCode;
            output.standardOutput = process->readAllStandardOutput();
            output.standardError = QString::fromLocal8Bit(process->readAllStandardError()).trimmed();
            answer(std::move(output));
        });
    QObject::connect(
        process, &QProcess::errorOccurred, process,
        [process, answer, shownName](QProcess::ProcessError error) {
            if (error != QProcess::FailedToStart)
                return;
            process->deleteLater();
            answer(makeError(ErrorCode::Unavailable,
                             QStringLiteral("Cannot start '%1': %2").arg(shownName, process->errorString())));
        });
    QObject::connect(context, &QObject::destroyed, process, [process]() { process->kill(); });
    QTimer::singleShot(timeout, process, [process, answer, shownName]() {
        answer(
            makeError(ErrorCode::Unavailable, QStringLiteral("'%1' did not finish in time.").arg(shownName)));
        process->kill();
    });
    process->start(executable, args);
    if (!input.isEmpty())
        process->write(input);
    SecureBuffer::wipe(input);
    process->closeWriteChannel();
}

} // namespace fvpn
