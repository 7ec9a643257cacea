#include "HttpSyntax.h"

namespace fvpn::HttpSyntax {

namespace {

bool isUnreserved(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || isDigit(c) || c == '-' || c == '.' || c == '_'
        || c == '~';
}

bool isSubDelim(char c)
{
    switch (c) {
    case '!':
    case '$':
    case '&':
    case '\'':
    case '(':
    case ')':
    case '*':
    case '+':
    case ',':
    case ';':
    case '=':
        return true;
    default:
        return false;
    }
}

// A percent-encoded octet starting at `at` ("%4F").
bool isPctEncoded(QByteArrayView text, qsizetype at)
{
    return at + 2 < text.size() && text[at] == '%' && isHexDigit(text[at + 1]) && isHexDigit(text[at + 2]);
}

} // namespace

bool isOriginForm(QByteArrayView target)
{
    if (target.isEmpty() || target[0] != '/')
        return false;
    for (qsizetype i = 0; i < target.size(); ++i) {
        const char c = target[i];
        if (c == '%') {
            if (!isPctEncoded(target, i))
                return false;
            i += 2;
        } else if (!(isUnreserved(c) || isSubDelim(c) || c == ':' || c == '@' || c == '/' || c == '?')) {
            return false;
        }
    }
    return true;
}

bool isValidHost(QByteArrayView host)
{
    qsizetype i = 0;
    if (host.startsWith('[')) {
        const qsizetype close = host.indexOf(']');
        if (close < 2)
            return false;
        for (char c : host.sliced(1, close - 1)) {
            if (!(isHexDigit(c) || c == ':' || c == '.'))
                return false;
        }
        i = close + 1;
    } else {
        for (; i < host.size() && host[i] != ':'; ++i) {
            const char c = host[i];
            if (c == '%') {
                if (!isPctEncoded(host, i))
                    return false;
                i += 2;
            } else if (!(isUnreserved(c) || isSubDelim(c))) {
                return false;
            }
        }
    }
    if (i == host.size())
        return true;
    if (host[i] != ':')
        return false;
    for (char c : host.sliced(i + 1)) {
        if (!isDigit(c))
            return false;
    }
    return true;
}

QList<QByteArray> listElements(const QList<QByteArray> &values)
{
    QList<QByteArray> out;
    for (const QByteArray &value : values) {
        for (const QByteArray &element : value.split(',')) {
            const QByteArrayView trimmed = trimOws(element);
            if (!trimmed.isEmpty())
                out.append(trimmed.toByteArray().toLower());
        }
    }
    return out;
}

bool skipQuotedString(QByteArrayView text, qsizetype &pos)
{
    ++pos;
    while (pos < text.size()) {
        const auto c = static_cast<unsigned char>(text[pos]);
        if (c == '"') {
            ++pos;
            return true;
        }
        if (c == '\\') {
            if (pos + 1 >= text.size() || !isFieldValueChar(text[pos + 1]))
                return false;
            pos += 2;
            continue;
        }
        if (!isFieldValueChar(char(c)))
            return false;
        ++pos;
    }
    return false;
}

qsizetype skipOws(QByteArrayView text, qsizetype pos)
{
    while (pos < text.size() && isOws(text[pos]))
        ++pos;
    return pos;
}

qsizetype skipToken(QByteArrayView text, qsizetype pos)
{
    while (pos < text.size() && isTokenChar(text[pos]))
        ++pos;
    return pos;
}

bool isValidChunkExtension(QByteArrayView ext)
{
    qsizetype pos = 0;
    while (pos < ext.size()) {
        pos = skipOws(ext, pos);
        if (pos >= ext.size() || ext[pos] != ';')
            return false;
        pos = skipOws(ext, pos + 1);
        const qsizetype nameEnd = skipToken(ext, pos);
        if (nameEnd == pos)
            return false;
        pos = nameEnd;
        const qsizetype afterName = skipOws(ext, pos);
        if (afterName < ext.size() && ext[afterName] == '=') {
            pos = skipOws(ext, afterName + 1);
            if (pos < ext.size() && ext[pos] == '"') {
                if (!skipQuotedString(ext, pos))
                    return false;
            } else {
                const qsizetype valueEnd = skipToken(ext, pos);
                if (valueEnd == pos)
                    return false;
                pos = valueEnd;
            }
        }
    }
    return true;
}

QString parseFieldLine(QByteArrayView content, QByteArray *name, QByteArray *value)
{
    if (isOws(content[0]))
        return QStringLiteral("a header line starts with whitespace (obsolete line folding is not accepted)");
    const qsizetype colon = content.indexOf(':');
    if (colon < 0)
        return QStringLiteral("a header line has no colon");
    if (colon == 0)
        return QStringLiteral("a header line has no name");
    const QByteArrayView rawName = content.first(colon);
    if (isOws(rawName.back()))
        return QStringLiteral("whitespace between a header name and its colon is not allowed");
    if (!isToken(rawName))
        return QStringLiteral("a header name contains a character that is not allowed");
    const QByteArrayView rawValue = trimOws(content.sliced(colon + 1));
    for (char c : rawValue) {
        if (!isFieldValueChar(c))
            return QStringLiteral("the header '%1' contains a control character")
                .arg(QString::fromLatin1(rawName.first(qMin<qsizetype>(rawName.size(), 40))));
    }
    *name = rawName.toByteArray().toLower();
    *value = rawValue.toByteArray();
    return {};
}

} // namespace fvpn::HttpSyntax
