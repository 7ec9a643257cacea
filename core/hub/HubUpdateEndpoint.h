#pragma once

#include "HubOptions.h"
#include "PublicKey.h"

#include <QObject>

namespace fvpn {

class FoundriesApi;

// `update_endpoint`: for a hub whose public address changed. Reads the factory config
// file `wireguard-server` and PATCHes it back with only the endpoint's value changed,
// every other byte as it was. Unlike upstream it never touches server_address (upstream
// wrote the endpoint there) and reads IPv6 endpoints in brackets. It refuses when the
// published pubkey is not this hub's key: devices could not reach the hub anyway.
class HubUpdateEndpoint : public QObject
{
    Q_OBJECT

public:
    explicit HubUpdateEndpoint(HubOptions options, QObject *parent = nullptr);

    void run();

    static constexpr quint16 DefaultPort = 5555;

Q_SIGNALS:
    // `message` says what changed, or why nothing could be.
    void finished(bool ok, const QString &message);

private:
    void publish(const PublicKey &hubKey, const QByteArray &configAnswer);

    HubOptions m_options;
    FoundriesApi *m_api;
};

} // namespace fvpn
