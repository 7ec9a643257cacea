#include "ClientsFileDraft.h"

#include "AdminClient.h"
#include "LineMerge.h"

namespace fvpn {

namespace {

// True when every line end is CRLF (and there is at least one).
bool usesCrlfOnly(const QString &text)
{
    const qsizetype newlines = text.count(u'\n');
    return newlines > 0 && text.count(QStringLiteral("\r\n")) == newlines;
}

QString toEditorText(QString text)
{
    if (text.startsWith(u'\uFEFF'))
        text.remove(0, 1);
    text.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
    return text;
}

} // namespace

ClientsFileDraft::ClientsFileDraft(AdminClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
{ }

void ClientsFileDraft::setState(State state)
{
    if (state == m_state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

void ClientsFileDraft::replaceAll(const QString &base, const QString &etag, const QString &text)
{
    const bool wasModified = isModified();
    m_base = base;
    m_etag = etag;
    m_text = text;
    Q_EMIT textReplaced(m_text);
    if (wasModified != isModified())
        Q_EMIT modifiedChanged(isModified());
}

void ClientsFileDraft::setText(const QString &text)
{
    if (text == m_text)
        return;
    const bool wasModified = isModified();
    m_text = text;
    if (wasModified != isModified())
        Q_EMIT modifiedChanged(isModified());
}

QString ClientsFileDraft::textForSave() const
{
    if (!m_crlf)
        return m_text;
    QString out = m_text;
    out.replace(QStringLiteral("\n"), QStringLiteral("\r\n"));
    return out;
}

void ClientsFileDraft::load()
{
    const quint64 generation = ++m_generation;
    setState(State::Loading);
    m_client->clientsFile(this, [this, generation](Result<ClientsFileVersion> version) {
        if (generation != m_generation)
            return;
        if (!version) {
            setState(m_etag.isEmpty() ? State::Empty : State::Ready);
            Q_EMIT failed(version.error());
            return;
        }
        m_crlf = usesCrlfOnly(version->content);
        const QString text = toEditorText(version->content);
        m_theirs = {};
        replaceAll(text, version->etag, text);
        setState(State::Ready);
    });
}

void ClientsFileDraft::clear()
{
    ++m_generation;
    m_theirs = {};
    m_crlf = false;
    replaceAll(QString(), QString(), QString());
    setState(State::Empty);
}

void ClientsFileDraft::save()
{
    if (m_state != State::Ready || m_etag.isEmpty())
        return;
    const quint64 generation = ++m_generation;
    setState(State::Saving);
    const QString sent = m_text;
    m_client->saveClientsFile(textForSave(), m_etag, this, [this, generation, sent](Result<QString> etag) {
        if (generation != m_generation)
            return;
        if (etag) {
            // The sent text is now the hub's version, even if the admin typed on.
            const bool wasModified = isModified();
            m_base = sent;
            m_etag = *etag;
            setState(State::Ready);
            if (wasModified != isModified())
                Q_EMIT modifiedChanged(isModified());
            Q_EMIT saved(*etag);
            return;
        }
        if (etag.error().code != ErrorCode::PreconditionFailed) {
            setState(State::Ready);
            Q_EMIT failed(etag.error());
            return;
        }
        // Someone saved meanwhile: fetch their version so both can be shown.
        m_client->clientsFile(this, [this, generation](Result<ClientsFileVersion> theirs) {
            if (generation != m_generation)
                return;
            if (!theirs) {
                setState(State::Ready);
                Error error = theirs.error();
                error.message = QStringLiteral("Someone else changed factory-clients.conf, and their version "
                                               "could not be read: %1")
                                    .arg(error.message);
                Q_EMIT failed(error);
                return;
            }
            m_theirs = { toEditorText(theirs->content), theirs->etag };
            m_crlf = usesCrlfOnly(theirs->content);
            setState(State::Conflict);
            Q_EMIT conflictDetected();
        });
    });
}

void ClientsFileDraft::takeTheirs()
{
    if (m_state != State::Conflict)
        return;
    ++m_generation;
    const ClientsFileVersion theirs = std::exchange(m_theirs, {});
    replaceAll(theirs.content, theirs.etag, theirs.content);
    setState(State::Ready);
}

Result<void> ClientsFileDraft::reapplyOnTheirs()
{
    if (m_state != State::Conflict)
        return makeError(ErrorCode::Conflict,
                         QStringLiteral("There is no newer version to re-apply the edit on"));
    Result<QString> merged = LineMerge::merge(m_base, m_text, m_theirs.content);
    if (!merged)
        return merged.error();
    ++m_generation;
    const ClientsFileVersion theirs = std::exchange(m_theirs, {});
    replaceAll(theirs.content, theirs.etag, *merged);
    setState(State::Ready);
    return {};
}

} // namespace fvpn
