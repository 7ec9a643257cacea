#include "ClientsFileCheck.h"

#include <QSet>

#include <algorithm>

namespace fvpn {

void ClientsFileCheck::setPool(const PoolInfo &pool)
{
    m_options.subnet = pool.subnet.isNull() ? std::nullopt : std::optional<IpNetwork>(pool.subnet);
    m_options.hubAddress
        = pool.hubAddress.isNull() ? std::nullopt : std::optional<IpAddress>(pool.hubAddress);
}

void ClientsFileCheck::setDevices(const QList<DeviceInfo> &devices)
{
    m_deviceByAddress.clear();
    m_deviceByKey.clear();
    m_deviceByAddress.reserve(devices.size());
    m_deviceByKey.reserve(devices.size());
    for (const DeviceInfo &d : devices) {
        m_deviceByAddress.insert(d.address, d.name);
        m_deviceByKey.insert(d.publicKey, d.name);
    }
}

QList<LineError> ClientsFileCheck::problems(QStringView text) const
{
    Result<ClientsFile> file = check(text);
    return file ? QList<LineError>() : file.error().lineErrors;
}

Result<ClientsFile> ClientsFileCheck::check(QStringView text) const
{
    Result<ClientsFile> parsed = ClientsFile::parse(text, m_options);
    if (!parsed && parsed.error().lineErrors.isEmpty())
        return parsed; // the file as a whole is refused (too large)

    QList<LineError> errors = parsed ? QList<LineError>() : parsed.error().lineErrors;
    auto clash = [this, &errors](int lineNumber, const ClientPeer &peer) {
        if (auto it = m_deviceByKey.constFind(peer.publicKey); it != m_deviceByKey.cend()) {
            errors.append({ lineNumber,
                            QStringLiteral("key %1… belongs to device %2; a key can be on the hub "
                                           "only once")
                                .arg(peer.publicKey.fingerprint(), it.value()) });
        }
        if (auto it = m_deviceByAddress.constFind(peer.address); it != m_deviceByAddress.cend()) {
            errors.append({ lineNumber,
                            QStringLiteral("address %1 is already used by device %2")
                                .arg(peer.address.toString(), it.value()) });
        }
    };

    if (parsed) {
        const QList<ClientsFile::Line> &lines = parsed->lines();
        for (qsizetype i = 0; i < lines.size(); ++i) {
            if (lines[i].kind == ClientsFile::Line::Kind::Peer)
                clash(int(i + 1), lines[i].peer);
        }
    } else {
        // The whole-file parse gives no peers when any line is bad; the lines that
        // are fine on their own are still checked against the devices, so the admin
        // sees every problem at once.
        QSet<int> bad;
        for (const LineError &e : std::as_const(errors))
            bad.insert(e.line);
        int lineNumber = 0;
        for (QStringView line : text.split(u'\n')) {
            ++lineNumber;
            if (bad.contains(lineNumber))
                continue;
            Result<ClientsFile> one = ClientsFile::parse(line, m_options);
            if (one && !one->lines().isEmpty()
                && one->lines().constFirst().kind == ClientsFile::Line::Kind::Peer)
                clash(lineNumber, one->lines().constFirst().peer);
        }
    }

    if (errors.isEmpty())
        return parsed;
    std::stable_sort(errors.begin(), errors.end(),
                     [](const LineError &a, const LineError &b) { return a.line < b.line; });
    Error error = makeError(ErrorCode::InvalidInput,
                            errors.size() == 1
                                ? QStringLiteral("factory-clients.conf has 1 error")
                                : QStringLiteral("factory-clients.conf has %1 errors").arg(errors.size()));
    error.lineErrors = std::move(errors);
    return error;
}

} // namespace fvpn
