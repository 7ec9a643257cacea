#pragma once

#include "HubSnapshot.h"
#include "Result.h"

#include <QObject>
#include <QString>

#include <optional>

namespace fvpn {

class AdminClient;

// The admin's working copy of factory-clients.conf: the version read from the hub
// (base text and its ETag) and the text being edited. A save is conditional on the
// ETag; when the hub has a newer version the draft keeps both and waits for the
// admin to choose — take the newer version, or re-apply the edit on top of it
// (a three-way merge, LineMerge) and then save again. Nothing is ever written
// over a version the admin has not seen.
//
// The editor works with '\n' line ends; a file that used CRLF throughout gets its
// CRLF back on save.
class ClientsFileDraft : public QObject
{
    Q_OBJECT

public:
    enum class State
    {
        Empty, // nothing loaded yet
        Loading,
        Ready,
        Saving,
        Conflict, // a save met a newer version: theirs() holds it
    };
    Q_ENUM(State)

    explicit ClientsFileDraft(AdminClient *client, QObject *parent = nullptr);

    State state() const { return m_state; }
    const QString &baseText() const { return m_base; }
    const QString &etag() const { return m_etag; }
    const QString &text() const { return m_text; }
    bool isModified() const { return m_text != m_base; }
    // The newer version met by the last save (valid in State::Conflict).
    const ClientsFileVersion &theirs() const { return m_theirs; }

    // Reads the hub's version; the edit, if any, is dropped.
    void load();
    // Forgets everything (another hub): back to State::Empty, answers on their way are ignored.
    void clear();
    // The editor's text; does not touch the hub.
    void setText(const QString &text);
    void revert() { setText(m_base); }
    // Sends the text with If-Match. Outcomes: saved(), conflictDetected() or
    // failed(); validation errors from the hub come as failed() with line errors.
    void save();
    // Conflict resolution: drop the edit and take the newer version...
    void takeTheirs();
    // ...or merge the edit into it. On success the merged text is the new draft
    // over the newer version (not yet saved); on a clash nothing changes and the
    // error lists the lines changed on both sides.
    Result<void> reapplyOnTheirs();

    // What the hub will store for `text`, given how the base ended its lines.
    QString textForSave() const;

Q_SIGNALS:
    void stateChanged(fvpn::ClientsFileDraft::State state);
    // The text was replaced from outside the editor (load, take theirs, merge).
    void textReplaced(const QString &text);
    void modifiedChanged(bool modified);
    void saved(const QString &etag);
    void conflictDetected();
    void failed(const fvpn::Error &error);

private:
    void setState(State state);
    void replaceAll(const QString &base, const QString &etag, const QString &text);

    AdminClient *m_client;
    State m_state = State::Empty;
    QString m_base;
    QString m_etag;
    QString m_text;
    bool m_crlf = false;
    ClientsFileVersion m_theirs;
    quint64 m_generation = 0;
};

} // namespace fvpn
