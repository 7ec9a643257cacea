#include "StrictJson.h"

#include "QuotedInput.h"
#include "TextRules.h"

#include <QString>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <numeric>
#include <optional>
#include <vector>

namespace fvpn {

namespace {

using Problem = StrictJson::Problem;

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

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

class Parser
{
public:
    Parser(QByteArrayView json, int maxDepth)
        : m_begin(json.data())
        , m_p(json.data())
        , m_end(json.data() + json.size())
        , m_maxDepth(maxDepth)
    { }

    Result<QJsonValue> run(Problem *problem)
    {
        QJsonValue value;
        const bool ok = document(value);
        if (problem)
            *problem = ok ? Problem::None : m_problem;
        if (!ok)
            return makeError(ErrorCode::InvalidInput, m_what + where(m_at));
        return value;
    }

private:
    // Where each open container is: its current key or element index, for messages.
    struct Frame
    {
        QString key;
        qsizetype index = -1; // >= 0 in an array
    };

    struct Member
    {
        QString key;
        QJsonValue value;
        const char *at;
    };

    bool fail(Problem problem, QString what, const char *at)
    {
        m_problem = problem;
        m_what = std::move(what);
        m_at = at;
        return false;
    }

    QString where(const char *at) const
    {
        int line = 1;
        const char *lineStart = m_begin;
        for (const char *p = m_begin; p < at; ++p) {
            if (*p == '\n') {
                ++line;
                lineStart = p + 1;
            }
        }
        return QStringLiteral(" at line %1, column %2").arg(line).arg(at - lineStart + 1);
    }

    // "config[0].files[2]": the container the parser is in, for duplicate keys.
    QString path() const
    {
        QString out;
        for (const Frame &frame : m_frames) {
            if (frame.index >= 0) {
                out += QStringLiteral("[%1]").arg(frame.index);
            } else {
                if (!out.isEmpty())
                    out += u'.';
                out += frame.key;
            }
        }
        return out;
    }

    void skipSpace()
    {
        while (m_p < m_end && isSpace(*m_p))
            ++m_p;
    }

    QString describeHere() const
    {
        if (m_p >= m_end)
            return QStringLiteral("the end of the text");
        const uchar c = uchar(*m_p);
        if (c >= 0x21 && c < 0x7F)
            return QStringLiteral("'%1'").arg(QLatin1Char(char(c)));
        return QStringLiteral("the byte 0x%1").arg(uint(c), 2, 16, QLatin1Char('0'));
    }

    bool document(QJsonValue &out)
    {
        if (m_end - m_p >= 3 && std::memcmp(m_p, "\xEF\xBB\xBF", 3) == 0)
            return fail(Problem::ByteOrderMark, QStringLiteral("a byte order mark precedes the JSON text"),
                        m_p);
        skipSpace();
        if (m_p >= m_end)
            return fail(Problem::Syntax, QStringLiteral("there is no JSON value"), m_p);
        if (!value(out))
            return false;
        skipSpace();
        if (m_p < m_end)
            return fail(Problem::Syntax,
                        QStringLiteral("unexpected %1 after the JSON value").arg(describeHere()), m_p);
        return true;
    }

    bool value(QJsonValue &out)
    {
        if (m_p >= m_end)
            return fail(Problem::Syntax, QStringLiteral("the text ends where a value was expected"), m_p);
        switch (*m_p) {
        case '{':
            return object(out);
        case '[':
            return array(out);
        case '"': {
            QString text;
            if (!string(text))
                return false;
            out = QJsonValue(text);
            return true;
        }
        case 't':
            return literal("true", QJsonValue(true), out);
        case 'f':
            return literal("false", QJsonValue(false), out);
        case 'n':
            return literal("null", QJsonValue(QJsonValue::Null), out);
        default:
            if (*m_p == '-' || isDigit(*m_p))
                return number(out);
            if (*m_p == '.' || *m_p == '+')
                return fail(Problem::Number, QStringLiteral("a number must start with a digit or '-'"), m_p);
            return fail(Problem::Syntax,
                        QStringLiteral("unexpected %1 where a value was expected").arg(describeHere()), m_p);
        }
    }

    bool literal(const char *word, QJsonValue value, QJsonValue &out)
    {
        const auto length = qsizetype(std::strlen(word));
        if (m_end - m_p < length || std::memcmp(m_p, word, size_t(length)) != 0)
            return fail(Problem::Syntax,
                        QStringLiteral("unexpected %1 where a value was expected").arg(describeHere()), m_p);
        m_p += length;
        out = std::move(value);
        return true;
    }

    bool enter()
    {
        if (qsizetype(m_frames.size()) >= m_maxDepth)
            return fail(Problem::TooDeep,
                        QStringLiteral("objects and arrays are nested deeper than %1 levels").arg(m_maxDepth),
                        m_p);
        return true;
    }

