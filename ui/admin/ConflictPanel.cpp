#include "ConflictPanel.h"

#include "LineMerge.h"
#include "LineNumberEditor.h"

#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace fvpn {

ConflictPanel::ConflictPanel(QWidget *parent)
    : QWidget(parent)
    , m_explanation(new QLabel(this))
    , m_mine(new LineNumberEditor(this))
    , m_theirs(new LineNumberEditor(this))
    , m_reapply(new QPushButton(tr("Re-apply my edit on their version"), this))
    , m_takeTheirs(new QPushButton(tr("Take their version (discard my edit)"), this))
{
    m_explanation->setWordWrap(true);
    m_explanation->setText(
        tr("Someone else saved factory-clients.conf while you were editing it. Nothing was "
           "overwritten: the hub still has their version. Shaded lines differ. Re-apply your "
           "changes on top of their version (you can review the result before saving again), "
           "or take their version and drop yours."));
    m_explanation->setStyleSheet(
        QStringLiteral("background: #fff4d6; border: 1px solid #e0c16c; padding: 6px;"));
    m_mine->setReadOnly(true);
    m_theirs->setReadOnly(true);
    m_mine->setObjectName(QStringLiteral("conflictMine"));
    m_theirs->setObjectName(QStringLiteral("conflictTheirs"));
    m_reapply->setObjectName(QStringLiteral("reapplyButton"));
    m_takeTheirs->setObjectName(QStringLiteral("takeTheirsButton"));

    auto *mineBox = new QGroupBox(tr("Your version (not saved)"), this);
    auto *mineLayout = new QVBoxLayout(mineBox);
    mineLayout->addWidget(m_mine);
    auto *theirsBox = new QGroupBox(tr("On the hub now"), this);
    auto *theirsLayout = new QVBoxLayout(theirsBox);
    theirsLayout->addWidget(m_theirs);
    auto *versions = new QHBoxLayout;
    versions->addWidget(mineBox);
    versions->addWidget(theirsBox);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_takeTheirs);
    buttons->addWidget(m_reapply);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_explanation);
    layout->addLayout(versions, 1);
    layout->addLayout(buttons);

    connect(m_reapply, &QPushButton::clicked, this, &ConflictPanel::reapplyRequested);
    connect(m_takeTheirs, &QPushButton::clicked, this, &ConflictPanel::takeTheirsRequested);
}

void ConflictPanel::setVersions(const QString &mine, const QString &theirs)
{
    m_mine->setPlainText(mine);
    m_theirs->setPlainText(theirs);
    const QStringList mineLines = LineMerge::splitLines(mine);
    const QStringList theirLines = LineMerge::splitLines(theirs);
    auto unmatched = [](const QList<int> &match) {
        QSet<int> lines;
        for (qsizetype i = 0; i < match.size(); ++i) {
            if (match[i] < 0)
                lines.insert(int(i + 1));
        }
        return lines;
    };
    m_mine->setMarkedLines(unmatched(LineMerge::matchLines(mineLines, theirLines)));
    m_theirs->setMarkedLines(unmatched(LineMerge::matchLines(theirLines, mineLines)));
}

} // namespace fvpn
