#pragma once

#include "ClientsFile.h"
#include "HubSnapshot.h"
#include "Result.h"

#include <QHash>

namespace fvpn {

// Checks an edited factory-clients.conf the way the hub will, plus what only the
// whole hub knows: ClientsFile's line rules (keys, addresses in the VPN subnet,
// duplicates, the hub's address) and clashes with the factory's devices, which
// share the subnet and the interface. Every problem is reported with its line, in
// line order, in one pass — the editor shows them as the admin types.
class ClientsFileCheck
{
public:
    ClientsFileCheck() = default;

    void setPool(const PoolInfo &pool);
    void setDevices(const QList<DeviceInfo> &devices);

    // The parsed file, or InvalidInput with every line's problems.
    Result<ClientsFile> check(QStringView text) const;

    // Just the line errors (empty when the text is fine).
    QList<LineError> problems(QStringView text) const;

private:
    ClientsFile::ParseOptions m_options;
    QHash<IpAddress, QString> m_deviceByAddress;
    QHash<PublicKey, QString> m_deviceByKey;
};

} // namespace fvpn
