#pragma once

#include "ClientsFile.h"
#include "Result.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace fvpn {

class HubBackend;
struct BackendDevice;

// The one way the API changes factory-clients.conf: read it with its ETag,
// validate a change against the VPN subnet, the hub and the devices, and hand the
// new content to the backend, which writes it atomically and applies it.
class ClientsFileEditor
{
public:
    struct Snapshot
    {
        QByteArray content; // as on disk (empty when the file does not exist)
        QString etag; // strong, quoted: "\"<hex>\""
    };

    explicit ClientsFileEditor(HubBackend &backend);

    static QString etagOf(QByteArrayView content);
    ClientsFile::ParseOptions parseOptions() const;

    Result<Snapshot> read() const;
    // The current file, parsed. A file that does not validate is a Conflict that
    // names its first problem: it must be fixed before the API edits it.
    Result<ClientsFile> current(Snapshot *snapshot = nullptr) const;

    // Validates `content` completely (syntax, subnet, duplicates, clashes with the
    // hub's key and address and with devices) and returns every problem as line
    // errors; nothing is written.
    Result<ClientsFile> validate(const QByteArray &content) const;

    // Replaces the file if its ETag still is `ifMatch` ("*" matches any existing
    // state). PreconditionFailed when it changed; InvalidInput with line errors
    // when `content` does not validate. Returns the new snapshot.
    Result<Snapshot> replace(const QByteArray &content, const QString &ifMatch);

    // Writes an edited file (from current()) through the backend.
    Result<Snapshot> write(const ClientsFile &file);

private:
    HubBackend &m_backend;
};

} // namespace fvpn
