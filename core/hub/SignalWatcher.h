#pragma once

#include <QObject>

class QSocketNotifier;

namespace fvpn {

// Turns SIGTERM, SIGINT and SIGHUP into a Qt signal on the event loop (the
// self-pipe trick: the handler only writes a byte). One instance per process.
class SignalWatcher : public QObject
{
    Q_OBJECT

public:
    explicit SignalWatcher(QObject *parent = nullptr);
    ~SignalWatcher() override;

Q_SIGNALS:
    void terminateRequested(int signalNumber); // SIGTERM, SIGINT
    void reloadRequested(); // SIGHUP

private:
    void onReadable();

    QSocketNotifier *m_notifier = nullptr;
};

} // namespace fvpn
