#pragma once

#include "LiveState.h"
#include "Result.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace fvpn::WgUapi {

// Parses the answer to "get=1" as it arrives, line by line, without allocating per
// field. The private key on the first line is turned into the public key at once;
// its bytes (and any preshared key's) are wiped where they were read, in the
// caller's chunk and in the parser's own buffer.
class GetParser
{
public:
    // `expectedPeers`: room reserved up front (a periodic read passes the count of
    // the last one, so 10,000 peers are not copied through every doubling).
    explicit GetParser(qsizetype expectedPeers = 1024);
    ~GetParser();
    GetParser(const GetParser &) = delete;
    GetParser &operator=(const GetParser &) = delete;

    // Parses `chunk` and wipes the secrets in it.
    void feed(char *chunk, qsizetype size);
    // For tests: feeds a copy (which is wiped).
    void feed(QByteArrayView chunk);
    // The empty line that ends the answer has been seen (or an error).
    bool done() const { return m_done || !m_error.isEmpty(); }
    Result<LiveState> finish();

    // How a field appears in an error message: its first 64 bytes.
    static QString shown(QByteArrayView text);
    // The value of an "errno=" line (negative at times); nullopt when not a number.
    static std::optional<int> parseErrno(QByteArrayView value);
    // "errno 2: No such file or directory".
    static QString errnoText(int value);

private:
    void parseLine(char *line, qsizetype size);
    void fail(const QString &message);

    QByteArray m_partial; // a line split between two chunks
    LiveState m_state;
    LivePeer *m_peer = nullptr;
    bool m_done = false;
    bool m_sawErrno = false;
    int m_errno = 0;
    int m_line = 0;
    QString m_error;
};

} // namespace fvpn::WgUapi
