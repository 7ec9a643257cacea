#pragma once

#include "StateDatabase.h"

#include <QObject>
#include <QTemporaryDir>

#include <memory>

namespace fvpn {

// Base of the tests of one store over the hub's state database (requests,
// invites, tokens, audit log): each test function gets a database of its own,
// and with Clock::Fixed a clock that stands still at m_now until the test moves it.
template<typename Store> class StoreTest : public QObject
{
protected:
    enum class Clock
    {
        System,
        Fixed
    };
    static constexpr qint64 StartTime = 1'700'000'000'000; // ms since the epoch

    // Closes the previous store and database; false if the new one cannot be opened.
    bool openFresh(Clock clock)
    {
        m_store.reset();
        m_db.reset();
        if (!m_tmp.isValid())
            return false;
        auto db = StateDatabase::open(m_tmp.filePath(QStringLiteral("state-%1").arg(++m_counter)));
        if (!db.ok())
            return false;
        m_db = std::move(db).value();
        m_now = StartTime;
        if (clock == Clock::Fixed)
            m_db->setClock([this] { return m_now; });
        m_store = std::make_unique<Store>(*m_db);
        return true;
    }

    QTemporaryDir m_tmp;
    std::unique_ptr<StateDatabase> m_db;
    std::unique_ptr<Store> m_store;
    qint64 m_now = StartTime;

private:
    int m_counter = 0;
};

} // namespace fvpn
