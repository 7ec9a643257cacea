#pragma once

#include <QSortFilterProxyModel>
#include <QStringList>

namespace fvpn {

// Filter-as-you-type for the tables (admin view, device directory): a row stays when every word typed
// appears (case-insensitively) in the row's FilterRole text, so "dev-1 10.42"
// narrows by name and address at once. Sorting uses SortRole, so addresses,
// times and byte counts sort as values, not as text.
class TextFilterProxy : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit TextFilterProxy(QObject *parent = nullptr);

    void setFilterText(const QString &text);
    QString filterText() const { return m_words.join(u' '); }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    QStringList m_words;
};

} // namespace fvpn
