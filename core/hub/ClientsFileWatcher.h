#pragma once

#include "ClientsFile.h"
#include "FileStamp.h"
#include "Result.h"

#include <QByteArray>
#include <QDateTime>
#include <QObject>

#include <optional>

namespace fvpn {

class WatchedFile;

// The approved engineers, from factory-clients.conf, kept current as the file is
// edited. A file that does not parse is never applied: the last good set stays and
// the error (with its line numbers, and since when) is kept for the log and the
// status. A missing file means no engineers.
//
// The last good file is also kept in the hub's state folder (`lastGoodPath`,
// written atomically, 0600 like the clients file), so a hub restarted while the
// file holds a bad edit starts from the set it applied before, not from an empty
// one that would cut every engineer off. Without a saved set (a first start with a
// bad file) the clients are unknown: the hub then removes no peer it did not place.
class ClientsFileWatcher : public QObject
{
    Q_OBJECT

public:
    ClientsFileWatcher(const QString &path, ClientsFile::ParseOptions options, QString lastGoodPath = {},
                       QObject *parent = nullptr);

    const QString &path() const { return m_path; }
    // Reads the file now (a write by the hub API); also called for every change the
    // watch reports. Unchanged bytes are not parsed again.
    void reload();
    // The periodic sync: reload() only when the file's stamp (size, times, inode)
    // moved since the last read. (Not for the watch: a rewrite of the same size
    // within one tick of the file system's clock keeps the stamp.)
    void reloadIfChanged();
    // New rules (the devices changed): the file is checked again against them, and
    // one that now breaks them is not applied, like any other invalid file.
    void setOptions(ClientsFile::ParseOptions options);

    bool known() const { return m_known; }
    const QList<ClientPeer> &clients() const { return m_clients; }
    const QList<int> &lines() const { return m_lines; } // the line of each client, same order
    bool fromSavedCopy() const { return m_fromSavedCopy; }
    const std::optional<Error> &error() const { return m_error; }
    const QDateTime &errorSince() const { return m_errorSince; }

Q_SIGNALS:
    void clientsChanged();
    void errorChanged();

private:
    void setError(std::optional<Error> error);
    bool adopt(const ClientsFile &file); // true when the set changed
    void loadSavedCopy();
    void save(const QByteArray &content);

    QString m_path;
    ClientsFile::ParseOptions m_options;
    QString m_lastGoodPath;
    WatchedFile *m_watch = nullptr;

    bool m_loaded = false; // reload() ran at least once
    std::optional<QByteArray> m_lastContent; // the bytes last read (nullopt: file absent)
    bool m_haveLastContent = false;
    FileStamp m_stamp; // of the file when m_lastContent was read
    std::optional<QByteArray> m_savedContent; // what lastGoodPath holds

    bool m_known = false;
    bool m_fromSavedCopy = false;
    QList<ClientPeer> m_clients;
    QList<int> m_lines;
    std::optional<Error> m_error;
    QDateTime m_errorSince;
};

} // namespace fvpn
