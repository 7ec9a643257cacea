#pragma once

#include "Result.h"

#include <QByteArrayView>
#include <QString>

#include <limits>
#include <optional>

namespace fvpn {

// Shared rules for human-provided text that ends up in files, hosts entries,
// logs and the API: one place decides what is acceptable.
namespace TextRules {

// A display name or comment: 1..maxLength characters (code points), no control
// characters (which covers CR/LF/TAB and so line injection), no leading/trailing
// white space.
Result<QString> checkDisplayName(QStringView text, int maxLength = 64);
// Same rules, but empty is allowed (for optional comments).
Result<QString> checkComment(QStringView text, int maxLength = 200);
// A DNS label-based host name (RFC 1123): letters, digits, '-', '.', labels 1..63,
// total <= 253, no leading/trailing '-' in a label. A name made only of digits and
// dots is refused: it reads as an IPv4 address (RFC 1123 section 2.1).
Result<QString> checkHostName(QStringView text);
// Derive a hosts-file-safe single label from a free-form display name
// ("Alice Smith" -> "alice-smith", "José" -> "jose"); empty when nothing usable
// remains. A digits-only result gets the prefix "host-" so it passes checkHostName.
QString toHostName(QStringView displayName);
// True for anything that can break a line or hide text: C0/C1 controls (TAB, CR,
// LF, NEL included), format characters (bidi overrides, zero-width characters,
// BOM), the Unicode line and paragraph separators and unpaired surrogates.
bool containsControlCharacters(QStringView text);
bool isControlCharacter(char32_t codePoint);
// The first control character in `text` (TAB skipped when allowTab: the file formats
// use it as a field separator), or nullopt.
std::optional<char32_t> firstControlCharacter(QStringView text, bool allowTab = false);
// "U+000A": how messages name a character that cannot be shown as is.
QString codePointLabel(char32_t codePoint);

// A machine-written decimal (what wg and its UAPI print): 1..20 digits, no sign,
// no spaces, at most `max`. Inline: a periodic read parses 50,000 of them.
inline std::optional<quint64> parseDecimal(QByteArrayView text,
                                           quint64 max = std::numeric_limits<quint64>::max())
{
    if (text.isEmpty() || text.size() > 20)
        return std::nullopt;
    quint64 value = 0;
    for (const char c : text) {
        if (c < '0' || c > '9')
            return std::nullopt;
        const auto digit = quint64(c - '0');
        if (value > (max - digit) / 10)
            return std::nullopt;
        value = value * 10 + digit;
    }
    return value;
}

} // namespace TextRules

} // namespace fvpn
