#pragma once

#include <QObject>
#include <QString>

class QSocketNotifier;

namespace fvpn {

// Notices when one file has a new content, at once and only when its writer is
// done: the folder is watched with inotify for a file of that name closed after
// writing (an in-place edit), moved in (editors and atomic writers replace the
// file by rename), linked in (a new file written by QSaveFile), moved away or
// deleted. A rewrite that is still going on (a truncate, the first half of the
// new content) is not reported, so an existing file is never read half-written.
// Events for other files in the folder are ignored; the events of one read are
// coalesced into one changed() signal.
class WatchedFile : public QObject
{
    Q_OBJECT

public:
    explicit WatchedFile(const QString &path, QObject *parent = nullptr);
    ~WatchedFile() override;

    const QString &path() const { return m_path; }
    // False when the folder could not be watched (it does not exist): then changes
    // are only seen by the periodic sync.
    bool isWatching() const { return m_watch >= 0; }

Q_SIGNALS:
    void changed();

private:
    void onReadable();

    QString m_path;
    QByteArray m_name; // the file's name in its folder, as the kernel reports it
    int m_fd = -1;
    int m_watch = -1;
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace fvpn
