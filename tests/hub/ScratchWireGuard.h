#pragma once

#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QThread>

#include <unistd.h>

// A real wireguard-go interface in a throwaway network and mount namespace
// (`unshare --net --mount`), with its UAPI socket in a private folder bound over
// /run/wireguard only inside that namespace: the socket is reachable from the
// test by path, the interface touches nothing on the host. Needs root, unshare
// and wireguard-go; usable() says whether it came up.
class ScratchWireGuard
{
public:
    explicit ScratchWireGuard(const QString &interfaceName)
        : m_name(interfaceName)
    {
        const QString unshare = QStandardPaths::findExecutable(QStringLiteral("unshare"));
        const QString wireguardGo = QStandardPaths::findExecutable(QStringLiteral("wireguard-go"));
        if (geteuid() != 0 || unshare.isEmpty() || wireguardGo.isEmpty()
            || !QFileInfo::exists(QStringLiteral("/dev/net/tun")))
            return;
        // The mount point for the private bind; an empty folder, never used bare.
        QDir().mkpath(QStringLiteral("/run/wireguard"));
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("LOG_LEVEL"), QStringLiteral("error"));
        m_process.setProcessEnvironment(environment);
        m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_process.start(unshare,
                        { QStringLiteral("--net"), QStringLiteral("--mount"), QStringLiteral("sh"),
                          QStringLiteral("-c"),
                          QStringLiteral("mount --bind \"$0\" /run/wireguard && exec \"$1\" -f \"$2\""),
                          m_dir.path(), wireguardGo, m_name });
        if (!m_process.waitForStarted(5000))
            return;
        for (int i = 0; i < 100 && !QFileInfo::exists(socketPath()); ++i) {
            if (m_process.state() != QProcess::Running)
                return;
            QThread::msleep(50);
        }
        // The socket file appears at bind(); give listen() a moment as well.
        QThread::msleep(100);
        m_usable = QFileInfo::exists(socketPath()) && m_process.state() == QProcess::Running;
    }
    ~ScratchWireGuard()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.terminate();
            if (!m_process.waitForFinished(5000)) {
                m_process.kill();
                m_process.waitForFinished(5000);
            }
        }
    }

    bool usable() const { return m_usable; }
    QString runDir() const { return m_dir.path(); }
    QString socketPath() const { return QDir(m_dir.path()).filePath(m_name + QStringLiteral(".sock")); }

private:
    QString m_name;
    QTemporaryDir m_dir;
    QProcess m_process;
    bool m_usable = false;
};
