#include "ClientsFile.h"

#include "QuotedInput.h"
#include "TextRules.h"

#include <QHash>
#include <QStringDecoder>

namespace fvpn {

struct ClientsFile::RawLine
{
    QString text;
    bool crlf = false;
    bool badUtf8 = false;
};

namespace {

constexpr char16_t ReplacementCharacter = u'\uFFFD';

bool isFieldSeparator(QChar c)
{
    return c == u' ' || c == u'\t';
}

qsizetype skipSeparators(QStringView text, qsizetype pos)
{
    while (pos < text.size() && isFieldSeparator(text[pos]))
        ++pos;
    return pos;
}

qsizetype skipField(QStringView text, qsizetype pos)
{
    while (pos < text.size() && !isFieldSeparator(text[pos]))
        ++pos;
    return pos;
}

QStringView trimSeparators(QStringView text)
{
    qsizetype begin = skipSeparators(text, 0);
    qsizetype end = text.size();
    while (end > begin && isFieldSeparator(text[end - 1]))
        --end;
    return text.mid(begin, end - begin);
}

QString keyLabel(const PublicKey &key)
{
    return key.fingerprint() + QStringLiteral("…");
}

qsizetype utf8Length(QStringView text)
{
    qsizetype bytes = 0;
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        // A surrogate pair is 4 bytes in UTF-8: 2 for each half.
        bytes += u < 0x80 ? 1 : (u < 0x800 || QChar::isSurrogate(u)) ? 2 : 3;
    }
    return bytes;
}

Error fileTooLarge(qsizetype bytes)
{
    return makeError(ErrorCode::InvalidInput,
                     QStringLiteral("factory-clients.conf is %1 bytes; at most %2 bytes (4 MiB) are allowed")
                         .arg(bytes)
                         .arg(ClientsFile::MaxFileSize));
}

// The address field: a bare address, or the same address as a host route.
Result<IpAddress> parseClientAddress(QStringView field)
{
    const qsizetype slash = field.indexOf(u'/');
    const Result<IpAddress> address = IpAddress::parse(slash < 0 ? field : field.left(slash));
    if (!address || slash < 0)
        return address;
    const Result<int> prefix = IpNetwork::parsePrefixLength(field.mid(slash + 1), *address, field);
    if (!prefix)
        return prefix.error();
    if (*prefix == address->bitLength())
        return address;
    return makeError(ErrorCode::InvalidInput,
                     QStringLiteral("%1 is a subnet; a client gets exactly one address").arg(field));
}

Result<void> checkPlacement(const IpAddress &address, const ClientsFile::ParseOptions &options)
{
    if (options.subnet) {
        const IpNetwork &subnet = *options.subnet;
        const QString subnetText = subnet.toString();
        if (address.family() != subnet.family() || !subnet.contains(address)) {
            return makeError(
                ErrorCode::InvalidInput,
                QStringLiteral("%1 is outside the VPN subnet %2").arg(address.toString(), subnetText));
        }
        // /31 and /32 (and their IPv6 counterparts) have no network or broadcast address.
        if (subnet.prefixLength() < address.bitLength() - 1) {
            if (address == subnet.networkAddress()) {
                return makeError(
                    ErrorCode::InvalidInput,
                    QStringLiteral("%1 is the network address of %2").arg(address.toString(), subnetText));
            }
            if (address == subnet.broadcastAddress()) {
                return makeError(
                    ErrorCode::InvalidInput,
                    QStringLiteral("%1 is the broadcast address of %2").arg(address.toString(), subnetText));
            }
        }
    }
    if (options.hubAddress && address == *options.hubAddress) {
        return makeError(ErrorCode::Conflict,
                         QStringLiteral("%1 is the hub's own address").arg(address.toString()));
    }
    if (const auto device = options.deviceAddresses.constFind(address);
        device != options.deviceAddresses.cend())
        return makeError(ErrorCode::Conflict,
                         QStringLiteral("%1 is used by device %2").arg(address.toString(), device.value()));
    return {};
}

// A key the interface already has for something else than a client.
Result<void> checkKeyOwner(const PublicKey &key, const ClientsFile::ParseOptions &options)
{
    if (options.hubKey && key == *options.hubKey) {
        return makeError(
            ErrorCode::Conflict,
            QStringLiteral("the key %1… is the hub's own public key, not a client's").arg(key.fingerprint()));
    }
    if (const auto device = options.deviceKeys.constFind(key); device != options.deviceKeys.cend())
        return makeError(
            ErrorCode::Conflict,
            QStringLiteral("the key %1… belongs to device %2").arg(key.fingerprint(), device.value()));
    return {};
}

// The comment of a peer line as the rest after the address: one optional leading
// '#' and the surrounding separators are not part of it.
Result<QString> parseComment(QStringView rest)
{
    QStringView comment = trimSeparators(rest);
    if (comment.startsWith(u'#'))
        comment = trimSeparators(comment.mid(1));
    return TextRules::checkComment(comment, ClientsFile::MaxCommentLength);
}

QString errorSummary(qsizetype count)
{
    return count == 1 ? QStringLiteral("factory-clients.conf has 1 error")
                      : QStringLiteral("factory-clients.conf has %1 errors").arg(count);
}

// Why the text of one line cannot be read at all, before its fields are looked at.
std::optional<QString> lineTextProblem(const QString &text)
{
    if (text.size() > ClientsFile::MaxLineLength) {
        return QStringLiteral("the line is %1 characters long; at most %2 are allowed")
            .arg(text.size())
            .arg(ClientsFile::MaxLineLength);
    }
    if (text.contains(ReplacementCharacter))
        return QStringLiteral("the line is not valid UTF-8");
    if (const auto cp = TextRules::firstControlCharacter(text, true)) {
        return QStringLiteral("the line contains the control character %1, which is not allowed")
            .arg(TextRules::codePointLabel(*cp));
    }
    return std::nullopt;
}

// A peer line's fields, or what is wrong with them (the first problem only: once
// the key is bad, the address's errors would be noise).
Result<ClientPeer> parsePeerLine(QStringView text, const ClientsFile::ParseOptions &options)
{
    const qsizetype keyStart = skipSeparators(text, 0);
    const qsizetype keyEnd = skipField(text, keyStart);
    const qsizetype addressStart = skipSeparators(text, keyEnd);
    const qsizetype addressEnd = skipField(text, addressStart);
    const QStringView keyField = text.mid(keyStart, keyEnd - keyStart);
    const QStringView addressField = text.mid(addressStart, addressEnd - addressStart);

    const Result<PublicKey> key = PublicKey::fromBase64(keyField);
    if (!key) {
        return makeError(
            ErrorCode::InvalidInput,
            QStringLiteral("%1 is not a valid WireGuard public key (expected 44 characters of base64)")
                .arg(quotedInput(keyField)));
    }
    if (Result<void> owned = checkKeyOwner(*key, options); !owned)
        return owned.error();
    if (addressField.isEmpty()) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("key %1 has no address; expected '<public key> <address> [comment]'")
                             .arg(keyLabel(*key)));
    }
    const Result<IpAddress> address = parseClientAddress(addressField);
    if (!address)
        return address.error();
    if (Result<void> placed = checkPlacement(*address, options); !placed)
        return placed.error();
    const Result<QString> comment = parseComment(text.mid(addressEnd));
    if (!comment)
        return comment.error();
    return ClientPeer { *key, *address, *comment };
}

} // namespace

