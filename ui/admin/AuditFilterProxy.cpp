#include "AuditFilterProxy.h"

#include "AdminRoles.h"

namespace fvpn {

AuditFilterProxy::AuditFilterProxy(QObject *parent)
    : TextFilterProxy(parent)
{ }

void AuditFilterProxy::setActor(const QString &actor)
{
    if (actor.trimmed() == m_actor)
        return;
    m_actor = actor.trimmed();
    invalidateRowsFilter();
}

void AuditFilterProxy::setAction(const QString &action)
{
    if (action == m_action)
        return;
    m_action = action;
    invalidateRowsFilter();
}

void AuditFilterProxy::setTimeRange(const QDateTime &from, const QDateTime &to)
{
    if (from == m_from && to == m_to)
        return;
    m_from = from;
    m_to = to;
    invalidateRowsFilter();
}

bool AuditFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    if (!m_actor.isEmpty() && !index.data(ActorRole).toString().contains(m_actor, Qt::CaseInsensitive))
        return false;
    if (!m_action.isEmpty()) {
        const QString action = index.data(ActionRole).toString();
        if (m_action.endsWith(u'.') ? !action.startsWith(m_action) : action != m_action)
            return false;
    }
    if (m_from.isValid() || m_to.isValid()) {
        const QDateTime at = index.data(TimeRole).toDateTime();
        if ((m_from.isValid() && at < m_from) || (m_to.isValid() && at > m_to))
            return false;
    }
    return TextFilterProxy::filterAcceptsRow(sourceRow, sourceParent);
}

} // namespace fvpn
