#pragma once

#include "ListenerLimits.h"

#include <QHash>
#include <QMutex>
#include <QString>

namespace fvpn {

// The connection counts of one listener, per class (quick, waiting), in total and
// per source address. Thread-safe: connections are admitted on the main thread
// and move between classes and close on the workers.
class ConnectionBudget
{
public:
    explicit ConnectionBudget(const ListenerLimits &limits);

    // Empty when admitted (counted as quick); otherwise why not.
    QString admitQuick(const QString &source);
    void releaseQuick(const QString &source);
    // quick -> waiting, when the waiting caps allow.
    bool enterWaiting(const QString &source);
    // waiting -> quick, when the quick caps allow; otherwise it stays waiting.
    bool returnToQuick(const QString &source);
    void releaseWaiting(const QString &source);

    int quick() const;
    int waiting() const;
    int quickFrom(const QString &source) const;
    int waitingFrom(const QString &source) const;

private:
    struct Class
    {
        int total = 0;
        QHash<QString, int> perSource;
        void add(const QString &source);
        void remove(const QString &source);
    };

    const int m_maxQuick;
    const int m_maxQuickPerSource;
    const int m_maxWaiting;
    const int m_maxWaitingPerSource;
    mutable QMutex m_mutex;
    Class m_quick;
    Class m_waiting;
};

} // namespace fvpn
