#pragma once

#include <QFileSystemWatcher>
#include <QObject>
#include <QTimer>

namespace fvpn {

// Notices edits of one file however they are made. Editors and atomic writers
// replace the file (a new inode), after which a watch on the file alone goes
// silent, so the folder is watched too and the file re-added whenever it
// reappears. Bursts of events (write, rename, chmod) are debounced into one
// changed() signal.
class WatchedFile : public QObject
{
    Q_OBJECT

public:
    explicit WatchedFile(const QString &path, QObject *parent = nullptr);

    const QString &path() const { return m_path; }
    void setDebounceMs(int ms) { m_debounce.setInterval(ms); }

Q_SIGNALS:
    void changed();

private:
    void onEvent();
    void rewatch();

    QString m_path;
    QString m_folder;
    QFileSystemWatcher m_watcher;
    QTimer m_debounce;
};

} // namespace fvpn
