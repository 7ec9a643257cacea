#pragma once

#include "IpAddress.h"
#include "IpNetwork.h"
#include "PublicKey.h"
#include "Result.h"

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
class ClientsFile
{
public:
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
    };

    struct ParseOptions
    {
        std::optional<IpNetwork> subnet; // when set, addresses must lie in it (and not be its network/broadcast)
        std::optional<IpAddress> hubAddress; // when set, it cannot be a client's address
    };

    // Parses the whole text. On any error, returns an Error (InvalidInput) whose
    // lineErrors list every bad line with what is wrong — nothing partial.
    static Result<ClientsFile> parse(QStringView text, const ParseOptions &options = {});

    QString toText() const; // always ends with a newline when not empty

    const QList<Line> &lines() const { return m_lines; }
    QList<ClientPeer> peers() const;
    std::optional<ClientPeer> findByKey(const PublicKey &key) const;
    std::optional<ClientPeer> findByAddress(const IpAddress &address) const;

    // Edits validate like parse does and leave the file unchanged on error.
    Result<void> addPeer(const ClientPeer &peer, const ParseOptions &options = {});
    Result<void> removePeer(const PublicKey &key); // NotFound when absent
    Result<void> updatePeer(const PublicKey &key, const ClientPeer &replacement, const ParseOptions &options = {});

    // Formats one peer line; fails if the comment has control characters.
    static Result<QString> formatPeerLine(const ClientPeer &peer);

private:
    QList<Line> m_lines;
};

} // namespace fvpn
