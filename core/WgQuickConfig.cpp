#include "WgQuickConfig.h"

#include "QuotedInput.h"
#include "SecureBuffer.h"
#include "TextRules.h"
#include "WgQuickConfigParser.h"

namespace fvpn {

namespace {

// Builds the text and remembers the first reason it cannot be written safely:
// anything that ends a line or starts a comment would change what wg-quick reads.
class Writer
{
public:
    void keyValue(QLatin1StringView key, const QString &value)
    {
        if (value.isEmpty() && key != QLatin1StringView("AllowedIPs"))
            return fail(QStringLiteral("%1 has no value").arg(key));
        if (const auto cp = TextRules::firstControlCharacter(value)) {
            return fail(QStringLiteral("%1 contains the control character %2, which cannot be written")
                            .arg(key, TextRules::codePointLabel(*cp)));
        }
        if (value.contains(u'#'))
            return fail(QStringLiteral("%1 contains '#', which wg-quick would read as a comment").arg(key));
        if (value != value.trimmed())
            return fail(QStringLiteral("%1 starts or ends with a space").arg(key));
        m_out += key + QStringLiteral(" = ") + value + u'\n';
    }

    // Every line of the comment gets its own '#', so no part of it can become a
    // key or a section header.
    void comment(const QString &text)
    {
        if (text.isEmpty())
            return;
        for (const QStringView line : QStringView(text).split(u'\n')) {
            if (const auto cp = TextRules::firstControlCharacter(line)) {
                return fail(
                    QStringLiteral("a peer comment contains the control character %1, which cannot be "
                                   "written")
                        .arg(TextRules::codePointLabel(*cp)));
            }
            m_out += line.isEmpty() ? QStringLiteral("#\n") : QStringLiteral("# ") + line + u'\n';
        }
    }

    void raw(QStringView text) { m_out += text; }
    void fail(const QString &message)
    {
        if (!m_error)
            m_error = makeError(ErrorCode::InvalidInput, message);
    }

    Result<QString> result()
    {
        if (m_error)
            return *m_error;
        return std::move(m_out);
    }

private:
    QString m_out;
    std::optional<Error> m_error;
};

template<typename T> QString joinList(const QList<T> &items)
{
    QStringList texts;
    for (const T &item : items)
        texts.append(item.toString());
    return texts.join(QStringLiteral(", "));
}

} // namespace

Result<WgQuickConfig> WgQuickConfig::parse(QStringView text)
{
    return WgQuickConfigParser().run(text);
}

Result<QString> WgQuickConfig::toText(bool includePrivateKey) const
{
    Writer out;
    out.raw(u"[Interface]\n");
    if (includePrivateKey && !privateKey.isNull()) {
        const SecureBuffer base64 = privateKey.toBase64();
        out.keyValue(QLatin1StringView("PrivateKey"), QString::fromLatin1(base64.view()));
    }
    if (!addresses.isEmpty())
        out.keyValue(QLatin1StringView("Address"), joinList(addresses));
    if (listenPort)
        out.keyValue(QLatin1StringView("ListenPort"), QString::number(*listenPort));
    if (!dns.isEmpty() || !dnsSearch.isEmpty()) {
        QStringList entries;
        for (const IpAddress &server : dns)
            entries.append(server.toString());
        for (const QString &domain : dnsSearch) {
            if (Result<QString> checked = TextRules::checkHostName(domain); !checked)
                out.fail(QStringLiteral("DNS: %1").arg(checked.error().message));
            entries.append(domain);
        }
        out.keyValue(QLatin1StringView("DNS"), entries.join(QStringLiteral(", ")));
    }
    if (mtu) {
        if (*mtu < MinMtu || *mtu > MaxMtu)
            out.fail(QStringLiteral("MTU %1 is not from %2 to %3").arg(*mtu).arg(MinMtu).arg(MaxMtu));
        out.keyValue(QLatin1StringView("MTU"), QString::number(*mtu));
    }
    for (const auto &[name, value] : otherInterfaceKeys) {
        const std::optional<WgQuickConfigParser::KeySpec> key = WgQuickConfigParser::interfaceKey(name);
        if (!key || key->modelled) {
            out.fail(QStringLiteral("%1 is not a key that can be kept as text in [Interface]")
                         .arg(quotedInput(name)));
            continue;
        }
        out.keyValue(key->name, value);
    }

    for (const WgQuickPeer &peer : peers) {
        if (peer.publicKey.isNull()) {
            out.fail(QStringLiteral("a peer has no public key"));
            continue;
        }
        if (includePrivateKey && peer.hasPresharedKey) {
            out.fail(QStringLiteral("peer %1… uses a preshared key, which is not kept; "
                                    "the exported configuration would not connect")
                         .arg(peer.publicKey.fingerprint()));
        }
        out.raw(u"\n");
        out.comment(peer.comment);
        out.raw(u"[Peer]\n");
        out.keyValue(QLatin1StringView("PublicKey"), peer.publicKey.toBase64());
        out.keyValue(QLatin1StringView("AllowedIPs"), joinList(peer.allowedIps));
        if (peer.endpoint)
            out.keyValue(QLatin1StringView("Endpoint"), peer.endpoint->toString());
        if (peer.persistentKeepalive < 0 || peer.persistentKeepalive > 65535) {
            out.fail(QStringLiteral("PersistentKeepalive %1 is not from 0 to 65535")
                         .arg(peer.persistentKeepalive));
        } else if (peer.persistentKeepalive > 0) {
            out.keyValue(QLatin1StringView("PersistentKeepalive"), QString::number(peer.persistentKeepalive));
        }
    }
    return out.result();
}

} // namespace fvpn
