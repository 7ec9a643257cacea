#include "LineMerge.h"

#include <vector>

namespace fvpn {

namespace {

// The table of a full LCS costs rows*columns cells; above this the changed middle
// is treated as one replaced block (a clients file is rarely that large, and two
// admins rewriting it wholesale at once is a conflict anyway).
constexpr qint64 MaxTableCells = 16 * 1024 * 1024;

} // namespace

QStringList LineMerge::splitLines(const QString &text)
{
    if (text.isEmpty())
        return {};
    QStringList lines = text.split(u'\n');
    if (text.endsWith(u'\n'))
        lines.removeLast();
    return lines;
}

QList<int> LineMerge::matchLines(const QStringList &a, const QStringList &b)
{
    QList<int> match(a.size(), -1);
    // Equal heads and tails are matched directly; edits are usually small.
    qsizetype head = 0;
    while (head < a.size() && head < b.size() && a[head] == b[head]) {
        match[head] = int(head);
        ++head;
    }
    qsizetype tail = 0;
    while (tail < a.size() - head && tail < b.size() - head
           && a[a.size() - 1 - tail] == b[b.size() - 1 - tail]) {
        match[a.size() - 1 - tail] = int(b.size() - 1 - tail);
        ++tail;
    }
    const qsizetype n = a.size() - head - tail;
    const qsizetype m = b.size() - head - tail;
    if (n == 0 || m == 0 || qint64(n + 1) * qint64(m + 1) > MaxTableCells)
        return match;

    // lcs[i][j]: length of the LCS of a[head+i..] and b[head+j..].
    std::vector<int> lcs(size_t((n + 1) * (m + 1)), 0);
    auto at = [m](qsizetype i, qsizetype j) {
        return size_t(i * (m + 1) + j);
    };
    for (qsizetype i = n - 1; i >= 0; --i) {
        for (qsizetype j = m - 1; j >= 0; --j) {
            lcs[at(i, j)] = a[head + i] == b[head + j] ? lcs[at(i + 1, j + 1)] + 1
                                                       : qMax(lcs[at(i + 1, j)], lcs[at(i, j + 1)]);
        }
    }
    qsizetype i = 0;
    qsizetype j = 0;
    while (i < n && j < m) {
        if (a[head + i] == b[head + j]) {
            match[head + i] = int(head + j);
            ++i;
            ++j;
        } else if (lcs[at(i + 1, j)] >= lcs[at(i, j + 1)]) {
            ++i;
        } else {
            ++j;
        }
    }
    return match;
}

LineMerge::Outcome LineMerge::mergeLines(const QStringList &base, const QStringList &mine,
                                         const QStringList &theirs)
{
    const QList<int> toMine = matchLines(base, mine);
    const QList<int> toTheirs = matchLines(base, theirs);
    Outcome out;
    qsizetype b = 0;
    qsizetype m = 0;
    qsizetype t = 0;
    while (b < base.size() || m < mine.size() || t < theirs.size()) {
        // The next base line both sides kept: everything before it is one hunk.
        qsizetype k = b;
        while (k < base.size() && (toMine[k] < 0 || toTheirs[k] < 0))
            ++k;
        const qsizetype mineEnd = k < base.size() ? toMine[k] : mine.size();
        const qsizetype theirsEnd = k < base.size() ? toTheirs[k] : theirs.size();
        if (k == b && mineEnd == m && theirsEnd == t) {
            out.lines.append(base[b]);
            ++b;
            ++m;
            ++t;
            continue;
        }
        const QStringList baseHunk = base.mid(b, k - b);
        const QStringList mineHunk = mine.mid(m, mineEnd - m);
        const QStringList theirsHunk = theirs.mid(t, theirsEnd - t);
        if (mineHunk == baseHunk) {
            out.lines.append(theirsHunk);
        } else if (theirsHunk == baseHunk || mineHunk == theirsHunk) {
            out.lines.append(mineHunk);
        } else if (baseHunk.isEmpty()) {
            out.lines.append(theirsHunk);
            out.lines.append(mineHunk);
        } else {
            out.conflicts.append({ int(t + 1), baseHunk, mineHunk, theirsHunk });
            out.lines.append(theirsHunk);
        }
        b = k;
        m = mineEnd;
        t = theirsEnd;
    }
    return out;
}

Result<QString> LineMerge::merge(const QString &base, const QString &mine, const QString &theirs)
{
    const Outcome outcome = mergeLines(splitLines(base), splitLines(mine), splitLines(theirs));
    if (!outcome.conflicts.isEmpty()) {
        Error error
            = makeError(ErrorCode::Conflict,
                        outcome.conflicts.size() == 1
                            ? QStringLiteral("Your edit and the newer version both changed the same lines")
                            : QStringLiteral("Your edit and the newer version both changed the same lines "
                                             "in %1 places")
                                  .arg(outcome.conflicts.size()));
        for (const Hunk &hunk : outcome.conflicts) {
            const int span = int(qMax<qsizetype>(1, hunk.theirs.size()));
            error.lineErrors.append(
                { hunk.theirsLine,
                  span == 1 ? QStringLiteral("changed on both sides (line %1 of the newer version)")
                                  .arg(hunk.theirsLine)
                            : QStringLiteral("changed on both sides (lines %1–%2 of the newer version)")
                                  .arg(hunk.theirsLine)
                                  .arg(hunk.theirsLine + span - 1) });
        }
        return error;
    }
    QString text = outcome.lines.join(u'\n');
    if (!outcome.lines.isEmpty() && (mine.endsWith(u'\n') || theirs.endsWith(u'\n')))
        text += u'\n';
    return text;
}

} // namespace fvpn
