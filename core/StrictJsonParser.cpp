#include "StrictJsonParser.h"

#include "QuotedInput.h"

#include <algorithm>
#include <cstring>
#include <numeric>
#include <optional>

namespace fvpn {

namespace {

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

} // namespace

Result<QJsonValue> StrictJsonParser::run(Problem *problem)
{
    QJsonValue value;
    const bool ok = document(value);
    if (problem)
        *problem = ok ? Problem::None : m_problem;
    if (!ok)
        return makeError(ErrorCode::InvalidInput, m_what + where(m_at));
    return value;
}

bool StrictJsonParser::fail(Problem problem, QString what, const char *at)
{
    m_problem = problem;
    m_what = std::move(what);
    m_at = at;
    return false;
}

QString StrictJsonParser::where(const char *at) const
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
QString StrictJsonParser::path() const
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

void StrictJsonParser::skipSpace()
{
    while (m_p < m_end && isSpace(*m_p))
        ++m_p;
}

QString StrictJsonParser::describeHere() const
{
    if (m_p >= m_end)
        return QStringLiteral("the end of the text");
    const uchar c = uchar(*m_p);
    if (c >= 0x21 && c < 0x7F)
        return QStringLiteral("'%1'").arg(QLatin1Char(char(c)));
    return QStringLiteral("the byte 0x%1").arg(uint(c), 2, 16, QLatin1Char('0'));
}

bool StrictJsonParser::document(QJsonValue &out)
{
    if (m_end - m_p >= 3 && std::memcmp(m_p, "\xEF\xBB\xBF", 3) == 0)
        return fail(Problem::ByteOrderMark, QStringLiteral("a byte order mark precedes the JSON text"), m_p);
    skipSpace();
    if (m_p >= m_end)
        return fail(Problem::Syntax, QStringLiteral("there is no JSON value"), m_p);
    if (!value(out))
        return false;
    skipSpace();
    if (m_p < m_end)
        return fail(Problem::Syntax, QStringLiteral("unexpected %1 after the JSON value").arg(describeHere()),
                    m_p);
    return true;
}

bool StrictJsonParser::value(QJsonValue &out)
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

bool StrictJsonParser::literal(const char *word, QJsonValue value, QJsonValue &out)
{
    const auto length = qsizetype(std::strlen(word));
    if (m_end - m_p < length || std::memcmp(m_p, word, size_t(length)) != 0)
        return fail(Problem::Syntax,
                    QStringLiteral("unexpected %1 where a value was expected").arg(describeHere()), m_p);
    m_p += length;
    out = std::move(value);
    return true;
}

bool StrictJsonParser::enter()
{
    if (qsizetype(m_frames.size()) >= m_maxDepth)
        return fail(Problem::TooDeep,
                    QStringLiteral("objects and arrays are nested deeper than %1 levels").arg(m_maxDepth),
                    m_p);
    return true;
}

bool StrictJsonParser::object(QJsonValue &out)
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
                return fail(Problem::Syntax,
                            QStringLiteral("expected a key in double quotes, found %1").arg(describeHere()),
                            m_p);
            const char *keyAt = m_p;
            QString key;
            if (!string(key))
                return false;
            skipSpace();
            if (m_p >= m_end || *m_p != ':')
                return fail(Problem::Syntax,
                            QStringLiteral("expected ':' after the key, found %1").arg(describeHere()), m_p);
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
            return fail(
                Problem::Syntax,
                QStringLiteral("expected ',' or '}' after an object member, found %1").arg(describeHere()),
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

bool StrictJsonParser::array(QJsonValue &out)
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
            return fail(
                Problem::Syntax,
                QStringLiteral("expected ',' or ']' after an array element, found %1").arg(describeHere()),
                m_p);
        }
    }
    m_frames.pop_back();
    out = result;
    return true;
}

} // namespace fvpn
