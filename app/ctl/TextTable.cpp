#include "TextTable.h"

#include <QDateTime>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace fvpn {

TextTable::TextTable(QStringList headers)
    : m_headers(std::move(headers))
{ }

void TextTable::addRow(QStringList cells)
{
    while (cells.size() < m_headers.size())
        cells.append(QString());
    m_rows.append(std::move(cells));
}

QString TextTable::toString() const
{
    QList<qsizetype> widths(m_headers.size());
    for (qsizetype c = 0; c < m_headers.size(); ++c)
        widths[c] = m_headers[c].size();
    for (const QStringList &row : m_rows) {
        for (qsizetype c = 0; c < m_headers.size(); ++c)
            widths[c] = std::max(widths[c], row[c].size());
    }
    QString text;
    auto line = [&](const QStringList &cells) {
        QString out;
        for (qsizetype c = 0; c < m_headers.size(); ++c) {
            const bool last = c + 1 == m_headers.size();
            out += last ? cells[c] : cells[c].leftJustified(widths[c]) + u"  "_s;
        }
        while (out.endsWith(u' '))
            out.chop(1);
        text += out + u'\n';
    };
    QStringList headers;
    for (const QString &h : m_headers)
        headers << h.toUpper();
    line(headers);
    for (const QStringList &row : m_rows)
        line(row);
    return text;
}

QString TextTable::age(const QDateTime &then, const QDateTime &now)
{
    if (!then.isValid())
        return u"never"_s;
    const qint64 seconds = then.secsTo(now);
    if (seconds < 0)
        return u"in the future"_s; // the hub's clock is ahead of ours
    if (seconds < 120)
        return u"%1 s ago"_s.arg(seconds);
    if (seconds < 2 * 3600)
        return u"%1 min ago"_s.arg(seconds / 60);
    if (seconds < 2 * 86400)
        return u"%1 h ago"_s.arg(seconds / 3600);
    return u"%1 d ago"_s.arg(seconds / 86400);
}

QString TextTable::time(const QDateTime &at)
{
    if (!at.isValid())
        return u"never"_s;
    return at.toUTC().toString(u"yyyy-MM-dd HH:mm 'UTC'"_s);
}

QString TextTable::bytes(quint64 count)
{
    static const char *const units[] = { "KiB", "MiB", "GiB", "TiB" };
    if (count < 1024)
        return u"%1 B"_s.arg(count);
    double value = double(count) / 1024.0;
    int unit = 0;
    while (value >= 1024.0 && unit < 3) {
        value /= 1024.0;
        ++unit;
    }
    return u"%1 %2"_s.arg(value, 0, 'f', 1).arg(QLatin1StringView(units[unit]));
}

} // namespace fvpn
