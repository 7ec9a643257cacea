#pragma once

#include "Result.h"

#include <QTest>

#include <functional>
#include <optional>

namespace fvpn::test {

// Runs an asynchronous call and waits (bounded) for its callback.
template<typename T>
Result<T> waitFor(const std::function<void(std::function<void(Result<T>)>)> &start, int timeoutMs = 10000)
{
    std::optional<Result<T>> out;
    start([&out](Result<T> r) { out.emplace(std::move(r)); });
    if (!QTest::qWaitFor([&out] { return out.has_value(); }, timeoutMs))
        return makeError(ErrorCode::Internal,
                         QStringLiteral("the callback did not come within the time limit"));
    return std::move(*out);
}

} // namespace fvpn::test