QString ClientPeer::name() const
{
    const QStringView trimmed = QStringView(comment).trimmed();
    if (!trimmed.isEmpty()) {
        qsizetype end = 0;
        while (end < trimmed.size() && !trimmed[end].isSpace())
            ++end;
        return trimmed.left(end).toString();
    }
    return publicKey.fingerprint();
}

Result<ClientsFile> ClientsFile::parse(QStringView text, const ParseOptions &options)
{
    if (const qsizetype bytes = utf8Length(text); bytes > MaxFileSize)
        return fileTooLarge(bytes);
    if (text.startsWith(u'\uFEFF'))
        text = text.mid(1);

    QList<RawLine> lines;
    qsizetype start = 0;
    while (start < text.size()) {
        qsizetype end = text.indexOf(u'\n', start);
        const bool hasNewline = end >= 0;
        if (!hasNewline)
            end = text.size();
        RawLine line;
        const bool endsWithCr = hasNewline && end > start && text[end - 1] == u'\r';
        line.text = text.mid(start, end - start - (endsWithCr ? 1 : 0)).toString();
        // A last line without a newline gets the file's line end when written back.
        line.crlf = hasNewline ? endsWithCr : !lines.isEmpty() && lines.constFirst().crlf;
        lines.append(std::move(line));
        start = end + 1;
    }
    return parseLines(lines, options);
}

