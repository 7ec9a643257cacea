#include "SingleInstance.h"

#include "QuotedInput.h"
#include "TextRules.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QLocalServer>
#include <QLocalSocket>
#include <QLockFile>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QStringDecoder>
#include <QTimer>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

using namespace Qt::StringLiterals;

namespace fvpn {

namespace {

Q_LOGGING_CATEGORY(lcInstance, "fvpn.instance", QtInfoMsg)

// Bounds on how long a starting instance waits; the primary never waits.
constexpr int LockWaitMs = 5000; // another instance starting at the same moment
constexpr int ConnectWaitMs = 2000;
// The primary answers from its event loop, which runs only once its window is
// built: a second start in the first seconds of a slow login must still get through.
constexpr int ReplyWaitMs = 15000;
// How long the primary keeps a connection that has not sent a whole line.
constexpr int ReadWaitMs = 5000;

constexpr QByteArrayView ActivateVerb = "activate";
constexpr QByteArrayView OpenLinkVerb = "open-link";
constexpr QByteArrayView OkReply = "ok\n";
constexpr QByteArrayView RefusedReply = "refused\n";
constexpr const char *AnsweredProperty = "fvpnAnswered";

Error invalid(const QString &message)
{
    return makeError(ErrorCode::InvalidInput, message);
}

QString userSuffix()
{
#ifdef Q_OS_UNIX
    return QString::number(::getuid());
#else
    return qEnvironmentVariable("USERNAME");
#endif
}

} // namespace

QByteArray SingleInstance::Request::encode() const
{
    if (verb == Verb::Activate)
        return ActivateVerb.toByteArray() + '\n';
    return OpenLinkVerb.toByteArray() + ' ' + link.toUtf8() + '\n';
}

Result<SingleInstance::Request> SingleInstance::Request::decode(QByteArrayView line)
{
    if (line.size() > MaxRequestSize)
        return invalid(u"the request is longer than %1 bytes"_s.arg(MaxRequestSize));
    if (line.endsWith('\n'))
        line.chop(1);
    QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = utf8.decode(line);
    if (utf8.hasError())
        return invalid(u"the request is not UTF-8 text"_s);
    if (const std::optional<char32_t> control = TextRules::firstControlCharacter(text))
        return invalid(
            u"the request contains the control character %1"_s.arg(TextRules::codePointLabel(*control)));
    const qsizetype space = text.indexOf(u' ');
    const QStringView verb = QStringView(text).left(space < 0 ? text.size() : space);
    if (space < 0 && verb == QLatin1StringView(ActivateVerb))
        return Request::activate();
    if (space > 0 && verb == QLatin1StringView(OpenLinkVerb)) {
        const QString link = text.mid(space + 1);
        if (link.isEmpty() || link.trimmed() != link)
            return invalid(u"open-link needs exactly one link after one space"_s);
        return Request::openLink(link);
    }
    return invalid(
        u"unknown request %1 (expected 'activate' or 'open-link <link>')"_s.arg(quotedInput(verb)));
}

SingleInstance::SingleInstance(QString channel, QObject *parent)
    : QObject(parent)
    , m_channel(std::move(channel))
{
    static const QRegularExpression safeName(u"^[A-Za-z0-9._-]{1,64}$"_s);
    if (!safeName.match(m_channel).hasMatch())
        return; // claim() says why
    const QString runtime = QStandardPaths::writableLocation(QStandardPaths::RuntimeLocation);
    if (!runtime.isEmpty()) {
        // The runtime directory is the user's own (0700): nobody else can reach the socket.
        m_serverName = runtime + u'/' + m_channel + u".socket"_s;
        m_lockPath = runtime + u'/' + m_channel + u".lock"_s;
    } else {
        // In the shared temp directory: the uid keeps users apart, UserAccessOption others out.
        m_serverName = m_channel + u'-' + userSuffix();
        m_lockPath = QDir::temp().filePath(m_serverName + u".lock"_s);
    }
}

SingleInstance::~SingleInstance() = default;

Result<SingleInstance::Role> SingleInstance::claim(const Request &request)
{
    if (m_server)
        return Role::Primary;
    if (m_serverName.isEmpty())
        return invalid(u"%1 is not a usable instance channel name"_s.arg(quotedInput(m_channel)));
    // Two instances started together must not both find nobody and both listen.
    QLockFile lock(m_lockPath);
    if (!lock.tryLock(LockWaitMs))
        return makeError(ErrorCode::Unavailable,
                         u"another instance is starting and holds %1; try again"_s.arg(m_lockPath));
    QLocalSocket socket;
    socket.connectToServer(m_serverName);
    if (socket.waitForConnected(ConnectWaitMs))
        return handOver(socket, request);
    switch (socket.error()) {
    case QLocalSocket::ServerNotFoundError:
        break;
    case QLocalSocket::ConnectionRefusedError:
        // A socket file with nobody listening: left by an instance that crashed.
        qCInfo(lcInstance).noquote() << "removing the stale instance socket" << m_serverName;
        QLocalServer::removeServer(m_serverName);
        break;
    default:
        return makeError(
            ErrorCode::Unavailable,
            u"cannot reach the running instance at %1: %2"_s.arg(m_serverName, socket.errorString()));
    }
    return listen();
}

Result<SingleInstance::Role> SingleInstance::handOver(QLocalSocket &socket, const Request &request)
{
    socket.write(request.encode());
    QDeadlineTimer deadline(ReplyWaitMs);
    while (!socket.canReadLine() && socket.state() == QLocalSocket::ConnectedState
           && socket.waitForReadyRead(int(deadline.remainingTime()))) { }
    if (!socket.canReadLine())
        return makeError(ErrorCode::Unavailable,
                         u"an instance is already running (%1) but did not answer"_s.arg(m_serverName));
    const QByteArray reply = socket.readLine(RefusedReply.size() + 1);
    socket.disconnectFromServer();
    if (reply == OkReply)
        return Role::Secondary;
    return makeError(
        ErrorCode::InvalidInput,
        u"the running instance refused the request: %1"_s.arg(quotedInput(QString::fromUtf8(reply))));
}

Result<SingleInstance::Role> SingleInstance::listen()
{
    auto *server = new QLocalServer(this);
    server->setSocketOptions(QLocalServer::UserAccessOption);
    if (!server->listen(m_serverName)) {
        const QString problem = server->errorString();
        delete server;
        return makeError(ErrorCode::IoError, u"cannot listen on %1: %2"_s.arg(m_serverName, problem));
    }
    m_server = server;
    connect(m_server, &QLocalServer::newConnection, this, &SingleInstance::acceptConnections);
    return Role::Primary;
}

void SingleInstance::acceptConnections()
{
    while (QLocalSocket *socket = m_server->nextPendingConnection()) {
        // Qt stops reading once this much is buffered, so a flood never piles up here.
        socket->setReadBufferSize(MaxRequestSize + 1);
        connect(socket, &QLocalSocket::readyRead, this, [this, socket]() { readRequest(socket); });
        connect(socket, &QLocalSocket::disconnected, this, [this, socket]() {
            if (socket->bytesAvailable() > 0)
                answer(socket, invalid(u"the connection closed before the end of the line"_s));
        });
        connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
        QTimer::singleShot(ReadWaitMs, socket, [this, socket]() {
            answer(socket, invalid(u"no complete request within %1 ms"_s.arg(ReadWaitMs)));
        });
        readRequest(socket);
    }
}

void SingleInstance::readRequest(QLocalSocket *socket)
{
    if (socket->canReadLine())
        answer(socket, Request::decode(socket->readLine(MaxRequestSize + 1)));
    else if (socket->bytesAvailable() >= MaxRequestSize)
        answer(socket, invalid(u"the request is longer than %1 bytes"_s.arg(MaxRequestSize)));
}

void SingleInstance::answer(QLocalSocket *socket, const Result<Request> &request)
{
    // One request per connection: whatever else arrives or happens on it is ignored.
    if (socket->property(AnsweredProperty).toBool())
        return;
    socket->setProperty(AnsweredProperty, true);
    disconnect(socket, nullptr, this, nullptr);
    socket->readAll();
    if (socket->state() == QLocalSocket::ConnectedState) {
        socket->write(request ? OkReply.toByteArray() : RefusedReply.toByteArray());
        socket->disconnectFromServer(); // once the answer is written; then deleted
    }
    if (!request) {
        qCWarning(lcInstance).noquote()
            << "refused a request from another instance:" << request.error().message;
        Q_EMIT requestRefused(request.error().message);
        return;
    }
    // Last: a slot may open a dialog, and the socket needs nothing more from here.
    if (request->verb == Request::Verb::Activate)
        Q_EMIT activationRequested();
    else
        Q_EMIT linkReceived(request->link);
}

} // namespace fvpn
