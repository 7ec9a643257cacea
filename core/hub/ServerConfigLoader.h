#pragma once

#include "WireguardServerConfig.h"

#include <QObject>
#include <QTimer>

namespace fvpn {

class FoundriesApi;

// With the Foundries API the hub's own VPN address and port are the ones published
// in the factory config (`wireguard-server`), as upstream reads them. The last good
// copy is cached so a hub restarting while the API is down comes up all the same;
// without a cache it retries with backoff and touches nothing meanwhile.
class ServerConfigLoader : public QObject
{
    Q_OBJECT

public:
    ServerConfigLoader(FoundriesApi *api, QString cachePath, int maxRetrySecs, QObject *parent = nullptr);

    void start();

Q_SIGNALS:
    void loaded(const fvpn::WireguardServerConfig &config, bool fromCache);
    void waiting(const QString &error); // transient: retrying
    void failed(const QString &error); // fatal: the factory has no usable config

private:
    void fetch();
    void onAnswer(const QByteArray &json);
    void onUnavailable(const QString &error);
    static QString checkUsable(const WireguardServerConfig &config);

    FoundriesApi *m_api;
    QString m_cachePath;
    int m_maxRetrySecs;
    int m_retrySecs = 0;
    QTimer m_retry;
};

} // namespace fvpn
