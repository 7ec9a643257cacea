#pragma once

#include "HubOptions.h"
#include "HubViewHolder.h"
#include "PrivateKey.h"
#include "Result.h"

#include <QObject>
#include <QPointer>
#include <QThread>

#include <functional>

namespace fvpn {

class HubDaemon;

// Runs the HubDaemon on a thread of its own, so `wg`, `nft`, file writes and the
// inventory parse never hold up the API's threads, and hands out what it does:
//
// - views(): the latest HubView, for any thread, without waiting;
// - commands from the API, queued into the hub thread; each reports back through
//   a callback run on the caller's thread (the context object's), or, for callers
//   that still need an answer before they go on, by waiting for it (*AndWait).
//
// The hub thread never waits for another thread; only the *AndWait calls and
// stop() wait for the hub thread.
class HubThread : public QObject
{
    Q_OBJECT

public:
    using Done = std::function<void(const Result<void> &)>;

    HubThread(HubOptions options, PrivateKey key, QObject *parent = nullptr);
    ~HubThread() override; // stops first

    void start();
    // Stops the daemon (status "stopped"; interface and peers stay) and ends the
    // thread; returns when both are done.
    void stop();
    bool isRunning() const { return m_thread.isRunning(); }

    HubViewHolder &views() { return m_views; }
    const HubViewHolder &views() const { return m_views; }

    // SIGHUP: re-read every input and verify. `done`, when given, runs on
    // `context`'s thread once the pass is over.
    void reload(QObject *context = nullptr, Done done = {});
    void replaceClientsFile(QByteArray content, QObject *context, Done done);
    void setDeviceToDevice(bool allowed, QObject *context, Done done);

    Result<void> replaceClientsFileAndWait(const QByteArray &content);
    Result<void> setDeviceToDeviceAndWait(bool allowed);

Q_SIGNALS:
    void failed(const QString &message); // fatal: the daemon cannot run
    void firstReconcileDone();

private:
    using Work = std::function<Result<void>(HubDaemon &)>;
    // Runs `work` on the hub thread, then `finished` there with its result.
    void post(Work work, std::function<void(const Result<void> &)> finished);
    void call(Work work, QObject *context, Done done);
    Result<void> callAndWait(Work work);

    QThread m_thread;
    HubViewHolder m_views;
    HubDaemon *m_daemon = nullptr; // lives on m_thread; deleted when it finishes
};

} // namespace fvpn
