#include "WgQuickConfigParser.h"

#include "QuotedInput.h"
#include "SecureBuffer.h"
#include "TextRules.h"

#include <array>

namespace fvpn {

namespace {

using KeySpec = WgQuickConfigParser::KeySpec;

// Keys wg-quick handles itself or hands to `wg setconf`; nothing else is valid.
constexpr std::array InterfaceKeys {
    KeySpec { QLatin1StringView("PrivateKey"), false, true },
    KeySpec { QLatin1StringView("Address"), true, true },
    KeySpec { QLatin1StringView("ListenPort"), false, true },
    KeySpec { QLatin1StringView("DNS"), true, true },
    KeySpec { QLatin1StringView("MTU"), false, true },
    KeySpec { QLatin1StringView("Table"), false, false },
    KeySpec { QLatin1StringView("PreUp"), true, false },
    KeySpec { QLatin1StringView("PostUp"), true, false },
    KeySpec { QLatin1StringView("PreDown"), true, false },
    KeySpec { QLatin1StringView("PostDown"), true, false },
    KeySpec { QLatin1StringView("SaveConfig"), false, false },
    KeySpec { QLatin1StringView("FwMark"), false, false },
};

constexpr std::array PeerKeys {
    KeySpec { QLatin1StringView("PublicKey"), false, true },
    KeySpec { QLatin1StringView("PresharedKey"), false, true },
    KeySpec { QLatin1StringView("AllowedIPs"), true, true },
    KeySpec { QLatin1StringView("Endpoint"), false, true },
    KeySpec { QLatin1StringView("PersistentKeepalive"), false, true },
};

template<std::size_t N> std::optional<KeySpec> findKey(const std::array<KeySpec, N> &keys, QStringView name)
{
    for (const KeySpec &spec : keys) {
        if (name.compare(spec.name, Qt::CaseInsensitive) == 0)
            return spec;
    }
    return std::nullopt;
}

// Decimal digits only: no sign, no spaces, no hex, at most `maxDigits`.
std::optional<int> parseNumber(QStringView text, int maxDigits = 5)
{
    if (text.isEmpty() || text.size() > maxDigits)
        return std::nullopt;
    int value = 0;
    for (const QChar c : text) {
        if (c < u'0' || c > u'9')
            return std::nullopt;
        value = value * 10 + (c.unicode() - u'0');
    }
    return value;
}

// A 32-byte key in standard base64 as wg prints it, checked without decoding so
// that a secret is never copied into ordinary memory.
bool looksLikeKey(QStringView text)
{
    if (text.size() != 44 || text[43] != u'=')
        return false;
    for (qsizetype i = 0; i < 43; ++i) {
        const char16_t c = text[i].unicode();
        const bool alphabet = (c >= u'A' && c <= u'Z') || (c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9')
            || c == u'+' || c == u'/';
        if (!alphabet)
            return false;
    }
    // The last character carries 4 bits of data and 2 zero bits.
    return QStringView(u"AEIMQUYcgkosw048").contains(text[42]);
}

QList<QStringView> splitList(QStringView value)
{
    QList<QStringView> items;
    for (const QStringView item : value.split(u',')) {
        const QStringView trimmed = item.trimmed();
        if (!trimmed.isEmpty())
            items.append(trimmed);
    }
    return items;
}

} // namespace

std::optional<WgQuickConfigParser::KeySpec> WgQuickConfigParser::interfaceKey(QStringView name)
{
    return findKey(InterfaceKeys, name);
}

std::optional<WgQuickConfigParser::KeySpec> WgQuickConfigParser::peerKey(QStringView name)
{
    return findKey(PeerKeys, name);
}

Result<WgQuickConfig> WgQuickConfigParser::run(QStringView text)
{
    int lineNumber = 0;
    for (QStringView line : text.split(u'\n')) {
        ++lineNumber;
        if (line.endsWith(u'\r'))
            line.chop(1);
        parseLine(lineNumber, line);
    }
    finishPeer();

    if (!m_errors.isEmpty()) {
        Error e = makeError(
            ErrorCode::InvalidInput,
            m_errors.size() == 1
                ? QStringLiteral("the WireGuard configuration has 1 error")
                : QStringLiteral("the WireGuard configuration has %1 errors").arg(m_errors.size()));
        e.lineErrors = std::move(m_errors);
        return e;
    }
    if (m_interfaceLine == 0) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("the WireGuard configuration has no [Interface] section"));
    }
    return std::move(m_config);
}

