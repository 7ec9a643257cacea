#pragma once

#include "Result.h"

#include <QObject>
#include <QString>

class QLocalServer;
class QLocalSocket;

namespace fvpn {

// One running app per user and channel. The first instance listens on a local
// socket in the user's runtime directory ($XDG_RUNTIME_DIR, 0700); a later one
// finds it there, hands over what it was started for ("show the window", "open
// this link") and ends. Without a runtime directory the socket gets a name with
// the uid in the temp directory, readable by its owner only.
//
// Wire format: one request per connection, one line of UTF-8 ending in '\n', at
// most MaxRequestSize bytes: "activate" or "open-link <link>". The primary
// answers "ok\n" or "refused\n" and closes. Anything else is refused and logged
// and changes nothing: any program of the same user can write to the socket.
class SingleInstance : public QObject
{
    Q_OBJECT

public:
    static constexpr qsizetype MaxRequestSize = 8 * 1024;

    enum class Role
    {
        Primary, // this instance listens now
        Secondary, // another one runs and accepted the request: this one should end
    };

    struct Request
    {
        enum class Verb
        {
            Activate,
            OpenLink,
        };

        Verb verb = Verb::Activate;
        QString link; // OpenLink only

        static Request activate() { return {}; }
        static Request openLink(QString link) { return { Verb::OpenLink, std::move(link) }; }

        // The line sent, newline included.
        QByteArray encode() const;
        // One received line (with or without its newline); a message saying what
        // is wrong with anything that is not exactly a request.
        static Result<Request> decode(QByteArrayView line);

        friend bool operator==(const Request &, const Request &) = default;
    };

    // `channel`: letters, digits, '.', '_' and '-' (the app's name; tests use their own).
    explicit SingleInstance(QString channel, QObject *parent = nullptr);
    ~SingleInstance() override;

    // What QLocalServer listens on: a full path, or a bare name in the temp directory.
    const QString &serverName() const { return m_serverName; }
    bool isPrimary() const { return m_server != nullptr; }

    // Blocks briefly (bounded waits): hands `request` to a running instance, or
    // takes over the channel, removing a socket a crashed instance left behind.
    // Errors: Unavailable when another instance holds the channel but did not take
    // the request (do not start a second one); IoError when the channel could not
    // be opened (this instance runs alone but cannot be reached).
    Result<Role> claim(const Request &request);

Q_SIGNALS:
    void activationRequested();
    void linkReceived(const QString &link);
    // A connection sent something that is not a request; nothing else happened.
    void requestRefused(const QString &reason);

private:
    Result<Role> handOver(QLocalSocket &socket, const Request &request);
    Result<Role> listen();
    void acceptConnections();
    void readRequest(QLocalSocket *socket);
    void answer(QLocalSocket *socket, const Result<Request> &request);

    QString m_channel;
    QString m_serverName;
    QString m_lockPath;
    QLocalServer *m_server = nullptr;
};

} // namespace fvpn
