#include "WgDump.h"

#include "SecureBuffer.h"
#include "TextRules.h"

#include <QHash>

#include <algorithm>
#include <limits>

namespace fvpn {

namespace {

constexpr int InterfaceFields = 4;
constexpr int PeerFields = 8;

QList<QByteArrayView> splitFields(QByteArrayView line, char separator = '\t')
{
    QList<QByteArrayView> fields;
    qsizetype start = 0;
    while (true) {
        const qsizetype tab = line.indexOf(separator, start);
        if (tab < 0) {
            fields.append(line.sliced(start));
            return fields;
        }
        fields.append(line.sliced(start, tab - start));
        start = tab + 1;
    }
}

// Only for fields that hold no secret: the text may end up in a message.
QString text(QByteArrayView field)
{
    constexpr int MaxShown = 48;
    const QString s = QString::fromUtf8(field.first(std::min<qsizetype>(field.size(), MaxShown)));
    return field.size() > MaxShown ? s + QStringLiteral("…") : s;
}

bool isNone(QByteArrayView field)
{
    return field == QByteArrayView("(none)");
}

// wg prints the fwmark in hex ("0x1234"), "off" when unset; decimal is accepted too.
std::optional<quint32> parseFwmark(QByteArrayView field)
{
    if (field == QByteArrayView("off"))
        return 0;
    if (field.startsWith("0x")) {
        const QByteArrayView digits = field.sliced(2);
        if (digits.isEmpty() || digits.size() > 8)
            return std::nullopt;
        quint32 value = 0;
        for (const char c : digits) {
            const int nibble = (c >= '0' && c <= '9') ? c - '0'
                : (c >= 'a' && c <= 'f')              ? c - 'a' + 10
                : (c >= 'A' && c <= 'F')              ? c - 'A' + 10
                                                      : -1;
            if (nibble < 0)
                return std::nullopt;
            value = (value << 4) | quint32(nibble);
        }
        return value;
    }
    const std::optional<quint64> value = TextRules::parseDecimal(field, std::numeric_limits<quint32>::max());
    return value ? std::optional<quint32>(quint32(*value)) : std::nullopt;
}

// wg prints a link-local IPv6 endpoint with its zone ("[fe80::1%eth0]:51820"); the
// zone means nothing outside this machine, so it is dropped.
Result<Endpoint> parseEndpoint(QByteArrayView field)
{
    QString endpoint = QString::fromUtf8(field);
    if (endpoint.startsWith(u'[')) {
        const qsizetype percent = endpoint.indexOf(u'%');
        const qsizetype close = endpoint.indexOf(u']');
        if (percent > 0 && close > percent)
            endpoint.remove(percent, close - percent);
    }
    return Endpoint::parse(endpoint);
}

class Parser
{
public:
    Result<WgDump> run(QByteArrayView output);

private:
    void parseInterface(QByteArrayView line);
    void parsePeer(int lineNumber, QByteArrayView line);
    void error(int lineNumber, const QString &message) { m_errors.append({ lineNumber, message }); }

