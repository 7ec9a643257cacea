#include "WatchedFile.h"

#include "HubLog.h"

#include <QDir>
#include <QFileInfo>

namespace fvpn {

WatchedFile::WatchedFile(const QString &path, QObject *parent)
    : QObject(parent)
    , m_path(QFileInfo(path).absoluteFilePath())
    , m_folder(QFileInfo(m_path).absolutePath())
{
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(100);
    connect(&m_debounce, &QTimer::timeout, this, [this] {
        rewatch();
        Q_EMIT changed();
    });
    connect(&m_watcher, &QFileSystemWatcher::fileChanged, this, &WatchedFile::onEvent);
    connect(&m_watcher, &QFileSystemWatcher::directoryChanged, this, &WatchedFile::onEvent);
    if (!QFileInfo::exists(m_folder))
        qCWarning(lcHub).noquote() << "folder" << m_folder << "does not exist: changes to" << m_path
                                   << "are only seen at the periodic sync";
    rewatch();
}

void WatchedFile::onEvent()
{
    rewatch();
    m_debounce.start();
}

void WatchedFile::rewatch()
{
    if (!m_watcher.directories().contains(m_folder) && QFileInfo::exists(m_folder))
        m_watcher.addPath(m_folder);
    if (!m_watcher.files().contains(m_path) && QFileInfo::exists(m_path))
        m_watcher.addPath(m_path);
}

} // namespace fvpn
