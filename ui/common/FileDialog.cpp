#include "FileDialog.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QStandardPaths>

#include <utility>

namespace fvpn {

std::optional<QString> FileDialog::s_next;
QString FileDialog::s_lastProposal;

QString FileDialog::startFolder(const QString &preferred, const QString &home)
{
    if (!preferred.isEmpty() && QFileInfo(preferred).isDir())
        return preferred;
    return home.isEmpty() ? QDir::homePath() : home;
}

QString FileDialog::saveFileName(QWidget *parent, const QString &caption, const QString &fileName,
                                 const QString &filter)
{
    const QString folder
        = startFolder(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation), QDir::homePath());
    s_lastProposal = QDir(folder).filePath(fileName);
    if (s_next)
        return *std::exchange(s_next, std::nullopt);
    return QFileDialog::getSaveFileName(parent, caption, s_lastProposal, filter);
}

} // namespace fvpn
