#pragma once

#include <QtGlobal>

namespace fvpn {

// Every connection a listener holds is a file descriptor: a thousand waiting
// long-polls need more than the soft limit of 1,024 that systemd (and most
// shells) give a process. systemd's advice for such a server is to raise its
// own soft limit towards the hard one (524,288 under systemd) rather than to
// ship a LimitNOFILE= in the unit: select() is never used here, so a high
// limit costs nothing until descriptors are really opened.
struct OpenFileLimit
{
    quint64 before = 0; // the soft limit found
    quint64 now = 0; // the soft limit after raise()
    quint64 hard = 0;

    // Raises the soft limit to `wanted`, or to the hard limit if that is lower;
    // never lowers it. On failure `now` stays `before`.
    static OpenFileLimit raise(quint64 wanted);
};

} // namespace fvpn