void WgQuickConfigParser::parseLine(int lineNumber, QStringView line)
{
    if (const auto cp = TextRules::firstControlCharacter(line, true)) {
        error(lineNumber,
              QStringLiteral("the line contains the control character %1, which is not allowed")
                  .arg(TextRules::codePointLabel(*cp)));
        return;
    }
    const QStringView trimmed = line.trimmed();
    if (trimmed.startsWith(u'#')) {
        m_pendingComment.append(trimmed.mid(1).trimmed().toString());
        return;
    }
    // Like wg-quick: everything from the first '#' on is a comment.
    const qsizetype hash = line.indexOf(u'#');
    const QStringView content = (hash < 0 ? line : line.left(hash)).trimmed();
    if (content.isEmpty()) {
        m_pendingComment.clear();
        return;
    }
    if (content.startsWith(u'[')) {
        startSection(lineNumber, content);
        m_pendingComment.clear();
        return;
    }
    m_pendingComment.clear();

    const qsizetype equals = content.indexOf(u'=');
    if (equals < 0) {
        error(lineNumber,
              QStringLiteral("%1 is neither 'Key = Value' nor a section header").arg(quotedInput(content)));
        return;
    }
    const QStringView name = content.left(equals).trimmed();
    const QStringView value = content.mid(equals + 1).trimmed();
    if (m_section == Section::None) {
        error(lineNumber,
              QStringLiteral("%1 is outside a section; it belongs under [Interface] or [Peer]")
                  .arg(quotedInput(name)));
        return;
    }
    const bool inInterface = m_section == Section::Interface;
    const std::optional<KeySpec> key = inInterface ? interfaceKey(name) : peerKey(name);
    if (!key) {
        error(
            lineNumber,
            QStringLiteral("%1 is not a valid key in [%2]")
                .arg(quotedInput(name), inInterface ? QStringLiteral("Interface") : QStringLiteral("Peer")));
        if (!inInterface)
            m_peerValid = false;
        return;
    }
    const QString canonical = QString(key->name);
    if (!key->repeatable) {
        if (const auto it = m_seenKeys.constFind(canonical); it != m_seenKeys.cend()) {
            error(lineNumber, QStringLiteral("%1 is already set on line %2").arg(canonical).arg(*it));
            return;
        }
        m_seenKeys.insert(canonical, lineNumber);
    }
    if (value.isEmpty() && key->name != QLatin1StringView("AllowedIPs")) {
        error(lineNumber, QStringLiteral("%1 has no value").arg(canonical));
        return;
    }
    if (inInterface)
        setInterfaceKey(lineNumber, *key, value);
    else
        setPeerKey(lineNumber, *key, value);
}

void WgQuickConfigParser::startSection(int lineNumber, QStringView header)
{
    finishPeer();
    m_seenKeys.clear();
    if (header.compare(u"[Interface]", Qt::CaseInsensitive) == 0) {
        if (m_interfaceLine != 0) {
            error(
                lineNumber,
                QStringLiteral("a second [Interface] section; the first is on line %1").arg(m_interfaceLine));
            m_section = Section::None;
            return;
        }
        m_interfaceLine = lineNumber;
        m_section = Section::Interface;
    } else if (header.compare(u"[Peer]", Qt::CaseInsensitive) == 0) {
        m_section = Section::Peer;
        m_peer = WgQuickPeer {};
        m_peer->comment = m_pendingComment.join(u'\n');
        m_peerLine = lineNumber;
        m_peerValid = true;
    } else {
        error(lineNumber,
              QStringLiteral("%1 is not a section; expected [Interface] or [Peer]").arg(quotedInput(header)));
        m_section = Section::None;
    }
}

void WgQuickConfigParser::finishPeer()
{
    if (!m_peer)
        return;
    if (m_peer->publicKey.isNull()) {
        // A PublicKey line that was wrong has been reported already.
        if (!m_seenKeys.contains(QStringLiteral("PublicKey")))
            error(m_peerLine, QStringLiteral("this [Peer] has no PublicKey"));
        m_peerValid = false;
    }
    if (m_peerValid)
        m_config.peers.append(std::move(*m_peer));
    m_peer.reset();
}

