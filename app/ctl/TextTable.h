#pragma once

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

namespace fvpn {

// Rows for people at a terminal: columns padded to their widest cell, a header
// in capitals, the last column never padded (no trailing blanks).
class TextTable
{
public:
    explicit TextTable(QStringList headers);

    void addRow(QStringList cells);
    int rowCount() const { return int(m_rows.size()); }
    QString toString() const;

    // "12 s ago", "5 min ago", "3 h ago", "2 d ago"; "never" for an invalid time.
    static QString age(const QDateTime &then, const QDateTime &now);
    // "2025-06-01 14:00 UTC", for times ahead as well as past; "never" for an invalid time.
    static QString time(const QDateTime &at);
    // "1.5 MiB", "830 B".
    static QString bytes(quint64 count);

private:
    QStringList m_headers;
    QList<QStringList> m_rows;
};

} // namespace fvpn
