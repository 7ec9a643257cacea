#include "WatchedFile.h"

#include "HubLog.h"

#include <QFile>
#include <QFileInfo>
#include <QSocketNotifier>

#include <array>
#include <cstring>
#include <sys/inotify.h>
#include <unistd.h>

namespace fvpn {

namespace {

// IN_CREATE too: QSaveFile (AtomicFile) writes a file that did not exist yet into
// an unnamed O_TMPFILE and links it in complete, which is a creation. A file
// created by open() and written after is read early once, which is harmless:
// absent, empty and half-written all mean "no change" or "nothing" to every
// reader here, and its IN_CLOSE_WRITE follows.
constexpr quint32 Events = IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_DELETE | IN_CREATE;

} // namespace

WatchedFile::WatchedFile(const QString &path, QObject *parent)
    : QObject(parent)
    , m_path(QFileInfo(path).absoluteFilePath())
    , m_name(QFile::encodeName(QFileInfo(m_path).fileName()))
{
    const QString folder = QFileInfo(m_path).absolutePath();
    m_fd = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (m_fd >= 0)
        m_watch = ::inotify_add_watch(m_fd, QFile::encodeName(folder).constData(), Events | IN_ONLYDIR);
    if (m_watch < 0) {
        qCWarning(lcHub).noquote() << "folder" << folder << "cannot be watched (" << std::strerror(errno)
                                   << "): changes to" << m_path << "are only seen at the periodic sync";
        return;
    }
    m_notifier = new QSocketNotifier(m_fd, QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &WatchedFile::onReadable);
}

WatchedFile::~WatchedFile()
{
    delete m_notifier;
    if (m_fd >= 0)
        ::close(m_fd);
}

void WatchedFile::onReadable()
{
    bool ours = false;
    alignas(inotify_event) std::array<char, 16 * 1024> buffer;
    while (true) {
        const ssize_t length = ::read(m_fd, buffer.data(), buffer.size());
        if (length <= 0)
            break;
        for (ssize_t at = 0; at + ssize_t(sizeof(inotify_event)) <= length;) {
            inotify_event event {};
            std::memcpy(&event, buffer.data() + at, sizeof event);
            const char *name = buffer.data() + at + sizeof(inotify_event);
            if (event.len > 0 && QByteArrayView(name, qsizetype(qstrnlen(name, event.len))) == m_name)
                ours = true;
            if (event.mask & IN_Q_OVERFLOW)
                ours = true; // events were lost: better one read too many
            at += ssize_t(sizeof(inotify_event) + event.len);
        }
    }
    if (ours)
        Q_EMIT changed();
}

} // namespace fvpn
