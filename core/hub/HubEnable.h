#pragma once

#include "HubOptions.h"

#include <QObject>

namespace fvpn {

class FoundriesApi;

// `enable`: publishes the hub's endpoint, VPN address and public key in the factory
// config file `wireguard-server` (PATCH /ota/factories/{f}/config/), as upstream
// does, so every device's fioconfig points its tunnel at this hub. Creates the
// private key file first if it does not exist. Unlike upstream it writes no systemd
// unit: the package ships one.
class HubEnable : public QObject
{
    Q_OBJECT

public:
    explicit HubEnable(HubOptions options, QObject *parent = nullptr);

    void run();

Q_SIGNALS:
    void finished(bool ok, const QString &message);

private:
    HubOptions m_options;
    FoundriesApi *m_api;
};

} // namespace fvpn
