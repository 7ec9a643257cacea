#include "ClientsFileEditor.h"

#include "HubBackend.h"

#include <QCryptographicHash>

#include <mutex>

namespace fvpn {

ClientsFileEditor::ClientsFileEditor(HubBackend &backend)
    : m_backend(backend)
{ }

QString ClientsFileEditor::etagOf(QByteArrayView content)
{
    const QByteArray digest = QCryptographicHash::hash(content, QCryptographicHash::Sha256);
    return u'"' + QString::fromLatin1(digest.toHex().left(32)) + u'"';
}

ClientsFile::ParseOptions ClientsFileEditor::parseOptions() const
{
    ClientsFile::ParseOptions options;
    options.subnet = m_backend.vpnSubnet();
    options.hubAddress = m_backend.hubAddress();
    options.hubKey = m_backend.hubPublicKey();
    // A client may not take a device's key or address: the daemon would have to
    // drop one of them. The two indexes of 10,000 devices cost more than parsing
    // the file itself and are asked for on every live sample: built once per
    // device list (the backend hands out the same shared list while the inventory
    // stays; holding it here keeps its data, so its address cannot be reused).
    struct DeviceIndexes
    {
        QList<BackendDevice> devices;
        QHash<PublicKey, QString> keys;
        QHash<IpAddress, QString> addresses;
    };
    static std::mutex cacheMutex;
    static DeviceIndexes cache;
    const QList<BackendDevice> devices = m_backend.devices();
    std::lock_guard lock(cacheMutex);
    if (devices.constData() != cache.devices.constData() || devices.size() != cache.devices.size()
        || devices.isEmpty()) {
        DeviceIndexes fresh;
        fresh.keys.reserve(devices.size());
        fresh.addresses.reserve(devices.size());
        for (const BackendDevice &d : devices) {
            fresh.keys.insert(d.publicKey, d.name);
            fresh.addresses.insert(d.address, d.name);
        }
        fresh.devices = devices;
        cache = std::move(fresh);
    }
    options.deviceKeys = cache.keys;
    options.deviceAddresses = cache.addresses;
    return options;
}

Result<ClientsFileEditor::Snapshot> ClientsFileEditor::read() const
{
    auto content = m_backend.clientsFileContent();
    Snapshot snapshot;
    if (!content) {
        if (content.error().code != ErrorCode::NotFound)
            return content.error();
    } else {
        snapshot.content = content.value();
    }
    snapshot.etag = etagOf(snapshot.content);
    return snapshot;
}

Result<ClientsFile> ClientsFileEditor::current(Snapshot *snapshot) const
{
    auto read = this->read();
    if (!read)
        return read.error();
    if (snapshot)
        *snapshot = read.value();
    auto parsed = ClientsFile::parseUtf8(read->content, parseOptions());
    if (!parsed) {
        const Error &e = parsed.error();
        const QString first = e.lineErrors.isEmpty() ? e.message : e.lineErrors.first().toString();
        return makeError(
            ErrorCode::Conflict,
            QStringLiteral("factory-clients.conf does not validate (%1); fix it first").arg(first));
    }
    return parsed;
}

Result<ClientsFile> ClientsFileEditor::validate(const QByteArray &content) const
{
    auto parsed = ClientsFile::parseUtf8(content, parseOptions());
    if (!parsed) {
        Error e = parsed.error();
        // Everything wrong with a submitted file is the submitter's to fix: 422 with the lines.
        e.code = ErrorCode::InvalidInput;
        return e;
    }
    return parsed;
}

Result<ClientsFileEditor::Snapshot> ClientsFileEditor::replace(const QByteArray &content,
                                                               const QString &ifMatch)
{
    auto before = read();
    if (!before)
        return before.error();
    if (ifMatch != u"*" && ifMatch != before->etag) {
        return makeError(ErrorCode::PreconditionFailed,
                         QStringLiteral("factory-clients.conf was changed by someone else (it is now %1); "
                                        "reload it and apply your edit again")
                             .arg(before->etag));
    }
    auto valid = validate(content);
    if (!valid)
        return valid.error();
    if (auto written = m_backend.replaceClientsFile(content); !written)
        return written.error();
    return Snapshot { content, etagOf(content) };
}

Result<ClientsFileEditor::Snapshot> ClientsFileEditor::write(const ClientsFile &file)
{
    const QByteArray content = file.toText().toUtf8();
    if (auto written = m_backend.replaceClientsFile(content); !written)
        return written.error();
    return Snapshot { content, etagOf(content) };
}

} // namespace fvpn