void WgQuickConfigParser::setInterfaceKey(int lineNumber, const KeySpec &key, QStringView value)
{
    if (!key.modelled) {
        m_config.otherInterfaceKeys.append({ QString(key.name), value.toString() });
        return;
    }
    if (key.name == QLatin1StringView("PrivateKey")) {
        // Through guarded memory only: the text is ASCII base64 when it is valid.
        SecureBuffer ascii(std::size_t(value.size()));
        bool isAscii = true;
        for (qsizetype i = 0; i < value.size(); ++i) {
            isAscii = isAscii && value[i].unicode() < 0x80;
            ascii.data()[i] = static_cast<unsigned char>(value[i].unicode() & 0x7f);
        }
        Result<PrivateKey> parsed = isAscii ? PrivateKey::fromBase64(ascii.view())
                                            : Result<PrivateKey>(makeError(ErrorCode::InvalidInput, {}));
        if (!parsed) {
            // Never quote the value: it may be a slightly damaged real key.
            error(lineNumber,
                  QStringLiteral("PrivateKey is not a valid WireGuard private key "
                                 "(expected 44 characters of base64)"));
            return;
        }
        m_config.privateKey = std::move(parsed).value();
    } else if (key.name == QLatin1StringView("Address")) {
        for (const QStringView item : splitList(value)) {
            const int hostPrefix = item.contains(u':') ? 128 : 32;
            const Result<InterfaceAddress> address = InterfaceAddress::parse(item, hostPrefix);
            if (!address) {
                error(lineNumber, QStringLiteral("Address: %1").arg(address.error().message));
                continue;
            }
            m_config.addresses.append(*address);
        }
    } else if (key.name == QLatin1StringView("ListenPort")) {
        const std::optional<int> port = parseNumber(value);
        if (!port || *port > 65535) {
            error(lineNumber,
                  QStringLiteral("ListenPort %1 is not a port number (0 to 65535)").arg(quotedInput(value)));
            return;
        }
        m_config.listenPort = quint16(*port);
    } else if (key.name == QLatin1StringView("DNS")) {
        // wg-quick's own rule: an entry that is an address is a server, any other a
        // search domain.
        for (const QStringView item : splitList(value)) {
            if (const Result<IpAddress> server = IpAddress::parse(item)) {
                m_config.dns.append(*server);
            } else if (const Result<QString> domain = TextRules::checkHostName(item)) {
                m_config.dnsSearch.append(*domain);
            } else {
                error(lineNumber,
                      QStringLiteral("DNS: %1 is neither an IP address nor a search domain")
                          .arg(quotedInput(item)));
            }
        }
    } else if (key.name == QLatin1StringView("MTU")) {
        const std::optional<int> mtu = parseNumber(value);
        if (!mtu || *mtu < WgQuickConfig::MinMtu || *mtu > WgQuickConfig::MaxMtu) {
            error(lineNumber,
                  QStringLiteral("MTU %1 is not a number from %2 to %3")
                      .arg(quotedInput(value))
                      .arg(WgQuickConfig::MinMtu)
                      .arg(WgQuickConfig::MaxMtu));
            return;
        }
        m_config.mtu = *mtu;
    }
}

void WgQuickConfigParser::setPeerKey(int lineNumber, const KeySpec &key, QStringView value)
{
    WgQuickPeer &peer = *m_peer;
    if (key.name == QLatin1StringView("PublicKey")) {
        const Result<PublicKey> publicKey = PublicKey::fromBase64(value);
        if (!publicKey) {
            error(lineNumber,
                  QStringLiteral("%1 is not a valid WireGuard public key "
                                 "(expected 44 characters of base64)")
                      .arg(quotedInput(value)));
            m_peerValid = false;
            return;
        }
        if (const auto it = m_peerLines.constFind(*publicKey); it != m_peerLines.cend()) {
            error(lineNumber,
                  QStringLiteral("peer %1… is already defined on line %2")
                      .arg(publicKey->fingerprint())
                      .arg(*it));
            m_peerValid = false;
            return;
        }
        m_peerLines.insert(*publicKey, m_peerLine);
        peer.publicKey = *publicKey;
    } else if (key.name == QLatin1StringView("PresharedKey")) {
        if (!looksLikeKey(value)) {
            error(lineNumber,
                  QStringLiteral("PresharedKey is not a valid key (expected 44 characters of base64)"));
            m_peerValid = false;
            return;
        }
        peer.hasPresharedKey = true;
    } else if (key.name == QLatin1StringView("AllowedIPs")) {
        for (const QStringView item : splitList(value)) {
            const Result<IpNetwork> network = IpNetwork::parse(item, true);
            if (!network) {
                error(lineNumber, QStringLiteral("AllowedIPs: %1").arg(network.error().message));
                m_peerValid = false;
                continue;
            }
            if (peer.allowedIps.contains(*network))
                continue;
            // Cryptokey routing gives a network to one peer only: the later one takes it.
            if (const auto it = m_allowedIpLines.constFind(*network); it != m_allowedIpLines.cend()) {
                error(lineNumber,
                      QStringLiteral("AllowedIPs %1 is already routed to the peer on line %2; "
                                     "WireGuard gives a network to one peer only")
                          .arg(network->toString())
                          .arg(*it));
                m_peerValid = false;
                continue;
            }
            m_allowedIpLines.insert(*network, m_peerLine);
            peer.allowedIps.append(*network);
        }
    } else if (key.name == QLatin1StringView("Endpoint")) {
        const Result<Endpoint> endpoint = Endpoint::parse(value);
        if (!endpoint) {
            error(lineNumber, QStringLiteral("Endpoint: %1").arg(endpoint.error().message));
            m_peerValid = false;
            return;
        }
        peer.endpoint = *endpoint;
    } else if (key.name == QLatin1StringView("PersistentKeepalive")) {
        const std::optional<int> seconds
            = value.compare(u"off", Qt::CaseInsensitive) == 0 ? std::optional<int>(0) : parseNumber(value);
        if (!seconds || *seconds > 65535) {
            error(lineNumber,
                  QStringLiteral("PersistentKeepalive %1 is not 'off' or a number of seconds "
                                 "(0 to 65535)")
                      .arg(quotedInput(value)));
            m_peerValid = false;
            return;
        }
        peer.persistentKeepalive = *seconds;
    }
}

} // namespace fvpn
