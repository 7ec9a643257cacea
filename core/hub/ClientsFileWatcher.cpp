#include "ClientsFileWatcher.h"

#include "AtomicFile.h"
#include "HubLog.h"
#include "WatchedFile.h"

using namespace Qt::StringLiterals;

namespace fvpn {

ClientsFileWatcher::ClientsFileWatcher(const QString &path, ClientsFile::ParseOptions options,
                                       QObject *parent)
    : QObject(parent)
    , m_path(path)
    , m_options(std::move(options))
    , m_watch(new WatchedFile(path, this))
{
    connect(m_watch, &WatchedFile::changed, this, &ClientsFileWatcher::reload);
}

void ClientsFileWatcher::setError(std::optional<Error> error)
{
    const QString before = m_error ? m_error->toString() : QString();
    const QString after = error ? error->toString() : QString();
    m_error = std::move(error);
    if (before == after)
        return;
    if (m_error)
        qCCritical(lcHub).noquote() << "clients file" << m_path << "not applied, keeping the last good set of"
                                    << m_clients.size() << "client peers:" << after;
    else if (!before.isEmpty())
        qCInfo(lcHub).noquote() << "clients file" << m_path << "is valid again";
    Q_EMIT errorChanged();
}

void ClientsFileWatcher::setOptions(ClientsFile::ParseOptions options)
{
    m_options = std::move(options);
    reload();
}

void ClientsFileWatcher::reload()
{
    Result<QByteArray> content = AtomicFile::read(m_path, 4 * 1024 * 1024);
    QString text;
    if (!content) {
        if (content.error().code != ErrorCode::NotFound) {
            setError(makeError(content.error().code, u"cannot read: %1"_s.arg(content.error().message)));
            return;
        }
    } else {
        text = QString::fromUtf8(*content);
    }
    const Result<ClientsFile> parsed = ClientsFile::parse(text, m_options);
    if (!parsed) {
        setError(parsed.error());
        return;
    }
    setError(std::nullopt);
    const QList<ClientPeer> peers = parsed->peers();
    if (peers == m_clients)
        return;
    m_clients = peers;
    qCInfo(lcHub).noquote() << u"clients file %1 loaded: %2 client peers%3"_s.arg(m_path)
                                   .arg(m_clients.size())
                                   .arg(content ? QString() : u" (file absent)"_s);
    Q_EMIT clientsChanged();
}

} // namespace fvpn
