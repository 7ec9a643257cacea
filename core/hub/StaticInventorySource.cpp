#include "StaticInventorySource.h"

#include "AtomicFile.h"
#include "WatchedFile.h"

using namespace Qt::StringLiterals;

namespace fvpn {

StaticInventorySource::StaticInventorySource(const QString &path, QObject *parent)
    : InventorySource(parent)
    , m_path(path)
    , m_watch(new WatchedFile(path, this))
{
    connect(m_watch, &WatchedFile::changed, this, &StaticInventorySource::refresh);
}

QString StaticInventorySource::description() const
{
    return u"file"_s;
}

void StaticInventorySource::start()
{
    refresh();
}

void StaticInventorySource::refresh()
{
    const Result<QByteArray> content = AtomicFile::read(m_path);
    if (!content) {
        Q_EMIT fetchFailed(u"cannot read inventory %1: %2"_s.arg(m_path, content.error().message));
        return;
    }
    Q_EMIT inventoryFetched(*content);
}

} // namespace fvpn
