#include "DesktopCommandLine.h"

#include <QString>
#include <QtGlobal>

#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace fvpn::DesktopCommandLine {

namespace {

QtMessageHandler previousHandler = nullptr;

void fatalToExit(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (type != QtFatalMsg) {
        if (previousHandler)
            previousHandler(type, context, message);
        else
            std::fprintf(stderr, "%s\n", qPrintable(message));
        return;
    }
    std::fprintf(stderr, "factory-vpn: cannot open a window: %s\n", qPrintable(message.simplified()));
    std::fflush(stderr);
    std::_Exit(1); // not abort(): no core dump for a missing display
}

} // namespace

const char *helpText()
{
    return R"(Usage: factory-vpn [OPTION]... [factory-vpn://enroll?...]

Get onto a factory's WireGuard VPN by yourself: generate a key (kept in the
system keychain), register with the hub, wait for approval, connect with one
click. Admins approve engineers and see every device on the "Hub admin" page.
Only one Factory VPN runs per user: a second start, or a click on an
enrollment link, hands over to the running one.

Options:
  factory-vpn://enroll?url=URL&fp=sha256:HEX[&invite=CODE]
                      an enrollment link from the admin: fills in the hub
  --admin             show the "Hub admin" page (shown by itself once a hub
                      profile exists)
  --lang LANG         user interface language: en, de or fr (default: the
                      system's; also FACTORY_VPN_LANG)
  --add-hub NAME --admin-url URL [--pin sha256:HEX]
                      store an admin hub profile, with the admin token read
                      from standard input into the keychain, and exit
  -h, --help          show this help and exit
  --version           show the version and exit

Needs a graphical session (X11 or Wayland); --help, --version and --add-hub
work without one.
)";
}

std::optional<int> answerWithoutWindow(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--help") == 0 || std::strcmp(argv[i], "-h") == 0) {
            std::fputs(helpText(), stdout);
            return 0;
        }
        if (std::strcmp(argv[i], "--version") == 0) {
            std::printf("factory-vpn %s\n", FACTORYVPN_VERSION);
            return 0;
        }
    }
    return std::nullopt;
}

std::optional<int> refuseWithoutDisplay()
{
    if (qEnvironmentVariableIsSet("QT_QPA_PLATFORM") || !qEnvironmentVariableIsEmpty("DISPLAY")
        || !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY"))
        return std::nullopt;
    std::fputs("factory-vpn: no display to open a window on (neither DISPLAY nor WAYLAND_DISPLAY is set).\n"
               "Start it from a graphical session; 'factory-vpn --help' works anywhere.\n",
               stderr);
    return 1;
}

FatalGuard::FatalGuard()
{
    previousHandler = qInstallMessageHandler(fatalToExit);
}

FatalGuard::~FatalGuard()
{
    qInstallMessageHandler(previousHandler);
    previousHandler = nullptr;
}

} // namespace fvpn::DesktopCommandLine
