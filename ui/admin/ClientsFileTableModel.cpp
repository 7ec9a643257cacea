#include "ClientsFileTableModel.h"

#include "AdminRoles.h"

#include <QBrush>
#include <QColor>
#include <QFont>

#include <algorithm>

namespace fvpn {

namespace {

bool isSeparator(QChar c)
{
    return c == u' ' || c == u'\t';
}

qsizetype skipSeparators(const QString &text, qsizetype at)
{
    while (at < text.size() && isSeparator(text[at]))
        ++at;
    return at;
}

qsizetype skipField(const QString &text, qsizetype at)
{
    while (at < text.size() && !isSeparator(text[at]))
        ++at;
    return at;
}

QStringList splitText(const QString &text, bool *trailingNewline)
{
    *trailingNewline = text.endsWith(u'\n');
    if (text.isEmpty()) {
        *trailingNewline = true; // a first line typed into an empty file gets its newline
        return {};
    }
    QStringList lines = text.split(u'\n');
    if (*trailingNewline)
        lines.removeLast();
    return lines;
}

} // namespace

ClientsFileTableModel::ClientsFileTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

ClientsFileTableModel::Fields ClientsFileTableModel::split(const QString &line)
{
    Fields f;
    const qsizetype start = skipSeparators(line, 0);
    if (start == line.size())
        return f;
    if (line[start] == u'#') {
        f.kind = LineKind::Comment;
        f.comment = line;
        return f;
    }
    f.kind = LineKind::Peer;
    const qsizetype keyEnd = skipField(line, start);
    f.key = line.mid(start, keyEnd - start);
    const qsizetype addressStart = skipSeparators(line, keyEnd);
    const qsizetype addressEnd = skipField(line, addressStart);
    f.address = line.mid(addressStart, addressEnd - addressStart);
    const qsizetype commentStart = skipSeparators(line, addressEnd);
    f.comment = line.mid(commentStart);
    return f;
}

QString ClientsFileTableModel::join(const Fields &fields)
{
    if (fields.kind == LineKind::Comment)
        return fields.comment;
    QStringList parts;
    for (const QString &part : { fields.key.trimmed(), fields.address.trimmed(), fields.comment.trimmed() }) {
        if (!part.isEmpty())
            parts.append(part);
    }
    return parts.join(u' ');
}

void ClientsFileTableModel::setText(const QString &text)
{
    bool trailing = true;
    const QStringList fresh = splitText(text, &trailing);
    m_trailingNewline = trailing;
    const qsizetype oldCount = m_lines.size();
    const qsizetype newCount = fresh.size();

    qsizetype head = 0;
    while (head < oldCount && head < newCount && m_lines[head] == fresh[head])
        ++head;
    qsizetype tail = 0;
    while (tail < oldCount - head && tail < newCount - head
           && m_lines[oldCount - 1 - tail] == fresh[newCount - 1 - tail])
        ++tail;
    const qsizetype oldMiddle = oldCount - head - tail;
    const qsizetype newMiddle = newCount - head - tail;
    const qsizetype common = qMin(oldMiddle, newMiddle);

    // Changed lines in place, then the surplus removed or the new ones inserted.
    if (common > 0) {
        shiftProblems(int(head), int(common), 0);
        for (qsizetype i = 0; i < common; ++i)
            m_lines[head + i] = fresh[head + i];
        Q_EMIT dataChanged(index(int(head), 0), index(int(head + common - 1), ColumnCount - 1));
        Q_EMIT headerDataChanged(Qt::Vertical, int(head), int(head + common - 1));
    }
    const int at = int(head + common);
    if (oldMiddle > newMiddle) {
        const int removed = int(oldMiddle - newMiddle);
        beginRemoveRows({}, at, at + removed - 1);
        m_lines.remove(at, removed);
        shiftProblems(at, removed, -removed);
        endRemoveRows();
    } else if (newMiddle > oldMiddle) {
        const int added = int(newMiddle - oldMiddle);
        beginInsertRows({}, at, at + added - 1);
        for (int i = 0; i < added; ++i)
            m_lines.insert(at + i, fresh[at + i]);
        shiftProblems(at, 0, added);
        endInsertRows();
    }
}

QString ClientsFileTableModel::text() const
{
    if (m_lines.isEmpty())
        return {};
    QString out = m_lines.join(u'\n');
    if (m_trailingNewline)
        out += u'\n';
    return out;
}

void ClientsFileTableModel::shiftProblems(int from, int dropped, int delta)
{
    if (m_problems.isEmpty())
        return;
    QHash<int, QStringList> moved;
    for (auto it = m_problems.cbegin(); it != m_problems.cend(); ++it) {
        const int row = it.key();
        if (row < from)
            moved.insert(row, it.value());
        else if (row >= from + dropped)
            moved.insert(row + delta, it.value());
    }
    m_problems = std::move(moved);
}

void ClientsFileTableModel::setProblems(const QList<LineError> &problems)
{
    QHash<int, QStringList> fresh;
    for (const LineError &p : problems) {
        if (p.line >= 1 && p.line <= m_lines.size())
            fresh[p.line - 1].append(p.message);
    }
    if (fresh == m_problems)
        return;
    QList<int> touched = m_problems.keys();
    touched.append(fresh.keys());
    m_problems = std::move(fresh);
    std::sort(touched.begin(), touched.end());
    touched.resize(std::unique(touched.begin(), touched.end()) - touched.begin());
    for (int row : std::as_const(touched)) {
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
        Q_EMIT headerDataChanged(Qt::Vertical, row, row);
    }
}

int ClientsFileTableModel::appendPeer(const QString &key, const QString &address, const QString &comment)
{
    const int row = int(m_lines.size());
    beginInsertRows({}, row, row);
    m_lines.append(join({ LineKind::Peer, key, address, comment }));
    endInsertRows();
    Q_EMIT textEdited(text());
    return row;
}

int ClientsFileTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_lines.size());
}

int ClientsFileTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ClientsFileTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Fields f = split(m_lines[index.row()]);
    const auto problems = m_problems.constFind(index.row());
    const bool hasProblems = problems != m_problems.cend();
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
    case CopyRole:
        switch (index.column()) {
        case KeyColumn:
            // A comment line is shown (and edited) whole, from the first column.
            return f.kind == LineKind::Comment ? f.comment : f.key;
        case AddressColumn:
            return f.address;
        case CommentColumn:
            return f.kind == LineKind::Comment ? QString() : f.comment;
        case ProblemColumn:
            return hasProblems ? problems->join(QStringLiteral("; ")) : QString();
        }
        break;
    case Qt::ToolTipRole:
        if (hasProblems)
            return problems->join(u'\n');
        return {};
    case Qt::BackgroundRole:
        if (hasProblems)
            return QBrush(QColor(0xfd, 0xe2, 0xe0));
        return {};
    case Qt::ForegroundRole:
        if (index.column() == ProblemColumn)
            return QBrush(QColor(0xa4, 0x1e, 0x16));
        if (f.kind == LineKind::Comment)
            return QBrush(QColor(0x70, 0x70, 0x70));
        return {};
    case Qt::FontRole:
        if (index.column() == KeyColumn || index.column() == AddressColumn) {
            QFont mono(QStringLiteral("monospace"));
            mono.setStyleHint(QFont::Monospace);
            return mono;
        }
        if (f.kind == LineKind::Comment) {
            QFont italic;
            italic.setItalic(true);
            return italic;
        }
        return {};
    case FilterRole:
        return m_lines[index.row()];
    case SortRole:
        return index.row();
    }
    return {};
}

bool ClientsFileTableModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || !(flags(index) & Qt::ItemIsEditable))
        return false;
    Fields f = split(m_lines[index.row()]);
    // Line breaks cannot enter a line through a cell: they would split it.
    QString text = value.toString();
    text.replace(u'\n', u' ').replace(u'\r', u' ');
    switch (index.column()) {
    case KeyColumn:
        if (f.kind == LineKind::Comment) {
            f.comment = text;
        } else {
            f.key = text;
            f.kind = LineKind::Peer;
        }
        break;
    case AddressColumn:
        f.address = text;
        f.kind = LineKind::Peer;
        break;
    case CommentColumn:
        f.comment = text;
        break;
    default:
        return false;
    }
    const QString line = join(f);
    if (line == m_lines[index.row()])
        return true;
    m_lines[index.row()] = line;
    shiftProblems(index.row(), 1, 0);
    Q_EMIT dataChanged(this->index(index.row(), 0), this->index(index.row(), ColumnCount - 1));
    Q_EMIT textEdited(this->text());
    return true;
}

Qt::ItemFlags ClientsFileTableModel::flags(const QModelIndex &index) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return Qt::NoItemFlags;
    Qt::ItemFlags flags = Qt::ItemIsSelectable | Qt::ItemIsEnabled;
    if (index.column() == ProblemColumn)
        return flags;
    // A comment line is edited as a whole, in its first cell.
    if (split(m_lines[index.row()]).kind == LineKind::Comment && index.column() != KeyColumn)
        return flags;
    return flags | Qt::ItemIsEditable;
}

QVariant ClientsFileTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Vertical) {
        if (role == Qt::DisplayRole)
            return section + 1; // the line number, as errors count them
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    if (role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case KeyColumn:
        return tr("Public key (or # comment)");
    case AddressColumn:
        return tr("Address");
    case CommentColumn:
        return tr("Comment (first word is the name)");
    case ProblemColumn:
        return tr("Problem");
    }
    return {};
}

bool ClientsFileTableModel::insertRows(int row, int count, const QModelIndex &parent)
{
    if (parent.isValid() || row < 0 || row > m_lines.size() || count < 1)
        return false;
    beginInsertRows({}, row, row + count - 1);
    for (int i = 0; i < count; ++i)
        m_lines.insert(row, QString());
    shiftProblems(row, 0, count);
    endInsertRows();
    Q_EMIT textEdited(text());
    return true;
}

bool ClientsFileTableModel::removeRows(int row, int count, const QModelIndex &parent)
{
    if (parent.isValid() || row < 0 || count < 1 || row + count > m_lines.size())
        return false;
    beginRemoveRows({}, row, row + count - 1);
    m_lines.remove(row, count);
    shiftProblems(row, count, -count);
    endRemoveRows();
    Q_EMIT textEdited(text());
    return true;
}

} // namespace fvpn
