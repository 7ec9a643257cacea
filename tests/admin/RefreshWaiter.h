#pragma once

#include "AdminSession.h"

#include <QTest>

#include <functional>
#include <memory>
#include <optional>

namespace fvpn::test {

// Starts a refresh of `session` with `start` (refresh(), or a click on the
// Refresh button) and waits, bounded, for the end of a refresh that began after
// the call. A refresh already under way read the hub before the test changed
// it; AdminSession runs another one after it, and only that one counts.
// Whether that refresh succeeded; nullopt when none ended in time.
inline std::optional<bool> refreshFromNow(AdminSession *session, const std::function<void()> &start,
                                          int timeoutMs = 15000)
{
    // Shared with the connections, not captured by reference: nothing in them
    // points into this frame (clazy's lambda-in-connect).
    struct State
    {
        bool started = false;
        std::optional<bool> result;
    };
    const auto state = std::make_shared<State>();
    const auto onStart = QObject::connect(session, &AdminSession::refreshStarted, session,
                                          [state] { state->started = true; });
    const auto onFinish
        = QObject::connect(session, &AdminSession::refreshFinished, session, [state](bool ok) {
              if (state->started && !state->result)
                  state->result = ok;
          });
    start();
    const bool ended = QTest::qWaitFor([&state] { return state->result.has_value(); }, timeoutMs);
    QObject::disconnect(onStart);
    QObject::disconnect(onFinish);
    return ended ? state->result : std::nullopt;
}

} // namespace fvpn::test
