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
    connect(m_watch, &WatchedFile::changed, this, [this] { read(true); });
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
    if (m_haveContent && FileStamp::of(m_path) == m_stamp)
        return;
    read(false);
}

void StaticInventorySource::read(bool onlyIfChanged)
{
    const FileStamp stamp = FileStamp::of(m_path);
    const Result<QByteArray> content = AtomicFile::read(m_path);
    if (!content) {
        m_haveContent = false;
        Q_EMIT fetchFailed(u"cannot read inventory %1: %2"_s.arg(m_path, content.error().message));
        return;
    }
    m_stamp = stamp;
    if (onlyIfChanged && m_haveContent && *content == m_lastContent)
        return;
    m_lastContent = *content;
    m_haveContent = true;
    Q_EMIT inventoryFetched(*content);
}

} // namespace fvpn
