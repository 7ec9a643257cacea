#pragma once

#include "ClientsFile.h"
#include "Result.h"

#include <QObject>

#include <optional>

namespace fvpn {

class WatchedFile;

// The approved engineers, from factory-clients.conf, kept current as the file is
// edited. A file that does not parse is never applied: the last good set stays and
// the error (with its line numbers) is kept for the log and the status. A missing
// file means no engineers.
class ClientsFileWatcher : public QObject
{
    Q_OBJECT

public:
    ClientsFileWatcher(const QString &path, ClientsFile::ParseOptions options, QObject *parent = nullptr);

    const QString &path() const { return m_path; }
    // Reads and parses the file now; also called for every debounced change.
    void reload();
    // New rules (the devices changed): the file is checked again against them, and
    // one that now breaks them is not applied, like any other invalid file.
    void setOptions(ClientsFile::ParseOptions options);

    const QList<ClientPeer> &clients() const { return m_clients; }
    const std::optional<Error> &error() const { return m_error; }

Q_SIGNALS:
    void clientsChanged();
    void errorChanged();

private:
    void setError(std::optional<Error> error);

    QString m_path;
    ClientsFile::ParseOptions m_options;
    WatchedFile *m_watch = nullptr;
    QList<ClientPeer> m_clients;
    std::optional<Error> m_error;
};

} // namespace fvpn
