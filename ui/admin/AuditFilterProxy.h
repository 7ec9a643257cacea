#pragma once

#include "TextFilterProxy.h"

#include <QDateTime>

namespace fvpn {

// The audit log's filters: who (actor contains), what (action is, or starts with
// "client." for a family of actions), when (from/to, either open) and free text.
class AuditFilterProxy : public TextFilterProxy
{
    Q_OBJECT

public:
    explicit AuditFilterProxy(QObject *parent = nullptr);

    void setActor(const QString &actor);
    // Exact action ("settings.change") or a prefix ending in '.' ("request.").
    void setAction(const QString &action);
    void setTimeRange(const QDateTime &from, const QDateTime &to);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_actor;
    QString m_action;
    QDateTime m_from;
    QDateTime m_to;
};

} // namespace fvpn
