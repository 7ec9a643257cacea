#include "EntityTag.h"

#include "HttpSyntax.h"

namespace fvpn {

namespace {

bool isEtagChar(char c)
{
    const auto u = static_cast<unsigned char>(c);
    return u == 0x21 || (u >= 0x23 && u != 0x7f);
}

// An entity tag starting at `pos`; moves `pos` past it.
std::optional<EntityTag> readTag(QByteArrayView text, qsizetype &pos)
{
    bool weak = false;
    if (text.sliced(pos).startsWith("W/")) {
        weak = true;
        pos += 2;
    }
    if (pos >= text.size() || text[pos] != '"')
        return std::nullopt;
    const qsizetype close = text.indexOf('"', pos + 1);
    if (close < 0)
        return std::nullopt;
    auto tag = EntityTag::make(text.sliced(pos + 1, close - pos - 1).toByteArray(), weak);
    pos = close + 1;
    return tag;
}

} // namespace

EntityTag::EntityTag(QByteArray opaque, bool weak)
    : m_opaque(std::move(opaque))
    , m_weak(weak)
{ }

std::optional<EntityTag> EntityTag::make(QByteArray opaque, bool weak)
{
    for (char c : opaque) {
        if (!isEtagChar(c))
            return std::nullopt;
    }
    return EntityTag(std::move(opaque), weak);
}

std::optional<EntityTag> EntityTag::parse(QByteArrayView text)
{
    const QByteArrayView trimmed = HttpSyntax::trimOws(text);
    qsizetype pos = 0;
    auto tag = readTag(trimmed, pos);
    if (!tag || pos != trimmed.size())
        return std::nullopt;
    return tag;
}

QByteArray EntityTag::toHeader() const
{
    QByteArray header = m_weak ? QByteArrayLiteral("W/\"") : QByteArrayLiteral("\"");
    header += m_opaque;
    header += '"';
    return header;
}

bool EntityTag::noneMatchMatches(QByteArrayView ifNoneMatch, const EntityTag &current)
{
    const QByteArrayView text = HttpSyntax::trimOws(ifNoneMatch);
    if (text == "*")
        return true;
    // 1#entity-tag: commas with optional whitespace between (empty elements allowed).
    qsizetype pos = 0;
    bool matched = false;
    bool any = false;
    while (pos < text.size()) {
        while (pos < text.size() && (HttpSyntax::isOws(text[pos]) || text[pos] == ','))
            ++pos;
        if (pos >= text.size())
            break;
        const auto tag = readTag(text, pos);
        if (!tag)
            return false;
        any = true;
        matched = matched || tag->weaklyEquals(current);
        while (pos < text.size() && HttpSyntax::isOws(text[pos]))
            ++pos;
        if (pos < text.size() && text[pos] != ',')
            return false;
    }
    return any && matched;
}

} // namespace fvpn
