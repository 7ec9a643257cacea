#pragma once

#include "Result.h"

#include <QString>

namespace fvpn {

// Shared rules for human-provided text that ends up in files, hosts entries,
// logs and the API: one place decides what is acceptable.
namespace TextRules {

// A display name or comment: 1..maxLength characters, no control characters
// (which covers CR/LF/TAB and so line injection), no leading/trailing spaces.
Result<QString> checkDisplayName(QStringView text, int maxLength = 64);
// Same rules, but empty is allowed (for optional comments).
Result<QString> checkComment(QStringView text, int maxLength = 200);
// A DNS label-based host name (RFC 1123): letters, digits, '-', '.', labels 1..63,
// total <= 253, no leading/trailing '-' in a label.
Result<QString> checkHostName(QStringView text);
// Derive a hosts-file-safe name from a free-form display name ("Alice Smith" ->
// "alice-smith"); empty when nothing usable remains.
QString toHostName(QStringView displayName);
bool containsControlCharacters(QStringView text);

} // namespace TextRules

} // namespace fvpn
