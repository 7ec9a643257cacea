#pragma once

#include <Qt>

namespace fvpn {

// Item data roles shared by the table models (admin view, device directory) and their proxies.
enum AdminRole
{
    SortRole = Qt::UserRole + 1, // a value that sorts right (numbers, padded addresses)
    FilterRole, // the text filter-as-you-type searches (names, addresses, full key...)
    KeyRole, // the row's key as text: public key (base64) or request id
    CopyRole, // what "copy" puts on the clipboard for the cell
    TimeRole, // QDateTime of the row, for time filters
    ActorRole,
    ActionRole,
};

} // namespace fvpn
