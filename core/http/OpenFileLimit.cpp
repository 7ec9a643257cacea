#include "OpenFileLimit.h"

#include <algorithm>
#include <sys/resource.h>

namespace fvpn {

OpenFileLimit OpenFileLimit::raise(quint64 wanted)
{
    OpenFileLimit result;
    rlimit limit {};
    if (::getrlimit(RLIMIT_NOFILE, &limit) != 0)
        return result;
    const auto unlimited = [](rlim_t value) {
        return value == RLIM_INFINITY;
    };
    result.before = unlimited(limit.rlim_cur) ? ~quint64(0) : quint64(limit.rlim_cur);
    result.hard = unlimited(limit.rlim_max) ? ~quint64(0) : quint64(limit.rlim_max);
    result.now = result.before;
    const quint64 target = std::min(wanted, result.hard);
    if (target <= result.before)
        return result;
    limit.rlim_cur = rlim_t(target);
    if (::setrlimit(RLIMIT_NOFILE, &limit) == 0)
        result.now = target;
    return result;
}

} // namespace fvpn
