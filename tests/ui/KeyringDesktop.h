#pragma once

// Driving gnome-keyring's own windows on an X display of the test's own, as a
// person would (xdotool), and the session bus calls around them: for the tests
// and the screenshot driver that meet gnome-keyring's password windows for real.
#include <QByteArray>
#include <QString>
#include <QStringList>

#include <optional>

class QProcess;

namespace fvpn::test {

// One call on the session bus with dbus-send: its reply as text, or nothing if
// the call failed.
std::optional<QByteArray> callSessionBus(const QString &destination, const QString &path,
                                         const QString &method, const QString &argument);

// gnome-keyring-daemon --replace --unlock: a keyring made (or unlocked) with
// `password`; true once the daemon owns its bus name.
bool unlockKeyring(const QByteArray &password);

// Locks the login keyring.
bool lockKeyring();

// xdotool with `arguments` on $DISPLAY: what it printed.
QString xdotool(const QStringList &arguments);

// Whether an X client gets an answer from `display`.
bool displayAnswers(const QString &display);

// Starts `xvfb` on a free display: ":N" once it answers, empty if none did in three tries.
QString startDisplay(QProcess &xvfb);

// Whether gnome-keyring's own password window (gcr-prompter) is on screen.
bool keyringWindowShown();

// Waits up to 60 s for gnome-keyring's window and answers it as a person would:
// Escape (no fields), or the password (twice for a new keyring) and Enter.
bool answerKeyringWindow(const QStringList &passwordFields);

} // namespace fvpn::test
