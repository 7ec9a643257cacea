#pragma once

#include <QString>

#include <optional>

class QWidget;

namespace fvpn {

// Save dialogs that start somewhere sensible and that tests can answer, as
// MessageBox does for questions.
class FileDialog
{
public:
    // The folder a save dialog should open in: `preferred` (the documents folder,
    // say) when it exists, else the home folder. Never the process's working
    // folder, which for an app started from a menu is wherever the launcher was.
    static QString startFolder(const QString &preferred, const QString &home);
    // Asks where to save, starting in startFolder(documents, home) with `fileName`.
    // Empty when the person cancelled.
    static QString saveFileName(QWidget *parent, const QString &caption, const QString &fileName,
                                const QString &filter);

    // The next saveFileName() returns `path` at once (empty: as if cancelled).
    static void setNextSaveFileName(const QString &path) { s_next = path; }
    // Where the last saveFileName() proposed to save, for tests.
    static const QString &lastProposal() { return s_lastProposal; }

private:
    static std::optional<QString> s_next;
    static QString s_lastProposal;
};

} // namespace fvpn