Result<ClientsFile> ClientsFile::parseUtf8(QByteArrayView data, const ParseOptions &options)
{
    if (data.size() > MaxFileSize)
        return fileTooLarge(data.size());
    if (data.startsWith("\xEF\xBB\xBF"))
        data = data.sliced(3);

    QList<RawLine> lines;
    qsizetype start = 0;
    while (start < data.size()) {
        qsizetype end = data.indexOf('\n', start);
        const bool hasNewline = end >= 0;
        if (!hasNewline)
            end = data.size();
        RawLine line;
        const bool endsWithCr = hasNewline && end > start && data[end - 1] == '\r';
        line.crlf = hasNewline ? endsWithCr : !lines.isEmpty() && lines.constFirst().crlf;
        // A decoder a line, so that an error is pinned to its line and a byte order
        // mark inside the file is kept (and then refused as a control character).
        // Stateless: a sequence cut off at the line's end is an error, not a wait
        // for more input.
        QStringDecoder decoder(QStringConverter::Utf8,
                               QStringConverter::Flag::ConvertInitialBom | QStringConverter::Flag::Stateless);
        line.text = decoder(data.sliced(start, end - start - (endsWithCr ? 1 : 0)));
        line.badUtf8 = decoder.hasError();
        lines.append(std::move(line));
        start = end + 1;
    }
    return parseLines(lines, options);
}

Result<ClientsFile> ClientsFile::parseLines(const QList<RawLine> &lines, const ParseOptions &options)
{
    ClientsFile file;
    QList<LineError> errors;
    QHash<PublicKey, int> lineOfKey;
    QHash<IpAddress, int> lineOfAddress;

    for (qsizetype i = 0; i < lines.size(); ++i) {
        const int lineNumber = int(i + 1);
        const RawLine &raw = lines[i];
        Line line;
        line.text = raw.text;
        line.crlf = raw.crlf;

        if (raw.badUtf8) {
            errors.append({ lineNumber, QStringLiteral("the line is not valid UTF-8") });
            continue;
        }
        if (const std::optional<QString> problem = lineTextProblem(raw.text)) {
            errors.append({ lineNumber, *problem });
            continue;
        }
        const QStringView content = trimSeparators(raw.text);
        if (content.isEmpty()) {
            line.kind = Line::Kind::Blank;
        } else if (content.startsWith(u'#')) {
            line.kind = Line::Kind::Comment;
        } else {
            Result<ClientPeer> peer = parsePeerLine(raw.text, options);
            if (!peer) {
                errors.append({ lineNumber, peer.error().message });
                continue;
            }
            bool duplicate = false;
            if (const auto it = lineOfKey.constFind(peer->publicKey); it != lineOfKey.cend()) {
                errors.append({ lineNumber,
                                QStringLiteral("key %1 is already used on line %2")
                                    .arg(keyLabel(peer->publicKey))
                                    .arg(*it) });
                duplicate = true;
            }
            if (const auto it = lineOfAddress.constFind(peer->address); it != lineOfAddress.cend()) {
                errors.append({ lineNumber,
                                QStringLiteral("address %1 is already used on line %2")
                                    .arg(peer->address.toString())
                                    .arg(*it) });
                duplicate = true;
            }
            if (duplicate)
                continue;
            lineOfKey.insert(peer->publicKey, lineNumber);
            lineOfAddress.insert(peer->address, lineNumber);
            line.kind = Line::Kind::Peer;
            line.peer = std::move(peer).value();
        }
        file.m_lines.append(std::move(line));
    }

    if (!errors.isEmpty()) {
        Error error = makeError(ErrorCode::InvalidInput, errorSummary(errors.size()));
        error.lineErrors = std::move(errors);
        return error;
    }
    return file;
}

QString ClientsFile::toText() const
{
    QString out;
    for (const Line &line : m_lines) {
        out += line.text;
        out += line.crlf ? QStringLiteral("\r\n") : QStringLiteral("\n");
    }
    return out;
}

QList<ClientPeer> ClientsFile::peers() const
{
    QList<ClientPeer> result;
    for (const Line &line : m_lines) {
        if (line.kind == Line::Kind::Peer)
            result.append(line.peer);
    }
    return result;
}

