#pragma once

#include "IpAddress.h"
#include "IpNetwork.h"
#include "PublicKey.h"
#include "Result.h"

#include <QByteArrayView>
#include <QHash>
#include <QList>
#include <QString>

#include <optional>

namespace fvpn {

// One approved engineer: a line "<public_key> <address> [comment]".
struct ClientPeer
{
    PublicKey publicKey;
    IpAddress address;
    QString comment; // free text, no control characters; the first word is the name

    QString name() const; // the comment's first word, or the key fingerprint

    friend bool operator==(const ClientPeer &, const ClientPeer &) = default;
};

// /etc/wireguard/factory-clients.conf: one peer a line, '#' comments and blank
// lines. A round-trip keeps every line that was not changed byte for byte, so
// comments, order and spacing survive an edit through the app.
//
// Line format: "<public key> <address> [comment]", fields separated by spaces or
// tabs. The address is a bare IP; a host route ("/32", "/128") is accepted, a wider
// prefix is not. The comment is the rest of the line; one leading '#' is allowed
// and stripped. CRLF line ends are kept per line; a leading UTF-8 byte order mark
// is dropped.
class ClientsFile
{
public:
    static constexpr int MaxLineLength = 1024; // characters, without the line end
    static constexpr qsizetype MaxFileSize = 4 * 1024 * 1024; // bytes of UTF-8
    static constexpr int MaxCommentLength = 200;

    struct Line
    {
        enum class Kind
        {
            Blank,
            Comment,
            Peer
        };
        Kind kind = Kind::Blank;
        QString text; // the line as read (without its newline); regenerated on change
        ClientPeer peer; // for Peer lines
        bool crlf = false; // the line ended in "\r\n"; written back the same way
    };

    // What else is on the interface, which no client line may take: the hub itself
    // (WireGuard silently ignores a peer with the interface's own key) and the
    // devices (one of the two peers would have to be dropped).
    struct ParseOptions
    {
        std::optional<IpNetwork>
            subnet; // when set, addresses must lie in it (and not be its network/broadcast)
        std::optional<IpAddress> hubAddress; // when set, it cannot be a client's address
        std::optional<PublicKey> hubKey; // when set, it cannot be a client's key
        QHash<PublicKey, QString> deviceKeys; // device name by key
        QHash<IpAddress, QString> deviceAddresses; // device name by address
    };

    // Parses the whole text. On any error, returns an Error (InvalidInput) whose
    // lineErrors list every bad line with what is wrong — nothing partial.
    // Text that came through a lossy decoder is caught by its U+FFFD characters.
    static Result<ClientsFile> parse(QStringView text, const ParseOptions &options = {});
    // The file's bytes as read from disk: invalid UTF-8 is reported by line.
    static Result<ClientsFile> parseUtf8(QByteArrayView data, const ParseOptions &options = {});

    QString toText() const; // always ends with a newline when not empty

    const QList<Line> &lines() const { return m_lines; }
    QList<ClientPeer> peers() const;
    std::optional<ClientPeer> findByKey(const PublicKey &key) const;
    std::optional<ClientPeer> findByAddress(const IpAddress &address) const;

    // Edits validate like parse does and leave the file unchanged on error.
    Result<void> addPeer(const ClientPeer &peer, const ParseOptions &options = {});
    Result<void> removePeer(const PublicKey &key); // NotFound when absent
    Result<void> updatePeer(const PublicKey &key, const ClientPeer &replacement,
                            const ParseOptions &options = {});

    // Formats one peer line; fails if the comment has control characters.
    static Result<QString> formatPeerLine(const ClientPeer &peer);

private:
    struct RawLine;
    static Result<ClientsFile> parseLines(const QList<RawLine> &lines, const ParseOptions &options);
    // Why `peer` cannot go into this file (ignoring the line at skipIndex), or success.
    Result<void> checkEdit(const ClientPeer &peer, const ParseOptions &options, qsizetype skipIndex) const;
    bool usesCrlf() const;

    QList<Line> m_lines;
};

} // namespace fvpn
