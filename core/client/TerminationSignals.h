#pragma once

#include <QObject>

class QSocketNotifier;

namespace fvpn {

// SIGTERM (logout, `kill`, systemd), SIGINT (Ctrl-C) and SIGHUP (the terminal
// went away) turned into a Qt signal, so the app ends through its event loop
// and cleans up like a normal quit: the single-instance socket is removed, the
// settings are written. Without this the next start finds a stale socket.
// The C handler only writes the signal's number into a socket pair (the one
// thing that is safe there); the reading end is watched by the event loop.
class TerminationSignals : public QObject
{
    Q_OBJECT

public:
    // Installs the handlers once per process. Null (and a warning in the log)
    // if the socket pair cannot be made.
    static TerminationSignals *install(QObject *parent);
    ~TerminationSignals() override;

Q_SIGNALS:
    void received(int signalNumber);

private:
    explicit TerminationSignals(QObject *parent);
    void readSignal();

    QSocketNotifier *m_notifier = nullptr;
};

} // namespace fvpn
