#pragma once

#include "ClientsFileCheck.h"

#include <QTimer>
#include <QWidget>

class QLabel;
class QListWidget;
class QPushButton;
class QStackedWidget;
class QTabWidget;

namespace fvpn {

class AdminSession;
class AdminTableView;
class ClientsFileDraft;
class ClientsFileTableModel;
class ConflictPanel;
class LineNumberEditor;
class MessageBar;

// The factory-clients.conf editor: a table and the raw text over one document,
// checked as the admin types (line rules, duplicates, addresses outside the
// subnet, clashes with devices), saved only over the version it was loaded from.
class ClientsFileView : public QWidget
{
    Q_OBJECT

public:
    static constexpr int ValidateDelayMs = 150;

    ClientsFileView(AdminSession *session, MessageBar *messages, QWidget *parent = nullptr);

    ClientsFileDraft *draft() const { return m_draft; }
    ClientsFileTableModel *tableModel() const { return m_model; }
    AdminTableView *table() const { return m_table; }
    LineNumberEditor *textEdit() const { return m_text; }
    QListWidget *problemList() const { return m_problems; }
    ConflictPanel *conflictPanel() const { return m_conflict; }
    QStackedWidget *pages() const { return m_pages; }
    QPushButton *saveButton() const { return m_save; }
    QPushButton *reloadButton() const { return m_reload; }
    QLabel *statusLabel() const { return m_status; }
    QTabWidget *modes() const { return m_modes; }

    // Checks the current text now rather than after the typing pause.
    void validateNow();
    const QList<LineError> &problems() const { return m_lineProblems; }
    // Back to nothing loaded (another hub); loads again after the next refresh.
    void reset();

private:
    void loadIfNeeded();
    void reload();
    void save();
    void addPeer();
    void removeSelectedLines();
    void onRawTextChanged();
    void onTableEdited(const QString &text);
    void onTextReplaced(const QString &text);
    void onHubEtag(const QString &etag);
    void updateState();
    void updateSpans();

    AdminSession *m_session;
    MessageBar *m_messages;
    ClientsFileDraft *m_draft;
    ClientsFileTableModel *m_model;
    ClientsFileCheck m_check;
    QStackedWidget *m_pages;
    QTabWidget *m_modes;
    AdminTableView *m_table;
    LineNumberEditor *m_text;
    QListWidget *m_problems;
    QLabel *m_summary;
    QLabel *m_status;
    QLabel *m_notice;
    ConflictPanel *m_conflict;
    QPushButton *m_reload;
    QPushButton *m_add;
    QPushButton *m_remove;
    QPushButton *m_revert;
    QPushButton *m_save;
    QTimer m_validate;
    QTimer m_spans;
    QList<LineError> m_lineProblems;
    QString m_fileProblem; // the file as a whole refused (too large)
    bool m_syncing = false;
};

} // namespace fvpn
