#pragma once

#include "Result.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace fvpn {

// A three-way merge of line-based text: re-applies the changes that turned `base`
// into `mine` on top of `theirs` (what someone else saved meanwhile). Used when a
// save of factory-clients.conf meets a newer version on the hub.
//
// Where only one side changed a stretch of lines, that side wins. Where both
// sides only inserted lines at the same place (two peers appended to the end, the
// usual case), both insertions are kept, theirs first: the order of lines in a
// clients file carries no meaning. Where both changed the same lines differently,
// the merge fails with ErrorCode::Conflict and the hunks that clash, and nothing
// is merged.
class LineMerge
{
public:
    struct Hunk
    {
        int theirsLine = 0; // where it is in theirs, 1-based
        QStringList base;
        QStringList mine;
        QStringList theirs;
    };

    struct Outcome
    {
        QStringList lines;
        QList<Hunk> conflicts;
    };

    static Outcome mergeLines(const QStringList &base, const QStringList &mine, const QStringList &theirs);
    // Texts split on '\n'; a final newline is kept when mine or theirs has one.
    static Result<QString> merge(const QString &base, const QString &mine, const QString &theirs);

    // For each line of `a`, the index of the line of `b` it is matched with in a
    // longest common subsequence, or -1.
    static QList<int> matchLines(const QStringList &a, const QStringList &b);

    static QStringList splitLines(const QString &text);
};

} // namespace fvpn
