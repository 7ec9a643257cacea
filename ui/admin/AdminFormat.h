#pragma once

#include "HubSnapshot.h"

#include <QColor>
#include <QDateTime>
#include <QIcon>
#include <QString>

namespace fvpn {

// How the admin views write numbers, times and states.
namespace AdminFormat {

QString bytes(quint64 count); // "0 B", "12.3 KiB", "4.0 GiB"
QString age(const QDateTime &at, const QDateTime &now); // "never", "just now", "4 min ago", "3 d ago"
QString time(const QDateTime &at); // local "2024-05-01 12:03", empty when invalid
QString linkState(LinkState state); // "Online"
QColor linkStateColor(LinkState state);
QIcon linkStateIcon(LinkState state); // a coloured dot
QString shortTime(const QDateTime &at); // local "2024-05-01 12:03"
// A sortable text for an address: family, then the bytes in hex.
QString addressSortKey(const IpAddress &address);
// A red disc with a count ("99+" above 99), the one way a tab says how many wait.
QIcon countBadge(int count);

} // namespace AdminFormat

} // namespace fvpn
