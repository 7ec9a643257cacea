#pragma once

#include <QByteArray>
#include <QProcess>
#include <QStandardPaths>
#include <QString>
#include <QStringList>

// Real WireGuard keys for the parser tests, made by the `wg` tool itself, so that
// the tests never depend on keys pasted into the source.
namespace fvpn::test {

inline bool hasWgTool()
{
    return !QStandardPaths::findExecutable(QStringLiteral("wg")).isEmpty();
}

// Runs `wg <args>` with `input` on stdin; the trimmed stdout, empty on failure.
inline QByteArray runWg(const QStringList &args, const QByteArray &input = {})
{
    QProcess process;
    process.start(QStringLiteral("wg"), args);
    if (!process.waitForStarted())
        return {};
    process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished() || process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0)
        return {};
    return process.readAllStandardOutput().trimmed();
}

struct WgKeyPair
{
    QByteArray privateKey; // base64, as `wg genkey` prints it
    QString publicKey; // base64, as `wg pubkey` prints it
};

inline WgKeyPair generateKeyPair()
{
    WgKeyPair pair;
    pair.privateKey = runWg({ QStringLiteral("genkey") });
    pair.publicKey = QString::fromLatin1(runWg({ QStringLiteral("pubkey") }, pair.privateKey + '\n'));
    return pair;
}

inline QStringList generatePublicKeys(int count)
{
    QStringList keys;
    for (int i = 0; i < count; ++i)
        keys.append(generateKeyPair().publicKey);
    return keys;
}

} // namespace fvpn::test
