#include "CommandRunner.h"

#include <QFileInfo>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace fvpn {

namespace {

QString describe(const QString &program, const QStringList &arguments)
{
    constexpr qsizetype MaxShown = 6;
    QStringList shown { QFileInfo(program).fileName() };
    shown += arguments.mid(0, MaxShown);
    if (arguments.size() > MaxShown)
        shown += u"... (%1 more)"_s.arg(arguments.size() - MaxShown);
    return shown.join(u' ');
}

} // namespace

QString CommandRunner::program(Tool tool)
{
    struct Entry
    {
        const char *env;
        QString name;
    };
    static const Entry entries[] = { { "FVPN_WG", u"wg"_s },
                                     { "FVPN_IP", u"ip"_s },
                                     { "FVPN_NFT", u"nft"_s },
                                     { "FVPN_WIREGUARD_GO", u"wireguard-go"_s } };
    const Entry &entry = entries[int(tool)];
    const QString overridden = qEnvironmentVariable(entry.env);
    if (!overridden.isEmpty())
        return overridden;
    // Daemons under systemd may lack /usr/sbin in PATH; ip and nft live there.
    QString found = QStandardPaths::findExecutable(entry.name);
    if (found.isEmpty())
        found = QStandardPaths::findExecutable(entry.name, { u"/usr/sbin"_s, u"/sbin"_s, u"/usr/bin"_s });
    return found.isEmpty() ? entry.name : found;
}

Result<QByteArray> CommandRunner::run(Tool tool, const QStringList &arguments, QByteArrayView input,
                                      int timeoutMs)
{
    return run(program(tool), arguments, input, timeoutMs);
}

Result<QByteArray> CommandRunner::run(const QString &program, const QStringList &arguments,
                                      QByteArrayView input, int timeoutMs)
{
    QProcess process;
    process.setProgram(program);
    process.setArguments(arguments);
    process.start();
    if (!process.waitForStarted(timeoutMs))
        return makeError(ErrorCode::Unavailable,
                         u"cannot run %1: %2"_s.arg(describe(program, arguments), process.errorString()));
    if (!input.isEmpty())
        process.write(input.data(), input.size());
    process.closeWriteChannel();
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished(1000);
        return makeError(
            ErrorCode::Unavailable,
            u"%1 did not finish within %2 s"_s.arg(describe(program, arguments)).arg(timeoutMs / 1000));
    }
    const QString stdErr = QString::fromUtf8(process.readAllStandardError()).trimmed();
    if (process.exitStatus() != QProcess::NormalExit)
        return makeError(ErrorCode::Internal, u"%1 crashed"_s.arg(describe(program, arguments)));
    if (process.exitCode() != 0) {
        return makeError(ErrorCode::IoError,
                         u"%1 failed (exit code %2)%3"_s.arg(describe(program, arguments))
                             .arg(process.exitCode())
                             .arg(stdErr.isEmpty() ? QString() : u": "_s + stdErr));
    }
    return process.readAllStandardOutput();
}

} // namespace fvpn
