#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <optional>

namespace fvpn {

// An entity tag (RFC 9110 §8.8.3): "opaque" or W/"opaque".
class EntityTag
{
public:
    // `opaque` without quotes; characters outside etagc (%x21 / %x23-7E / obs-text) are not allowed.
    static std::optional<EntityTag> make(QByteArray opaque, bool weak = false);
    // One entity tag as it appears in a header: "abc" or W/"abc".
    static std::optional<EntityTag> parse(QByteArrayView text);

    const QByteArray &opaque() const { return m_opaque; }
    bool isWeak() const { return m_weak; }
    QByteArray toHeader() const;

    // Weak comparison: the opaque parts are equal, whatever the W/ prefixes.
    bool weaklyEquals(const EntityTag &other) const { return m_opaque == other.m_opaque; }
    // Strong comparison: equal, and neither weak.
    bool stronglyEquals(const EntityTag &other) const
    {
        return !m_weak && !other.m_weak && m_opaque == other.m_opaque;
    }

    // Whether If-None-Match (a list of entity tags, or "*") matches the current
    // representation, weakly compared (RFC 9110 §13.1.2): then a GET is answered
    // 304 without a body. A malformed header matches nothing, so the client gets
    // the full answer.
    static bool noneMatchMatches(QByteArrayView ifNoneMatch, const EntityTag &current);

private:
    EntityTag(QByteArray opaque, bool weak);

    QByteArray m_opaque;
    bool m_weak = false;
};

} // namespace fvpn
