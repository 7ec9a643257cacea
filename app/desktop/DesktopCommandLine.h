#pragma once

#include <optional>

namespace fvpn::DesktopCommandLine {

// `--help` and `--version` print and return 0 before any window or display is
// touched (so they work over SSH, and help2man can read them).
std::optional<int> answerWithoutWindow(int argc, char *argv[]);

// Without a display QApplication aborts (qFatal, a core dump). Returns 1 after
// saying why when there is no display to open a window on: neither DISPLAY nor
// WAYLAND_DISPLAY is set and no QT_QPA_PLATFORM is chosen.
std::optional<int> refuseWithoutDisplay();

// While QApplication is being made: a fatal error of the platform plugin (a
// DISPLAY nobody answers on) ends the app with exit code 1 and a message
// instead of abort(). Restores Qt's handler when done.
class FatalGuard
{
public:
    FatalGuard();
    ~FatalGuard();
    FatalGuard(const FatalGuard &) = delete;
    FatalGuard &operator=(const FatalGuard &) = delete;
};

const char *helpText();

} // namespace fvpn::DesktopCommandLine
