#include "ClientsFileWatcher.h"

#include "AtomicFile.h"
#include "HubLog.h"
#include "WatchedFile.h"

#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace fvpn {

ClientsFileWatcher::ClientsFileWatcher(const QString &path, ClientsFile::ParseOptions options,
                                       QString lastGoodPath, QObject *parent)
    : QObject(parent)
    , m_path(path)
    , m_options(std::move(options))
    , m_lastGoodPath(std::move(lastGoodPath))
    , m_watch(new WatchedFile(path, this))
{
    connect(m_watch, &WatchedFile::changed, this, &ClientsFileWatcher::reload);
}

void ClientsFileWatcher::setError(std::optional<Error> error)
{
    const QString before = m_error ? m_error->toString() : QString();
    const QString after = error ? error->toString() : QString();
    if (!error)
        m_errorSince = QDateTime();
    else if (!m_error) {
        // At start the bad content has been there since the file was last written;
        // later it is noticed as it is written.
        const QDateTime modified = QFileInfo(m_path).lastModified().toUTC();
        m_errorSince = !m_loaded && modified.isValid() ? modified : QDateTime::currentDateTimeUtc();
    }
    m_error = std::move(error);
    if (before == after)
        return;
    if (m_error) {
        const QString kept = !m_known
            ? u"no last good set is known: peers the hub did not place are kept"_s
            : u"keeping the last good set of %1 client peers%2"_s.arg(m_clients.size())
                  .arg(m_fromSavedCopy ? u" (saved in %1)"_s.arg(m_lastGoodPath) : QString());
        qCCritical(lcHub).noquote() << "clients file" << m_path << "not applied," << kept << ":" << after;
    } else if (!before.isEmpty()) {
        qCInfo(lcHub).noquote() << "clients file" << m_path << "is valid again";
    }
    Q_EMIT errorChanged();
}

bool ClientsFileWatcher::adopt(const ClientsFile &file)
{
    QList<ClientPeer> peers;
    QList<int> lines;
    const QList<ClientsFile::Line> &all = file.lines();
    for (qsizetype i = 0; i < all.size(); ++i) {
        if (all[i].kind == ClientsFile::Line::Kind::Peer) {
            peers.append(all[i].peer);
            lines.append(int(i + 1));
        }
    }
    m_lines = lines;
    const bool changed = !m_known || peers != m_clients;
    m_clients = peers;
    m_known = true;
    return changed;
}

void ClientsFileWatcher::loadSavedCopy()
{
    if (m_lastGoodPath.isEmpty())
        return;
    const Result<QByteArray> saved = AtomicFile::read(m_lastGoodPath, ClientsFile::MaxFileSize);
    if (!saved) {
        if (saved.error().code != ErrorCode::NotFound)
            qCWarning(lcHub).noquote() << "cannot read the last good clients set:" << saved.error().message;
        return;
    }
    const Result<ClientsFile> parsed = ClientsFile::parseUtf8(*saved, m_options);
    if (!parsed) {
        qCWarning(lcHub).noquote() << "the last good clients set" << m_lastGoodPath
                                   << "does not parse any more:" << parsed.error().toString();
        return;
    }
    m_savedContent = *saved;
    adopt(*parsed);
    m_fromSavedCopy = true;
    qCWarning(lcHub).noquote()
        << u"clients file %1 is not usable at start: applying the last good set of %2 client peers from %3"_s
               .arg(m_path)
               .arg(m_clients.size())
               .arg(m_lastGoodPath);
}

void ClientsFileWatcher::save(const QByteArray &content)
{
    if (m_lastGoodPath.isEmpty())
        return;
    if (!m_savedContent) {
        if (const Result<QByteArray> saved = AtomicFile::read(m_lastGoodPath, ClientsFile::MaxFileSize);
            saved)
            m_savedContent = *saved;
    }
    if (m_savedContent && *m_savedContent == content)
        return;
    // A list of keys, addresses and people's names: private like the clients file itself.
    if (const Result<void> written = AtomicFile::write(m_lastGoodPath, content); !written) {
        qCWarning(lcHub).noquote() << "cannot keep the last good clients set:" << written.error().message;
        return;
    }
    m_savedContent = content;
}

void ClientsFileWatcher::setOptions(ClientsFile::ParseOptions options)
{
    m_options = std::move(options);
    // Same bytes, new rules: parsed again.
    m_haveLastContent = false;
    reload();
}

void ClientsFileWatcher::reloadIfChanged()
{
    if (m_loaded && m_haveLastContent && FileStamp::of(m_path) == m_stamp)
        return;
    reload();
}

void ClientsFileWatcher::reload()
{
    const FileStamp stamp = FileStamp::of(m_path);
    const Result<QByteArray> content = AtomicFile::read(m_path, ClientsFile::MaxFileSize);
    std::optional<QByteArray> bytes;
    if (content)
        bytes = *content;
    else if (content.error().code != ErrorCode::NotFound) {
        m_haveLastContent = false;
        const bool first = !m_loaded;
        if (first)
            loadSavedCopy();
        setError(makeError(content.error().code, u"cannot read: %1"_s.arg(content.error().message)));
        m_loaded = true;
        if (first && m_known)
            Q_EMIT clientsChanged();
        return;
    }
    // The periodic sync and the hub's own writes reread the file: same bytes, same result.
    const bool same = m_loaded && m_haveLastContent && bytes == m_lastContent;
    m_stamp = stamp;
    if (same)
        return;
    m_lastContent = bytes;
    m_haveLastContent = true;

    const Result<ClientsFile> parsed = ClientsFile::parseUtf8(bytes.value_or(QByteArray()), m_options);
    if (!parsed) {
        const bool first = !m_loaded;
        if (first)
            loadSavedCopy();
        setError(parsed.error());
        m_loaded = true;
        if (first && m_known)
            Q_EMIT clientsChanged();
        return;
    }
    const bool changed = adopt(*parsed);
    m_fromSavedCopy = false;
    setError(std::nullopt);
    m_loaded = true;
    save(bytes.value_or(QByteArray()));
    if (!changed)
        return;
    qCInfo(lcHub).noquote() << u"clients file %1 loaded: %2 client peers%3"_s.arg(m_path)
                                   .arg(m_clients.size())
                                   .arg(bytes ? QString() : u" (file absent)"_s);
    Q_EMIT clientsChanged();
}

} // namespace fvpn
