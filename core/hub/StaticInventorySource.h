#pragma once

#include "FileStamp.h"
#include "InventorySource.h"

namespace fvpn {

class WatchedFile;

// The --inventory file, re-read whenever it changes, and at each periodic sync
// when its stamp (size, times, inode) says it may have: a periodic sync over an
// unchanged file reads nothing and reports nothing. An event that leaves the
// content as it was is not reported either.
class StaticInventorySource : public InventorySource
{
    Q_OBJECT

public:
    explicit StaticInventorySource(const QString &path, QObject *parent = nullptr);

    QString description() const override;
    void start() override;
    void refresh() override;

private:
    void read(bool onlyIfChanged);

    QString m_path;
    QByteArray m_lastContent;
    FileStamp m_stamp; // of the file when m_lastContent was read
    bool m_haveContent = false;
    WatchedFile *m_watch;
};

} // namespace fvpn