std::optional<ClientPeer> ClientsFile::findByKey(const PublicKey &key) const
{
    for (const Line &line : m_lines) {
        if (line.kind == Line::Kind::Peer && line.peer.publicKey == key)
            return line.peer;
    }
    return std::nullopt;
}

std::optional<ClientPeer> ClientsFile::findByAddress(const IpAddress &address) const
{
    for (const Line &line : m_lines) {
        if (line.kind == Line::Kind::Peer && line.peer.address == address)
            return line.peer;
    }
    return std::nullopt;
}

Result<QString> ClientsFile::formatPeerLine(const ClientPeer &peer)
{
    if (peer.publicKey.isNull())
        return makeError(ErrorCode::InvalidInput, QStringLiteral("the client peer has no public key"));
    if (peer.address.isNull())
        return makeError(ErrorCode::InvalidInput, QStringLiteral("the client peer has no address"));
    const Result<QString> comment = TextRules::checkComment(peer.comment, MaxCommentLength);
    if (!comment)
        return comment.error();

    QString line = peer.publicKey.toBase64() + u' ' + peer.address.toString();
    if (!comment->isEmpty()) {
        // Parsing strips one leading '#', so a comment that starts with one needs
        // another in front to come back unchanged.
        line += comment->startsWith(u'#') ? QStringLiteral(" # ") : QStringLiteral(" ");
        line += *comment;
    }
    return line;
}

Result<void> ClientsFile::checkEdit(const ClientPeer &peer, const ParseOptions &options,
                                    qsizetype skipIndex) const
{
    if (Result<QString> line = formatPeerLine(peer); !line)
        return line.error();
    if (Result<void> owned = checkKeyOwner(peer.publicKey, options); !owned)
        return owned;
    if (Result<void> placed = checkPlacement(peer.address, options); !placed)
        return placed;
    for (qsizetype i = 0; i < m_lines.size(); ++i) {
        const Line &line = m_lines[i];
        if (i == skipIndex || line.kind != Line::Kind::Peer)
            continue;
        if (line.peer.publicKey == peer.publicKey) {
            return makeError(
                ErrorCode::Conflict,
                QStringLiteral("key %1 is already used on line %2").arg(keyLabel(peer.publicKey)).arg(i + 1));
        }
        if (line.peer.address == peer.address) {
            return makeError(ErrorCode::Conflict,
                             QStringLiteral("address %1 is already used on line %2 (%3)")
                                 .arg(peer.address.toString())
                                 .arg(i + 1)
                                 .arg(line.peer.name()));
        }
    }
    return {};
}

bool ClientsFile::usesCrlf() const
{
    return !m_lines.isEmpty() && m_lines.constFirst().crlf;
}

Result<void> ClientsFile::addPeer(const ClientPeer &peer, const ParseOptions &options)
{
    if (Result<void> allowed = checkEdit(peer, options, -1); !allowed)
        return allowed;
    Line line;
    line.kind = Line::Kind::Peer;
    line.text = formatPeerLine(peer).value();
    line.peer = peer;
    line.crlf = usesCrlf();
    m_lines.append(std::move(line));
    return {};
}

Result<void> ClientsFile::removePeer(const PublicKey &key)
{
    for (qsizetype i = 0; i < m_lines.size(); ++i) {
        if (m_lines[i].kind == Line::Kind::Peer && m_lines[i].peer.publicKey == key) {
            m_lines.removeAt(i);
            return {};
        }
    }
    return makeError(ErrorCode::NotFound, QStringLiteral("no client peer has the key %1").arg(keyLabel(key)));
}

Result<void> ClientsFile::updatePeer(const PublicKey &key, const ClientPeer &replacement,
                                     const ParseOptions &options)
{
    qsizetype index = -1;
    for (qsizetype i = 0; i < m_lines.size() && index < 0; ++i) {
        if (m_lines[i].kind == Line::Kind::Peer && m_lines[i].peer.publicKey == key)
            index = i;
    }
    if (index < 0) {
        return makeError(ErrorCode::NotFound,
                         QStringLiteral("no client peer has the key %1").arg(keyLabel(key)));
    }
    if (Result<void> allowed = checkEdit(replacement, options, index); !allowed)
        return allowed;
    Line &line = m_lines[index];
    if (line.peer == replacement)
        return {}; // keep the line's own spelling ("/32", tabs, "# ")
    line.text = formatPeerLine(replacement).value();
    line.peer = replacement;
    return {};
}

} // namespace fvpn
