#include "TextRules.h"

#include <QChar>

#include <algorithm>

namespace fvpn::TextRules {

namespace {

constexpr int MaxHostNameLength = 253;
constexpr int MaxLabelLength = 63;

// Walks the code points of a UTF-16 view; an unpaired surrogate comes out as its
// own code unit so that its category (Cs) marks it as unacceptable.
template<typename Fn> void forEachCodePoint(QStringView text, Fn &&fn)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (c.isHighSurrogate() && i + 1 < text.size() && text[i + 1].isLowSurrogate()) {
            fn(QChar::surrogateToUcs4(c, text[i + 1]));
            ++i;
        } else {
            fn(char32_t(c.unicode()));
        }
    }
}

qsizetype codePointCount(QStringView text)
{
    qsizetype count = 0;
    forEachCodePoint(text, [&count](char32_t) { ++count; });
    return count;
}

Result<QString> checkText(QStringView text, int maxLength, bool allowEmpty, const QString &what)
{
    if (text.isEmpty()) {
        if (allowEmpty)
            return QString();
        return makeError(ErrorCode::InvalidInput, QStringLiteral("the %1 is empty").arg(what));
    }
    if (containsControlCharacters(text)) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("the %1 contains the control character %2, which is not allowed")
                             .arg(what, codePointLabel(firstControlCharacter(text).value_or(0))));
    }
    const qsizetype length = codePointCount(text);
    if (length > maxLength) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("the %1 is %2 characters long; at most %3 are allowed")
                             .arg(what)
                             .arg(length)
                             .arg(maxLength));
    }
    if (text.front().isSpace() || text.back().isSpace()) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("the %1 starts or ends with a space").arg(what));
    }
    return text.toString();
}

bool isAsciiLetterOrDigit(char32_t cp)
{
    return (cp >= U'a' && cp <= U'z') || (cp >= U'A' && cp <= U'Z') || (cp >= U'0' && cp <= U'9');
}

// Latin letters that have no decomposition, so NFKD alone would turn them into
// separators ("Straße" -> "stra-e").
QLatin1StringView transliterate(char32_t cp)
{
    switch (cp) {
    case U'ß':
        return QLatin1StringView("ss");
    case U'æ':
    case U'Æ':
        return QLatin1StringView("ae");
    case U'œ':
    case U'Œ':
        return QLatin1StringView("oe");
    case U'ø':
    case U'Ø':
        return QLatin1StringView("o");
    case U'đ':
    case U'Đ':
    case U'ð':
    case U'Ð':
        return QLatin1StringView("d");
    case U'ł':
    case U'Ł':
        return QLatin1StringView("l");
    case U'þ':
    case U'Þ':
        return QLatin1StringView("th");
    case U'ı':
        return QLatin1StringView("i");
    default:
        return {};
    }
}

} // namespace

bool isControlCharacter(char32_t codePoint)
{
    switch (QChar::category(codePoint)) {
    case QChar::Other_Control:
    case QChar::Other_Format:
    case QChar::Other_Surrogate:
    case QChar::Separator_Line:
    case QChar::Separator_Paragraph:
        return true;
    default:
        return false;
    }
}

bool containsControlCharacters(QStringView text)
{
    return firstControlCharacter(text).has_value();
}

std::optional<char32_t> firstControlCharacter(QStringView text, bool allowTab)
{
    std::optional<char32_t> found;
    forEachCodePoint(text, [&](char32_t cp) {
        if (!found && isControlCharacter(cp) && !(allowTab && cp == U'\t'))
            found = cp;
    });
    return found;
}

QString codePointLabel(char32_t codePoint)
{
    return QStringLiteral("U+%1").arg(uint(codePoint), 4, 16, QLatin1Char('0')).toUpper();
}

Result<QString> checkDisplayName(QStringView text, int maxLength)
{
    return checkText(text, maxLength, false, QStringLiteral("name"));
}

Result<QString> checkComment(QStringView text, int maxLength)
{
    return checkText(text, maxLength, true, QStringLiteral("comment"));
}

Result<QString> checkHostName(QStringView text)
{
    const auto fail = [&text](const QString &why) -> Result<QString> {
        // Quote only harmless text: control characters would garble the message.
        const QString shown = containsControlCharacters(text) || text.size() > MaxHostNameLength
            ? QStringLiteral("the host name")
            : QStringLiteral("'%1'").arg(text);
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("%1 is not a valid host name: %2").arg(shown, why));
    };
    if (text.isEmpty())
        return makeError(ErrorCode::InvalidInput, QStringLiteral("the host name is empty"));
    if (text.size() > MaxHostNameLength)
        return fail(QStringLiteral("it is longer than %1 characters").arg(MaxHostNameLength));

    bool onlyDigitsAndDots = true;
    qsizetype labelStart = 0;
    for (qsizetype i = 0; i <= text.size(); ++i) {
        if (i < text.size() && text[i] != u'.') {
            const char16_t c = text[i].unicode();
            const bool digit = c >= u'0' && c <= u'9';
            if (!isAsciiLetterOrDigit(c) && c != u'-') {
                return fail(QStringLiteral("only letters a-z, digits, '-' and '.' are allowed"));
            }
            onlyDigitsAndDots = onlyDigitsAndDots && digit;
            continue;
        }
        const QStringView label = text.mid(labelStart, i - labelStart);
        if (label.isEmpty())
            return fail(
                QStringLiteral("it has an empty label (two dots in a row, or a leading or trailing dot)"));
        if (label.size() > MaxLabelLength)
            return fail(QStringLiteral("a label is longer than %1 characters").arg(MaxLabelLength));
        if (label.front() == u'-' || label.back() == u'-')
            return fail(QStringLiteral("a label starts or ends with '-'"));
        labelStart = i + 1;
    }
    if (onlyDigitsAndDots)
        return fail(QStringLiteral("it consists only of digits and would read as an address"));
    return text.toString();
}

QString toHostName(QStringView displayName)
{
    const QString decomposed = displayName.toString().normalized(QString::NormalizationForm_KD);
    QString out;
    bool pendingSeparator = false;
    const auto append = [&](QStringView part) {
        if (pendingSeparator && !out.isEmpty())
            out += u'-';
        pendingSeparator = false;
        out += part.toString().toLower();
    };
    forEachCodePoint(decomposed, [&](char32_t cp) {
        if (isAsciiLetterOrDigit(cp)) {
            const QChar c { char16_t(cp) };
            append(QStringView(&c, 1));
            return;
        }
        const QLatin1StringView replacement = transliterate(cp);
        if (!replacement.isEmpty()) {
            append(QString(replacement));
            return;
        }
        const QChar::Category category = QChar::category(cp);
        // Accents left over from the decomposition, and apostrophes ("O'Brien"),
        // belong to the word rather than separating it.
        if (category == QChar::Mark_NonSpacing || cp == U'\'' || cp == U'\u2019')
            return;
        pendingSeparator = true;
    });
    if (out.size() > MaxLabelLength)
        out.truncate(MaxLabelLength);
    while (out.endsWith(u'-'))
        out.chop(1);
    if (!out.isEmpty() && std::all_of(out.cbegin(), out.cend(), [](QChar c) { return c.isDigit(); })) {
        out = QStringLiteral("host-") + out;
        out.truncate(MaxLabelLength);
    }
    return out;
}

} // namespace fvpn::TextRules
