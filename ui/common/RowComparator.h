#pragma once

#include <optional>

namespace fvpn {

// Lets a model compare two of its rows directly, for columns whose QVariant sort
// values would be costly to build and compare (an address as text, say): sorting
// 10,000 devices calls the comparison ~130,000 times. TextFilterProxy asks its
// source model through this first.
class RowComparator
{
public:
    virtual ~RowComparator() = default;
    // nullopt: no opinion, compare SortRole values instead.
    virtual std::optional<bool> lessThan(int leftRow, int rightRow, int column) const = 0;
};

} // namespace fvpn
