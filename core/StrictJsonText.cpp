// StrictJsonParser: strings (escapes, UTF-8, Unicode rules) and numbers.
#include "QuotedInput.h"
#include "StrictJsonParser.h"
#include "TextRules.h"

#include <cmath>

namespace fvpn {

namespace {

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

bool isNoncharacter(char32_t cp)
{
    return (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE;
}

QString codePoint(char32_t cp)
{
    return TextRules::codePointLabel(cp);
}

} // namespace

// Four hex digits after "\u"; -1 when they are not.
int StrictJsonParser::hex4(const char *at) const
{
    if (m_end - at < 4)
        return -1;
    int value = 0;
    for (int i = 0; i < 4; ++i) {
        const int digit = hexValue(at[i]);
        if (digit < 0)
            return -1;
        value = value * 16 + digit;
    }
    return value;
}

bool StrictJsonParser::appendCodePoint(QString &out, char32_t cp, const char *at)
{
    if (isNoncharacter(cp))
        return fail(Problem::Unicode,
                    QStringLiteral("a string holds the Unicode noncharacter %1").arg(codePoint(cp)), at);
    if (cp > 0xFFFF) {
        out += QChar(QChar::highSurrogate(cp));
        out += QChar(QChar::lowSurrogate(cp));
    } else {
        out += QChar(char16_t(cp));
    }
    return true;
}

bool StrictJsonParser::escape(QString &out)
{
    const char *at = m_p; // the backslash
    if (m_end - m_p < 2)
        return fail(Problem::Syntax, QStringLiteral("the text ends inside a string"), m_end);
    const char kind = m_p[1];
    m_p += 2;
    switch (kind) {
    case '"':
    case '\\':
    case '/':
        out += QLatin1Char(kind);
        return true;
    case 'b':
        out += u'\b';
        return true;
    case 'f':
        out += u'\f';
        return true;
    case 'n':
        out += u'\n';
        return true;
    case 'r':
        out += u'\r';
        return true;
    case 't':
        out += u'\t';
        return true;
    case 'u':
        break;
    default:
        return fail(Problem::Escape, QStringLiteral("a string holds an invalid escape sequence"), at);
    }
    const int unit = hex4(m_p);
    if (unit < 0)
        return fail(Problem::Escape, QStringLiteral("\\u in a string must be followed by four hex digits"),
                    at);
    m_p += 4;
    if (QChar::isLowSurrogate(char32_t(unit)))
        return fail(
            Problem::Unicode,
            QStringLiteral("a string holds an unpaired surrogate (\\u%1)").arg(unit, 4, 16, QLatin1Char('0')),
            at);
    if (!QChar::isHighSurrogate(char32_t(unit)))
        return appendCodePoint(out, char32_t(unit), at);
    const int low = (m_end - m_p >= 6 && m_p[0] == '\\' && m_p[1] == 'u') ? hex4(m_p + 2) : -1;
    if (low < 0 || !QChar::isLowSurrogate(char32_t(low)))
        return fail(
            Problem::Unicode,
            QStringLiteral("a string holds an unpaired surrogate (\\u%1)").arg(unit, 4, 16, QLatin1Char('0')),
            at);
    m_p += 6;
    return appendCodePoint(out, QChar::surrogateToUcs4(char16_t(unit), char16_t(low)), at);
}

// One UTF-8 sequence, strictly: no overlong forms, no surrogates, nothing
// above U+10FFFF (RFC 3629).
bool StrictJsonParser::utf8(QString &out)
{
    const char *at = m_p;
    const auto lead = uchar(*m_p);
    int length = 0;
    char32_t cp = 0;
    uchar min = 0x80;
    uchar max = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
        cp = lead & 0x1F;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        cp = lead & 0x0F;
        if (lead == 0xE0)
            min = 0xA0;
        else if (lead == 0xED)
            max = 0x9F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        cp = lead & 0x07;
        if (lead == 0xF0)
            min = 0x90;
        else if (lead == 0xF4)
            max = 0x8F;
    } else {
        return fail(Problem::Syntax, QStringLiteral("a string is not valid UTF-8"), at);
    }
    if (m_end - m_p < length)
        return fail(Problem::Syntax, QStringLiteral("a string is not valid UTF-8"), at);
    for (int i = 1; i < length; ++i) {
        const auto c = uchar(m_p[i]);
        if (c < (i == 1 ? min : 0x80) || c > (i == 1 ? max : 0xBF))
            return fail(Problem::Syntax, QStringLiteral("a string is not valid UTF-8"), at);
        cp = (cp << 6) | (c & 0x3F);
    }
    m_p += length;
    return appendCodePoint(out, cp, at);
}

bool StrictJsonParser::string(QString &out)
{
    const char *start = m_p;
    ++m_p; // '"'
    const qsizetype first = out.size();
    for (;;) {
        // Plain ASCII runs are copied at once.
        const char *run = m_p;
        while (m_p < m_end && uchar(*m_p) >= 0x20 && uchar(*m_p) < 0x80 && *m_p != '"' && *m_p != '\\')
            ++m_p;
        if (m_p > run)
            out += QLatin1StringView(run, m_p - run);
        if (m_p >= m_end)
            return fail(Problem::Syntax, QStringLiteral("a string is not closed"), start);
        const auto c = uchar(*m_p);
        if (c == '"') {
            // Qt's reader drops a raw U+FEFF that opens a string (its UTF-8
            // decoder takes it for a byte order mark) and writes an escaped
            // one raw: "\uFEFFname" would be "name" after one trip through Qt,
            // a second key of that name past the duplicate check.
            if (out.size() > first && out.at(first) == QChar(0xFEFF))
                return fail(Problem::ByteOrderMark,
                            QStringLiteral("a string begins with U+FEFF (a byte order mark), which JSON "
                                           "readers drop"),
                            start);
            ++m_p;
            return true;
        }
        if (c == '\\') {
            if (!escape(out))
                return false;
        } else if (c < 0x20) {
            return fail(Problem::ControlCharacter,
                        QStringLiteral("a string holds the control character %1 unescaped").arg(codePoint(c)),
                        m_p);
        } else if (!utf8(out)) {
            return false;
        }
    }
}

bool StrictJsonParser::number(QJsonValue &out)
{
    const char *start = m_p;
    if (*m_p == '-')
        ++m_p;
    if (m_p >= m_end || !isDigit(*m_p))
        return fail(Problem::Number, QStringLiteral("a number is malformed ('-' without digits)"), start);
    if (*m_p == '0') {
        ++m_p;
        if (m_p < m_end && isDigit(*m_p))
            return fail(Problem::Number, QStringLiteral("a number starts with a leading zero"), start);
    } else {
        while (m_p < m_end && isDigit(*m_p))
            ++m_p;
    }
    bool integer = true;
    if (m_p < m_end && *m_p == '.') {
        integer = false;
        ++m_p;
        if (m_p >= m_end || !isDigit(*m_p))
            return fail(Problem::Number, QStringLiteral("a number has no digits after its '.'"), start);
        while (m_p < m_end && isDigit(*m_p))
            ++m_p;
    }
    if (m_p < m_end && (*m_p == 'e' || *m_p == 'E')) {
        integer = false;
        ++m_p;
        if (m_p < m_end && (*m_p == '+' || *m_p == '-'))
            ++m_p;
        if (m_p >= m_end || !isDigit(*m_p))
            return fail(Problem::Number, QStringLiteral("a number has no digits in its exponent"), start);
        while (m_p < m_end && isDigit(*m_p))
            ++m_p;
    }
    const QByteArrayView text(start, m_p - start);
    bool ok = false;
    // Qt's own conversions (locale independent, correctly rounded), as
    // QJsonDocument uses them: an integer that fits stays exact.
    if (integer) {
        const qint64 whole = text.toLongLong(&ok);
        if (ok) {
            out = QJsonValue(whole);
            return true;
        }
    }
    const double real = text.toDouble(&ok);
    if (!ok || !std::isfinite(real))
        return fail(
            Problem::NumberRange,
            QStringLiteral("the number %1 is out of range").arg(quotedInput(QString::fromLatin1(text))),
            start);
    out = QJsonValue(real);
    return true;
}

} // namespace fvpn
