#pragma once

#include <QWidget>

class QLabel;
class QPushButton;

namespace fvpn {

class LineNumberEditor;

// Shown when a save of factory-clients.conf met a newer version on the hub: the
// admin's version and the hub's side by side, lines that differ shaded, and the
// two ways on — re-apply the edit on the newer version, or take the newer version.
class ConflictPanel : public QWidget
{
    Q_OBJECT

public:
    explicit ConflictPanel(QWidget *parent = nullptr);

    void setVersions(const QString &mine, const QString &theirs);

    LineNumberEditor *mineView() const { return m_mine; }
    LineNumberEditor *theirsView() const { return m_theirs; }
    QPushButton *reapplyButton() const { return m_reapply; }
    QPushButton *takeTheirsButton() const { return m_takeTheirs; }

Q_SIGNALS:
    void reapplyRequested();
    void takeTheirsRequested();

private:
    QLabel *m_explanation;
    LineNumberEditor *m_mine;
    LineNumberEditor *m_theirs;
    QPushButton *m_reapply;
    QPushButton *m_takeTheirs;
};

} // namespace fvpn