    WgDump m_dump;
    QList<LineError> m_errors;
    QHash<PublicKey, int> m_peerLines;
};

Result<WgDump> Parser::run(QByteArrayView output)
{
    if (output.endsWith('\n'))
        output.chop(1);
    if (output.isEmpty())
        return makeError(ErrorCode::InvalidInput, QStringLiteral("the output of 'wg show dump' is empty"));

    int lineNumber = 0;
    qsizetype start = 0;
    while (start <= output.size()) {
        qsizetype end = output.indexOf('\n', start);
        if (end < 0)
            end = output.size();
        ++lineNumber;
        const QByteArrayView line = output.sliced(start, end - start);
        if (lineNumber == 1)
            parseInterface(line);
        else
            parsePeer(lineNumber, line);
        start = end + 1;
    }

    if (!m_errors.isEmpty()) {
        Error e = makeError(
            ErrorCode::InvalidInput,
            m_errors.size() == 1
                ? QStringLiteral("the output of 'wg show dump' has 1 error")
                : QStringLiteral("the output of 'wg show dump' has %1 errors").arg(m_errors.size()));
        e.lineErrors = std::move(m_errors);
        return e;
    }
    return std::move(m_dump);
}

void Parser::parseInterface(QByteArrayView line)
{
    // The first field is the private key: counted, never read, never quoted.
    const QList<QByteArrayView> fields = splitFields(line);
    if (fields.size() == InterfaceFields + 1) {
        return error(1,
                     QStringLiteral("this looks like 'wg show all dump'; expected the output of "
                                    "'wg show <interface> dump'"));
    }
    if (fields.size() != InterfaceFields) {
        return error(1,
                     QStringLiteral("the interface line has %1 fields; expected %2 "
                                    "(private key, public key, listen port, fwmark)")
                         .arg(fields.size())
                         .arg(InterfaceFields));
    }
    if (!isNone(fields[1])) {
        const Result<PublicKey> key = PublicKey::fromBase64(QString::fromLatin1(fields[1]));
        if (!key)
            error(1, QStringLiteral("'%1' is not a valid WireGuard public key").arg(text(fields[1])));
        else
            m_dump.publicKey = *key;
    }
    if (const std::optional<quint64> port = TextRules::parseDecimal(fields[2], 65535))
        m_dump.listenPort = quint16(*port);
    else
        error(1, QStringLiteral("'%1' is not a port number").arg(text(fields[2])));
    if (const std::optional<quint32> fwmark = parseFwmark(fields[3]))
        m_dump.fwmark = *fwmark;
    else
        error(1, QStringLiteral("'%1' is not a fwmark ('off' or a number)").arg(text(fields[3])));
}

void Parser::parsePeer(int lineNumber, QByteArrayView line)
{
    const QList<QByteArrayView> fields = splitFields(line);
    if (fields.size() != PeerFields) {
        return error(
            lineNumber,
            QStringLiteral("the peer line has %1 fields; expected %2").arg(fields.size()).arg(PeerFields));
    }
    WgDumpPeer peer;
    bool ok = true;
    const auto fail = [&](const QString &message) {
        error(lineNumber, message);
        ok = false;
    };

    const Result<PublicKey> key = PublicKey::fromBase64(QString::fromLatin1(fields[0]));
    if (!key) {
        fail(QStringLiteral("'%1' is not a valid WireGuard public key").arg(text(fields[0])));
    } else if (const auto it = m_peerLines.constFind(*key); it != m_peerLines.cend()) {
        fail(QStringLiteral("peer %1… is already listed on line %2").arg(key->fingerprint()).arg(*it));
    } else {
        peer.publicKey = *key;
    }
    // The preshared key is a secret: only whether there is one is kept.
    if (fields[1].isEmpty())
        fail(QStringLiteral("the preshared key field is empty"));
    peer.hasPresharedKey = !isNone(fields[1]);

    if (!isNone(fields[2])) {
        if (const Result<Endpoint> endpoint = parseEndpoint(fields[2]))
            peer.endpoint = *endpoint;
        else
            fail(QStringLiteral("endpoint: %1").arg(endpoint.error().message));
    }
    if (!isNone(fields[3])) {
        for (const QByteArrayView item : splitFields(fields[3], ',')) {
            if (const Result<IpNetwork> network = IpNetwork::parse(QString::fromLatin1(item)))
                peer.allowedIps.append(*network);
            else
                fail(QStringLiteral("allowed IPs: %1").arg(network.error().message));
        }
    }
    const std::optional<quint64> handshake
        = TextRules::parseDecimal(fields[4], quint64(std::numeric_limits<qint64>::max()));
    if (handshake)
        peer.latestHandshake = qint64(*handshake);
    else
        fail(QStringLiteral("'%1' is not a handshake time").arg(text(fields[4])));
    const std::optional<quint64> rx = TextRules::parseDecimal(fields[5]);
    const std::optional<quint64> tx = TextRules::parseDecimal(fields[6]);
    if (rx && tx) {
        peer.rxBytes = *rx;
        peer.txBytes = *tx;
    } else {
        fail(QStringLiteral("'%1' / '%2' are not byte counts").arg(text(fields[5]), text(fields[6])));
    }
    if (fields[7] == QByteArrayView("off")) {
        peer.persistentKeepalive = 0;
    } else if (const std::optional<quint64> keepalive = TextRules::parseDecimal(fields[7], 65535)) {
        peer.persistentKeepalive = int(*keepalive);
    } else {
        fail(QStringLiteral("'%1' is not a keepalive interval ('off' or seconds)").arg(text(fields[7])));
    }
    if (ok) {
        m_peerLines.insert(peer.publicKey, lineNumber);
        m_dump.peers.append(std::move(peer));
    }
}

} // namespace

qint64 WgDumpPeer::handshakeAge(qint64 nowSecs) const
{
    if (latestHandshake <= 0)
        return -1;
    // A clock that went backwards makes the handshake "in the future": call it fresh.
    return std::max<qint64>(0, nowSecs - latestHandshake);
}

Result<WgDump> WgDump::parse(QByteArray &output)
{
    Result<WgDump> result = Parser().run(output);
    SecureBuffer::wipe(output);
    return result;
}

std::optional<WgDumpPeer> WgDump::findPeer(const PublicKey &key) const
{
    for (const WgDumpPeer &peer : peers) {
        if (peer.publicKey == key)
            return peer;
    }
    return std::nullopt;
}

} // namespace fvpn
