#pragma once

#include "HubApiOptions.h"
#include "HubOptions.h"

#include <QObject>
#include <QTimer>

#include <memory>

namespace fvpn {

class HubApi;
class HubDaemonBackend;
class HubThread;

// Runs the hub API inside factory-vpn-hub, on the main thread: waits until the hub
// thread publishes a running hub (so the VPN subnet and address are known), then opens the state
// database, the public listener (TLS) and the admin listeners. An admin address
// that does not exist yet (the VPN address before the interface has it) is
// retried until it can be bound; so is the engineers' directory, which listens
// on the VPN address only and whose failures are never fatal.
class HubApiService : public QObject
{
    Q_OBJECT

public:
    HubApiService(HubApiOptions apiOptions, HubOptions hubOptions, HubThread &hub, QObject *parent = nullptr);
    ~HubApiService() override;

    void start();
    HubApi *api() const { return m_api.get(); }

Q_SIGNALS:
    void failed(const QString &message); // fatal: the caller exits non-zero

private:
    void startWhenRunning();
    void raiseOpenFileLimit();
    void open();
    void bindAdmin();
    void bindDirectory();
    void giveUp(const QString &message);

    HubApiOptions m_apiOptions;
    HubOptions m_hubOptions;
    HubThread &m_hub;
    std::unique_ptr<HubDaemonBackend> m_backend;
    std::unique_ptr<HubApi> m_api;
    QList<ListenAddress> m_adminToBind;
    QTimer m_retry;
    bool m_reportedAdminWait = false;
    std::optional<ListenAddress> m_directoryToBind;
    bool m_reportedDirectoryWait = false;
};

} // namespace fvpn