    bool object(QJsonValue &out)
    {
        if (!enter())
            return false;
        ++m_p; // '{'
        std::vector<Member> members;
        m_frames.push_back({});
        skipSpace();
        if (m_p < m_end && *m_p == '}') {
            ++m_p;
        } else {
            for (;;) {
                skipSpace();
                if (m_p >= m_end || *m_p != '"')
                    return fail(
                        Problem::Syntax,
                        QStringLiteral("expected a key in double quotes, found %1").arg(describeHere()), m_p);
                const char *keyAt = m_p;
                QString key;
                if (!string(key))
                    return false;
                skipSpace();
                if (m_p >= m_end || *m_p != ':')
                    return fail(Problem::Syntax,
                                QStringLiteral("expected ':' after the key, found %1").arg(describeHere()),
                                m_p);
                ++m_p;
                skipSpace();
                m_frames.back().key = key;
                QJsonValue member;
                if (!value(member))
                    return false;
                members.push_back({ std::move(key), std::move(member), keyAt });
                skipSpace();
                if (m_p < m_end && *m_p == ',') {
                    ++m_p;
                    continue;
                }
                if (m_p < m_end && *m_p == '}') {
                    ++m_p;
                    break;
                }
                return fail(Problem::Syntax,
                            QStringLiteral("expected ',' or '}' after an object member, found %1")
                                .arg(describeHere()),
                            m_p);
            }
        }
        m_frames.pop_back();

        // Sorted once: finds repeated keys, and QJsonObject (which keeps its keys
        // sorted) then only ever appends.
        std::vector<size_t> order(members.size());
        std::iota(order.begin(), order.end(), size_t(0));
        std::stable_sort(order.begin(), order.end(),
                         [&](size_t a, size_t b) { return members[a].key < members[b].key; });
        std::optional<size_t> repeated; // the earliest second occurrence, in text order
        for (size_t i = 1; i < order.size(); ++i) {
            if (members[order[i]].key == members[order[i - 1]].key && (!repeated || order[i] < *repeated))
                repeated = order[i];
        }
        if (repeated) {
            const QString inside = path();
            return fail(
                Problem::DuplicateKey,
                QStringLiteral("the key %1 appears twice%2")
                    .arg(quotedInput(members[*repeated].key),
                         inside.isEmpty() ? QString() : QStringLiteral(" in %1").arg(quotedInput(inside))),
                members[*repeated].at);
        }
        QJsonObject result;
        for (size_t index : order)
            result.insert(members[index].key, members[index].value);
        out = result;
        return true;
    }

    bool array(QJsonValue &out)
    {
        if (!enter())
            return false;
        ++m_p; // '['
        QJsonArray result;
        m_frames.push_back({ QString(), 0 });
        skipSpace();
        if (m_p < m_end && *m_p == ']') {
            ++m_p;
        } else {
            for (;;) {
                skipSpace();
                QJsonValue element;
                if (!value(element))
                    return false;
                result.append(element);
                ++m_frames.back().index;
                skipSpace();
                if (m_p < m_end && *m_p == ',') {
                    ++m_p;
                    continue;
                }
                if (m_p < m_end && *m_p == ']') {
                    ++m_p;
                    break;
                }
                return fail(Problem::Syntax,
                            QStringLiteral("expected ',' or ']' after an array element, found %1")
                                .arg(describeHere()),
                            m_p);
            }
        }
        m_frames.pop_back();
        out = result;
        return true;
    }

    // Four hex digits after "\u"; -1 when they are not.
    int hex4(const char *at) const
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

    bool appendCodePoint(QString &out, char32_t cp, const char *at)
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

    bool escape(QString &out)
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
            return fail(Problem::Escape,
                        QStringLiteral("\\u in a string must be followed by four hex digits"), at);
        m_p += 4;
        if (QChar::isLowSurrogate(char32_t(unit)))
            return fail(Problem::Unicode,
                        QStringLiteral("a string holds an unpaired surrogate (\\u%1)")
                            .arg(unit, 4, 16, QLatin1Char('0')),
                        at);
        if (!QChar::isHighSurrogate(char32_t(unit)))
            return appendCodePoint(out, char32_t(unit), at);
        const int low = (m_end - m_p >= 6 && m_p[0] == '\\' && m_p[1] == 'u') ? hex4(m_p + 2) : -1;
        if (low < 0 || !QChar::isLowSurrogate(char32_t(low)))
            return fail(Problem::Unicode,
                        QStringLiteral("a string holds an unpaired surrogate (\\u%1)")
                            .arg(unit, 4, 16, QLatin1Char('0')),
                        at);
        m_p += 6;
        return appendCodePoint(out, QChar::surrogateToUcs4(char16_t(unit), char16_t(low)), at);
    }

    // One UTF-8 sequence, strictly: no overlong forms, no surrogates, nothing
    // above U+10FFFF (RFC 3629).
    bool utf8(QString &out)
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

    bool string(QString &out)
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
                return fail(
                    Problem::ControlCharacter,
                    QStringLiteral("a string holds the control character %1 unescaped").arg(codePoint(c)),
                    m_p);
            } else if (!utf8(out)) {
                return false;
            }
        }
    }

    bool number(QJsonValue &out)
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

    const char *m_begin;
    const char *m_p;
    const char *m_end;
    int m_maxDepth;
    std::vector<Frame> m_frames;
    Problem m_problem = Problem::None;
    QString m_what;
    const char *m_at = nullptr;
};

} // namespace

Result<QJsonValue> StrictJson::parse(QByteArrayView json, const Options &options, Problem *problem)
{
    return Parser(json, options.maxDepth).run(problem);
}

Result<QJsonObject> StrictJson::parseObject(QByteArrayView json, const Options &options)
{
    Result<QJsonValue> value = parse(json, options);
    if (!value)
        return value.error();
    if (!value->isObject())
        return makeError(ErrorCode::InvalidInput, QStringLiteral("the JSON text is not an object"));
    return value->toObject();
}

Result<QJsonArray> StrictJson::parseArray(QByteArrayView json, const Options &options)
{
    Result<QJsonValue> value = parse(json, options);
    if (!value)
        return value.error();
    if (!value->isArray())
        return makeError(ErrorCode::InvalidInput, QStringLiteral("the JSON text is not an array"));
    return value->toArray();
}

} // namespace fvpn
