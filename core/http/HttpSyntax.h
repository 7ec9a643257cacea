#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

// The character classes of RFC 9110 §5.6 and the grammar rules the request
// parser checks (RFC 9110/9112, RFC 3986), shared by the parser and the helpers.
namespace fvpn::HttpSyntax {

// tchar: "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~" / DIGIT /
// ALPHA
constexpr bool isTokenChar(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    switch (c) {
    case '!':
    case '#':
    case '$':
    case '%':
    case '&':
    case '\'':
    case '*':
    case '+':
    case '-':
    case '.':
    case '^':
    case '_':
    case '`':
    case '|':
    case '~':
        return true;
    default:
        return false;
    }
}

inline bool isToken(QByteArrayView text)
{
    if (text.isEmpty())
        return false;
    for (char c : text) {
        if (!isTokenChar(c))
            return false;
    }
    return true;
}

// Optional whitespace is SP and HTAB only: never CR, LF, VT or FF.
constexpr bool isOws(char c)
{
    return c == ' ' || c == '\t';
}

constexpr bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

constexpr bool isHexDigit(char c)
{
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// field-vchar / SP / HTAB (obs-text, bytes 0x80-0xFF, included); no other CTL.
constexpr bool isFieldValueChar(char c)
{
    const auto u = static_cast<unsigned char>(c);
    return u == '\t' || (u >= 0x20 && u != 0x7f);
}

// Strips SP/HTAB (and nothing else) from both ends.
inline QByteArrayView trimOws(QByteArrayView text)
{
    qsizetype begin = 0;
    qsizetype end = text.size();
    while (begin < end && isOws(text[begin]))
        ++begin;
    while (end > begin && isOws(text[end - 1]))
        --end;
    return text.sliced(begin, end - begin);
}

// origin-form = absolute-path [ "?" query ] (RFC 9112 §3.2.1, RFC 3986 pchar).
// Fragments, spaces, quotes, backslashes and non-ASCII are not allowed.
bool isOriginForm(QByteArrayView target);
// Host = uri-host [ ":" port ] (RFC 9110 §7.2); empty is allowed.
bool isValidHost(QByteArrayView host);
// The elements of a comma-separated list (RFC 9110 §5.6.1), trimmed and
// lower-cased, empty elements skipped as the RFC requires.
QList<QByteArray> listElements(const QList<QByteArray> &values);
// quoted-string starting at `pos` (on the opening quote); moves `pos` past it.
bool skipQuotedString(QByteArrayView text, qsizetype &pos);
qsizetype skipOws(QByteArrayView text, qsizetype pos);
qsizetype skipToken(QByteArrayView text, qsizetype pos);
// chunk-ext = *( BWS ";" BWS ext-name [ BWS "=" BWS ext-val ] ) (RFC 9112 §7.1.1).
bool isValidChunkExtension(QByteArrayView ext);
// field-line = field-name ":" OWS field-value OWS (RFC 9112 §5). On success the
// name (lower-cased) and the trimmed value, and an empty string; otherwise why not.
QString parseFieldLine(QByteArrayView content, QByteArray *name, QByteArray *value);

} // namespace fvpn::HttpSyntax
