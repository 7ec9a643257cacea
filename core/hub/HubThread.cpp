#include "HubThread.h"

#include "HubDaemon.h"

#include <QMetaObject>

#include <future>
#include <utility>

using namespace Qt::StringLiterals;

namespace fvpn {

namespace {

Error hubGone()
{
    return makeError(ErrorCode::Unavailable, u"the hub is stopping"_s);
}

// Calls its callback exactly once: with the result, or with "unavailable" when the
// work was dropped unrun (the thread ended first), so nobody waits forever.
class Completion
{
public:
    explicit Completion(std::function<void(const Result<void> &)> callback)
        : m_callback(std::move(callback))
    { }
    Completion(const Completion &) = delete;
    Completion &operator=(const Completion &) = delete;
    ~Completion()
    {
        if (m_callback)
            m_callback(hubGone());
    }
    void operator()(const Result<void> &result)
    {
        auto callback = std::exchange(m_callback, nullptr);
        if (callback)
            callback(result);
    }

private:
    std::function<void(const Result<void> &)> m_callback;
};

} // namespace

HubThread::HubThread(HubOptions options, PrivateKey key, QObject *parent)
    : QObject(parent)
{
    m_thread.setObjectName(u"hub"_s);
    m_daemon = new HubDaemon(std::move(options), std::move(key), &m_views);
    m_daemon->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_daemon, &QObject::deleteLater);
    connect(m_daemon, &HubDaemon::failed, this, &HubThread::failed);
    connect(m_daemon, &HubDaemon::firstReconcileDone, this, &HubThread::firstReconcileDone);
}

HubThread::~HubThread()
{
    stop();
    if (!m_thread.isFinished()) {
        // Never started: the daemon still belongs to the idle thread object.
        delete m_daemon;
    }
}

void HubThread::start()
{
    m_thread.start();
    QMetaObject::invokeMethod(m_daemon, &HubDaemon::start, Qt::QueuedConnection);
}

void HubThread::stop()
{
    if (!m_thread.isRunning())
        return;
    QMetaObject::invokeMethod(m_daemon, &HubDaemon::stop, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

void HubThread::post(Work work, std::function<void(const Result<void> &)> finished)
{
    auto completion = std::make_shared<Completion>(std::move(finished));
    if (!m_thread.isRunning())
        return; // the completion reports "unavailable" as it goes
    HubDaemon *daemon = m_daemon;
    QMetaObject::invokeMethod(
        daemon, [daemon, work = std::move(work), completion] { (*completion)(work(*daemon)); },
        Qt::QueuedConnection);
}

void HubThread::call(Work work, QObject *context, Done done)
{
    if (!done) {
        post(std::move(work), [](const Result<void> &) {});
        return;
    }
    QPointer<QObject> target(context);
    post(std::move(work), [target, done = std::move(done)](const Result<void> &result) {
        if (!target)
            return; // the caller is gone: nobody to tell
        QMetaObject::invokeMethod(
            target.data(), [target, done, result] { done(result); }, Qt::QueuedConnection);
    });
}

Result<void> HubThread::callAndWait(Work work)
{
    if (QThread::currentThread() == &m_thread)
        return work(*m_daemon);
    std::promise<Result<void>> promise;
    std::future<Result<void>> future = promise.get_future();
    post(std::move(work), [&promise](const Result<void> &result) { promise.set_value(result); });
    return future.get();
}

void HubThread::reload(QObject *context, Done done)
{
    call([](HubDaemon &daemon) { return daemon.verifyNow(); }, context, std::move(done));
}

void HubThread::replaceClientsFile(QByteArray content, QObject *context, Done done)
{
    call([content = std::move(content)](HubDaemon &daemon) { return daemon.replaceClientsFile(content); },
         context, std::move(done));
}

void HubThread::setDeviceToDevice(bool allowed, QObject *context, Done done)
{
    call([allowed](HubDaemon &daemon) { return daemon.applyDeviceToDevice(allowed); }, context,
         std::move(done));
}

Result<void> HubThread::replaceClientsFileAndWait(const QByteArray &content)
{
    return callAndWait([content](HubDaemon &daemon) { return daemon.replaceClientsFile(content); });
}

Result<void> HubThread::setDeviceToDeviceAndWait(bool allowed)
{
    return callAndWait([allowed](HubDaemon &daemon) { return daemon.applyDeviceToDevice(allowed); });
}

} // namespace fvpn
