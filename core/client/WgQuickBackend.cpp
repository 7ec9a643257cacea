#include "WgQuickBackend.h"

#include "AtomicFile.h"
#include "SecureBuffer.h"
#include "WgStatusReader.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QPointer>

#include <algorithm>
#include <cerrno>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>

namespace fvpn {

namespace {

// Wipes the characters of a string that held a secret (the configuration text).
void wipe(QString &text)
{
    text.detach();
    std::fill(text.begin(), text.end(), QChar(u'\0'));
    text.clear();
}

QString firstLines(const QString &text, int count = 4)
{
    const QStringList lines = text.split(u'\n', Qt::SkipEmptyParts);
    return lines.mid(qMax(0, lines.size() - count)).join(QStringLiteral(" / "));
}

} // namespace

WgQuickBackend::WgQuickBackend(ToolRunner runner, QString interfaceName, QString runtimeDir, QObject *parent)
    : TunnelBackend(parent)
    , m_runner(std::move(runner))
    , m_interface(std::move(interfaceName))
    , m_runtimeDir(std::move(runtimeDir))
{ }

QString WgQuickBackend::describe() const
{
    return QStringLiteral("wg-quick on interface %1, run %2").arg(m_interface, m_runner.describe());
}

Result<QString> WgQuickBackend::prepareRuntimeDir() const
{
    QString dir = m_runtimeDir;
    if (dir.isEmpty()) {
        const QString xdg = qEnvironmentVariable("XDG_RUNTIME_DIR");
        if (!xdg.isEmpty())
            dir = xdg + QStringLiteral("/factory-vpn");
        else if (::geteuid() == 0)
            dir = QStringLiteral("/run/factory-vpn");
        else
            return makeError(
                ErrorCode::Unavailable,
                QStringLiteral("XDG_RUNTIME_DIR is not set, so there is no private memory-backed "
                               "folder for the tunnel configuration; log in through a desktop "
                               "session."));
    }
    // mkdir with 0700 from the start: a folder created wider and narrowed later
    // could be opened by someone else in between.
    if (::mkdir(QFile::encodeName(dir).constData(), 0700) != 0 && errno != EEXIST)
        return makeError(ErrorCode::IoError, QStringLiteral("Cannot create the folder %1.").arg(dir));
    struct stat info
    {
    };
    if (::lstat(QFile::encodeName(dir).constData(), &info) != 0 || !S_ISDIR(info.st_mode))
        return makeError(ErrorCode::IoError, QStringLiteral("%1 is not a folder.").arg(dir));
    if (info.st_uid != ::geteuid() || (info.st_mode & 077) != 0)
        return makeError(
            ErrorCode::PermissionDenied,
            QStringLiteral("%1 is readable by others or not owned by you; refusing to put the VPN key "
                           "there.")
                .arg(dir));
    return dir;
}

QString WgQuickBackend::configPath() const
{
    const Result<QString> dir = prepareRuntimeDir();
    return (dir ? *dir : m_runtimeDir) + u'/' + m_interface + QStringLiteral(".conf");
}

void WgQuickBackend::up(const WgQuickConfig &config, QObject *context, std::function<void(Result<void>)> done)
{
    runWgQuick(QStringLiteral("up"), config, true, context, std::move(done));
}

void WgQuickBackend::down(const WgQuickConfig &config, QObject *context,
                          std::function<void(Result<void>)> done)
{
    runWgQuick(QStringLiteral("down"), config, false, context, std::move(done));
}

void WgQuickBackend::runWgQuick(const QString &verb, const WgQuickConfig &config, bool withKey,
                                QObject *context, std::function<void(Result<void>)> done)
{
    if (!context)
        context = this;
    auto failLater = [&](Error error) {
        QMetaObject::invokeMethod(
            context, [done, error]() { done(error); }, Qt::QueuedConnection);
    };
    if (withKey && config.privateKey.isNull())
        return failLater(
            makeError(ErrorCode::InvalidInput, QStringLiteral("The tunnel has no private key.")));
    const Result<QString> dir = prepareRuntimeDir();
    if (!dir)
        return failLater(dir.error());

    Result<QString> text = config.toText(withKey);
    if (!text)
        return failLater(text.error());
    QByteArray bytes = text->toUtf8();
    wipe(text.value());
    const QString path = *dir + u'/' + m_interface + QStringLiteral(".conf");
    const Result<void> written
        = AtomicFile::write(path, bytes, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    SecureBuffer::wipe(bytes);
    if (!written) {
        QFile::remove(path);
        return failLater(written.error());
    }

    const QString interfaceName = m_interface;
    const bool throughPkexec = m_runner.mode() == ToolRunner::Mode::Pkexec;
    m_runner.run(
        QStringLiteral("wg-quick"), { verb, path }, { QStringLiteral("factory-vpn-helper"), verb, path }, {},
        context, [path, verb, interfaceName, throughPkexec, done](Result<ToolOutput> output) {
            // Gone the moment wg-quick has read it, success or not.
            QFile::remove(path);
            if (!output)
                return done(output.error());
            SecureBuffer::wipe(output->standardOutput);
            // pkexec's own codes: the user dismissed or failed the authentication.
            if (throughPkexec && (output->exitCode == 126 || output->exitCode == 127))
                return done(makeError(ErrorCode::PermissionDenied,
                                      QStringLiteral("Permission to change the network was not given (%1).")
                                          .arg(firstLines(output->standardError))));
            if (output->exitCode != 0)
                return done(makeError(ErrorCode::IoError,
                                      QStringLiteral("wg-quick %1 %2 failed: %3")
                                          .arg(verb, interfaceName, firstLines(output->standardError))));
            done({});
        });
}

void WgQuickBackend::readStatus(QObject *context, std::function<void(Result<std::optional<WgDump>>)> done)
{
    WgStatusReader(m_runner, m_interface).read(context ? context : this, std::move(done));
}

} // namespace fvpn
