#include "TerminationSignals.h"

#include <QLoggingCategory>
#include <QSocketNotifier>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

namespace fvpn {

namespace {

Q_LOGGING_CATEGORY(lcSignals, "fvpn.signals", QtInfoMsg)

int g_pair[2] = { -1, -1 };
TerminationSignals *g_instance = nullptr;

void onTerminationSignal(int signalNumber)
{
    const int saved = errno;
    const unsigned char byte = static_cast<unsigned char>(signalNumber);
    // Nothing to do if the pipe is full: a quit is already on its way.
    [[maybe_unused]] const ssize_t written = ::write(g_pair[0], &byte, 1);
    errno = saved;
}

} // namespace

TerminationSignals *TerminationSignals::install(QObject *parent)
{
    if (g_instance)
        return g_instance;
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, g_pair) != 0) {
        qCWarning(lcSignals) << "cannot watch for SIGTERM: socketpair failed," << strerror(errno);
        return nullptr;
    }
    ::fcntl(g_pair[0], F_SETFL, ::fcntl(g_pair[0], F_GETFL) | O_NONBLOCK);
    g_instance = new TerminationSignals(parent);
    struct sigaction action = {};
    action.sa_handler = onTerminationSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    for (const int signalNumber : { SIGTERM, SIGINT, SIGHUP })
        ::sigaction(signalNumber, &action, nullptr);
    return g_instance;
}

TerminationSignals::TerminationSignals(QObject *parent)
    : QObject(parent)
    , m_notifier(new QSocketNotifier(g_pair[1], QSocketNotifier::Read, this))
{
    connect(m_notifier, &QSocketNotifier::activated, this, &TerminationSignals::readSignal);
}

TerminationSignals::~TerminationSignals()
{
    // From here on the default action applies again: a second SIGTERM ends the process.
    struct sigaction action = {};
    action.sa_handler = SIG_DFL;
    sigemptyset(&action.sa_mask);
    for (const int signalNumber : { SIGTERM, SIGINT, SIGHUP })
        ::sigaction(signalNumber, &action, nullptr);
    g_instance = nullptr;
    ::close(g_pair[0]);
    ::close(g_pair[1]);
    g_pair[0] = g_pair[1] = -1;
}

void TerminationSignals::readSignal()
{
    unsigned char byte = 0;
    if (::read(g_pair[1], &byte, 1) != 1)
        return;
    qCInfo(lcSignals) << "received signal" << int(byte) << "- quitting";
    Q_EMIT received(int(byte));
}

} // namespace fvpn
