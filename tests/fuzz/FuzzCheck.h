#pragma once

#include <QByteArray>
#include <QString>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

// What a fuzz target checks beyond "does not crash": an invariant that must hold
// for every input (a round trip, two parsers agreeing). A broken one aborts, so
// libFuzzer keeps the input as a finding, and the corpus replay fails.
#define FUZZ_CHECK(condition, what)                                                                          \
    do {                                                                                                     \
        if (!(condition)) {                                                                                  \
            std::fprintf(stderr, "fuzz invariant broken at %s:%d: %s\n", __FILE__, __LINE__,                 \
                         qPrintable(fuzz::describe(what)));                                                  \
            std::abort();                                                                                    \
        }                                                                                                    \
    } while (false)

namespace fuzz {

inline QString describe(const char *what)
{
    return QString::fromUtf8(what);
}

inline QString describe(const QString &what)
{
    return what;
}

inline QByteArray bytes(const uint8_t *data, size_t size)
{
    // A deep copy: what the parser reads is never libFuzzer's own buffer, so an
    // overread is caught by ASan at the copy's end.
    return QByteArray(reinterpret_cast<const char *>(data), qsizetype(size));
}

} // namespace fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
