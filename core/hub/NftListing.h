#pragma once

#include "IpAddress.h"
#include "Result.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>

namespace fvpn {

// One table as `nft -j list table` shows it, reduced to what the hub compares:
// the elements of each set and the chains with their rules. Rule handles are
// dropped (they change with every replace), so two listings of the same rules
// compare equal whatever their history.
struct NftListing
{
    QHash<QString, QList<IpAddress>> sets; // sorted; only sets of plain addresses
    QStringList otherSets; // sets with elements the hub never writes (ranges, maps...)
    QByteArray rules; // chains and rules in order, as compact JSON without handles

    // `json` is the output of `nft -j list table ...` (or with -t, without elements).
    static Result<NftListing> parse(const QByteArray &json);
};

} // namespace fvpn
