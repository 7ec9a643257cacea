#include "ClientsFileEditor.h"

#include "HubBackend.h"

#include <QCryptographicHash>
#include <QHash>

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
    // A client may not take a device's key or address: the daemon would have to
    // drop one of them. Said per line, like the parser's own errors.
    QHash<PublicKey, QString> deviceKeys;
    QHash<IpAddress, QString> deviceAddresses;
    for (const BackendDevice &d : m_backend.devices()) {
        deviceKeys.insert(d.publicKey, d.name);
        deviceAddresses.insert(d.address, d.name);
    }
    QList<LineError> problems;
    const auto &lines = parsed->lines();
    for (qsizetype i = 0; i < lines.size(); ++i) {
        if (lines[i].kind != ClientsFile::Line::Kind::Peer)
            continue;
        const ClientPeer &peer = lines[i].peer;
        if (auto it = deviceKeys.constFind(peer.publicKey); it != deviceKeys.cend())
            problems.append({ int(i + 1),
                              QStringLiteral("the key %1… belongs to device %2")
                                  .arg(peer.publicKey.fingerprint(), it.value()) });
        if (auto it = deviceAddresses.constFind(peer.address); it != deviceAddresses.cend())
            problems.append(
                { int(i + 1),
                  QStringLiteral("%1 is used by device %2").arg(peer.address.toString(), it.value()) });
    }
    if (!problems.isEmpty()) {
        Error e = makeError(ErrorCode::InvalidInput,
                            problems.size() == 1
                                ? QStringLiteral("factory-clients.conf has 1 error")
                                : QStringLiteral("factory-clients.conf has %1 errors").arg(problems.size()));
        e.lineErrors = problems;
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
