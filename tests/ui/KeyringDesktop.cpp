// Driving gnome-keyring's own windows on an X display of the test's own, as a
// person would (xdotool), and the session bus calls around them.
#include "KeyringDesktop.h"

#include <QProcess>
#include <QProcessEnvironment>
#include <QTest>

#include <cstdio>

namespace fvpn::test {

std::optional<QByteArray> callSessionBus(const QString &destination, const QString &path,
                                         const QString &method, const QString &argument)
{
    QProcess call;
    call.start(QStringLiteral("dbus-send"),
               { QStringLiteral("--session"), QStringLiteral("--print-reply"),
                 QStringLiteral("--dest=") + destination, path, method, argument });
    if (!call.waitForFinished(10000) || call.exitStatus() != QProcess::NormalExit || call.exitCode() != 0)
        return std::nullopt;
    return call.readAllStandardOutput();
}

bool unlockKeyring(const QByteArray &password)
{
    QProcess daemon;
    daemon.start(
        QStringLiteral("gnome-keyring-daemon"),
        { QStringLiteral("--replace"), QStringLiteral("--unlock"), QStringLiteral("--components=secrets") });
    daemon.write(password);
    daemon.closeWriteChannel();
    if (!daemon.waitForFinished(30000) || daemon.exitCode() != 0)
        return false;
    // It returns before it owns its bus name (tests/keyring-session.sh says why that matters).
    return QTest::qWaitFor(
        [] {
            const std::optional<QByteArray> reply = callSessionBus(
                QStringLiteral("org.freedesktop.DBus"), QStringLiteral("/org/freedesktop/DBus"),
                QStringLiteral("org.freedesktop.DBus.NameHasOwner"),
                QStringLiteral("string:org.freedesktop.secrets"));
            return reply && reply->contains("boolean true");
        },
        30000);
}

bool lockKeyring()
{
    return callSessionBus(QStringLiteral("org.freedesktop.secrets"),
                          QStringLiteral("/org/freedesktop/secrets"),
                          QStringLiteral("org.freedesktop.Secret.Service.Lock"),
                          QStringLiteral("array:objpath:/org/freedesktop/secrets/collection/login"))
        .has_value();
}

QString xdotool(const QStringList &arguments)
{
    QProcess process;
    process.start(QStringLiteral("xdotool"), arguments);
    process.waitForFinished(10000);
    return QString::fromLocal8Bit(process.readAllStandardOutput()).trimmed();
}

bool displayAnswers(const QString &display)
{
    QProcess ask;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("DISPLAY"), display);
    ask.setProcessEnvironment(env);
    ask.start(QStringLiteral("xdotool"), { QStringLiteral("getdisplaygeometry") });
    return ask.waitForFinished(10000) && ask.exitStatus() == QProcess::NormalExit && ask.exitCode() == 0;
}

// Xvfb picks a free display itself and says which once it listens (-displayfd):
// no lock-file guess that another X server on the machine can race. -noreset: by
// default an X server resets when its last client leaves and drops every
// connection still being set up; the xdotool polls come and go, and gcr-prompter,
// connecting just then, failed with "cannot open display" (2 CI failures; 3 in 40
// runs under load here; two pollers of a bare Xvfb: 9-18 of 150 opens fail, none
// with -noreset). The display is asked before it is trusted.
QString startDisplay(QProcess &xvfb)
{
    xvfb.setProgram(QStringLiteral("Xvfb"));
    xvfb.setArguments({ QStringLiteral("-displayfd"), QStringLiteral("1"), QStringLiteral("-noreset"),
                        QStringLiteral("-nolisten"), QStringLiteral("tcp"), QStringLiteral("-screen"),
                        QStringLiteral("0"), QStringLiteral("1024x768x24") });
    xvfb.setProcessChannelMode(QProcess::SeparateChannels);
    for (int attempt = 1; attempt <= 3; ++attempt) {
        xvfb.start();
        if (xvfb.waitForStarted(10000)
            && QTest::qWaitFor([&xvfb] { return xvfb.canReadLine() || xvfb.state() != QProcess::Running; },
                               30000)) {
            const QByteArray number = xvfb.readLine().trimmed();
            const QString display = QLatin1Char(':') + QString::fromLatin1(number);
            if (!number.isEmpty() && QTest::qWaitFor([&display] { return displayAnswers(display); }, 10000))
                return display;
        }
        std::printf("Xvfb, try %d: no display answered (%s)\n", attempt,
                    xvfb.readAllStandardError().right(300).constData());
        std::fflush(stdout);
        xvfb.kill();
        xvfb.waitForFinished(10000);
    }
    return {};
}

bool keyringWindowShown()
{
    return !xdotool({ QStringLiteral("search"), QStringLiteral("--onlyvisible"), QStringLiteral("--class"),
                      QStringLiteral("gcr-prompter") })
                .isEmpty();
}

bool answerKeyringWindow(const QStringList &passwordFields)
{
    const bool shown = QTest::qWaitFor(keyringWindowShown, 60000);
    if (!shown) {
        // Say whether the display was there to show it on (gcr-prompter could not
        // open it once in CI), so a failure tells the machine's fault from the app's.
        const QString display = qEnvironmentVariable("DISPLAY");
        std::printf("the keyring's window did not appear in 60 s; the display %s %s\n", qPrintable(display),
                    displayAnswers(display) ? "answers" : "does not answer");
        std::fflush(stdout);
        return false;
    }
    QTest::qWait(300);
    // The keys go to the prompter itself (no window manager gives it the focus;
    // on a loaded machine it may map before it reads the keyboard).
    const auto focus = [] {
        xdotool({ QStringLiteral("search"), QStringLiteral("--onlyvisible"), QStringLiteral("--class"),
                  QStringLiteral("gcr-prompter"), QStringLiteral("windowfocus"), QStringLiteral("--sync") });
    };
    if (passwordFields.isEmpty()) {
        // Closed as a person would, once more should the key have come before it
        // listened; a loaded machine may take its time to take the window down.
        for (int attempt = 0; attempt < 2; ++attempt) {
            focus();
            xdotool({ QStringLiteral("key"), QStringLiteral("Escape") });
            if (QTest::qWaitFor([] { return !keyringWindowShown(); }, 20000))
                return true;
        }
        return false;
    }
    focus();
    for (qsizetype i = 0; i < passwordFields.size(); ++i) {
        if (i > 0)
            xdotool({ QStringLiteral("key"), QStringLiteral("Tab") });
        xdotool({ QStringLiteral("type"), QStringLiteral("--delay"), QStringLiteral("20"),
                  passwordFields.at(i) });
    }
    xdotool({ QStringLiteral("key"), QStringLiteral("Return") });
    return true;
}

} // namespace fvpn::test
