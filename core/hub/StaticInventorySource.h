#pragma once

#include "InventorySource.h"

namespace fvpn {

class WatchedFile;

// The --inventory file, re-read whenever it changes (and at each periodic sync).
class StaticInventorySource : public InventorySource
{
    Q_OBJECT

public:
    explicit StaticInventorySource(const QString &path, QObject *parent = nullptr);

    QString description() const override;
    void start() override;
    void refresh() override;

private:
    QString m_path;
    WatchedFile *m_watch;
};

} // namespace fvpn
