#pragma once

#include "Result.h"

#include <QEventLoop>
#include <QObject>
#include <QTimer>

#include <chrono>
#include <optional>

namespace fvpn::test {

// Waits for one asynchronous call that reports through a callback. The deadline
// only keeps a broken run from hanging; it is not a speed requirement.
template<typename T, typename Start>
Result<T> waitFor(Start start, std::chrono::milliseconds deadline = std::chrono::minutes(2))
{
    std::optional<Result<T>> outcome;
    QEventLoop loop;
    QObject context;
    start(&context, [&outcome, &loop](Result<T> result) {
        outcome.emplace(std::move(result));
        loop.quit();
    });
    QTimer::singleShot(deadline, &loop, &QEventLoop::quit);
    if (!outcome)
        loop.exec();
    if (!outcome)
        return makeError(ErrorCode::Internal, QStringLiteral("test: no answer before the deadline"));
    return std::move(*outcome);
}

template<typename R> QString failure(const R &result)
{
    return result.ok() ? QString() : result.error().toString();
}

} // namespace fvpn::test
