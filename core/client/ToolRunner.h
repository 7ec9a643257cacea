#pragma once

#include "Result.h"

#include <QByteArray>
#include <QObject>
#include <QString>
#include <QStringList>

#include <chrono>
#include <functional>

namespace fvpn {

struct ToolOutput
{
    int exitCode = 0;
    QByteArray standardOutput; // may hold a secret (`wg show dump`): the caller wipes it
    QString standardError;
};

// Runs the system tools the tunnel needs (wg-quick, wg, ping) the way this
// process may run them:
//  - Direct: as they are (the app runs as root, or the tool needs no privilege);
//  - Pkexec: through pkexec and the helper scripts (docs/privileged-helper.md), which
//    ask polkit for permission and allow only the few commands the app uses;
//  - Prefix: behind a fixed command (tests run tools inside a network namespace).
class ToolRunner
{
public:
    enum class Mode
    {
        Direct,
        Pkexec,
        Prefix,
    };

    static constexpr auto DefaultHelperDir = "/usr/libexec/factory-vpn";

    // Direct as root, Pkexec otherwise.
    static ToolRunner privileged();
    static ToolRunner direct();
    static ToolRunner withPrefix(QStringList prefix);
    // Tests put a stand-in for pkexec and the helpers from the source tree here.
    static ToolRunner pkexec(QString pkexecProgram, QString helperDir);

    Mode mode() const { return m_mode; }
    QString describe() const; // for diagnostics: "as root", "through pkexec", …

    // `helperCommand` is what the Pkexec mode runs instead: a helper's file name in
    // the helper folder and its arguments (see resources/helper/); `program` and
    // `arguments` are what runs in the other modes.
    // `input` goes to the tool's stdin and is wiped from this side once written.
    // Missing programs, crashes and timeouts are errors; a non-zero exit code is
    // not (the caller knows what it means), it comes back in ToolOutput.
    void run(const QString &program, const QStringList &arguments, const QStringList &helperCommand,
             QByteArray input, QObject *context, std::function<void(Result<ToolOutput>)> done,
             std::chrono::milliseconds timeout = std::chrono::seconds(60)) const;

private:
    ToolRunner(Mode mode, QStringList prefix);

    Mode m_mode = Mode::Direct;
    QStringList m_prefix; // Prefix: the command; Pkexec: the pkexec program
    QString m_helperDir = QString::fromLatin1(DefaultHelperDir);
};

} // namespace fvpn
