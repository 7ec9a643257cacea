#pragma once

#include "InventorySource.h"

namespace fvpn {

class WatchedFile;

// The --inventory file, re-read whenever it changes (and at each periodic sync).
// A folder event that leaves the content as it was (another file in the same
// folder was written, such as the hub's own status) is not reported.
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
    bool m_haveContent = false;
    WatchedFile *m_watch;
};

} // namespace fvpn
