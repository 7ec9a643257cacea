#include "CtlEvents.h"

#include "AdminEventStream.h"
#include "CtlCommandBase.h"

#include <QDateTime>
#include <QEventLoop>
#include <QFileDevice>
#include <QJsonDocument>
#include <QSocketNotifier>

#include <csignal>
#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace fvpn {

namespace {

// SIGINT and SIGTERM end the loop through a socket pair: the handler only
// writes one byte (async-signal-safe), the event loop reads it.
int g_signalFds[2] = { -1, -1 };

void onSignal(int)
{
    const char byte = 1;
    const ssize_t written = ::write(g_signalFds[0], &byte, 1);
    (void)written;
}

QString requestWho(const RequestInfo &r)
{
    return r.hostname.isEmpty() ? r.name : u"%1 (%2)"_s.arg(r.name, r.hostname);
}

QString linkWord(AdminEventKind kind)
{
    switch (kind) {
    case AdminEventKind::DeviceOnline:
        return u"online"_s;
    case AdminEventKind::DeviceStale:
        return u"stale (no handshake for more than 3 minutes)"_s;
    default:
        return u"offline"_s;
    }
}

} // namespace

CtlEvents::CtlEvents(const CtlOptions &options, const QString &token, QIODevice *out, QIODevice *err)
    : m_options(options)
    , m_token(token)
    , m_out(out)
    , m_err(err)
{ }

QString CtlEvents::describe(const AdminEvent &e)
{
    switch (e.kind) {
    case AdminEventKind::Hello:
        return u"connected at hub revision %1"_s.arg(e.revision);
    case AdminEventKind::Reset:
        return u"the hub could not replay what happened while this was away; list again to see the current state"_s;
    case AdminEventKind::RequestCreated:
        return u"%1 asks for VPN access (%2, key %3) — request %4"_s.arg(
            requestWho(*e.request), e.request->os.isEmpty() ? u"unknown system"_s : e.request->os,
            e.request->publicKey.fingerprint(), e.request->id);
    case AdminEventKind::RequestApproved:
        return u"%1 approved with %2 by %3 — request %4"_s.arg(
            requestWho(*e.request),
            e.request->address.isNull() ? u"no address"_s : e.request->address.toString(),
            e.request->decidedBy.isEmpty() ? u"?"_s : e.request->decidedBy, e.request->id);
    case AdminEventKind::RequestRejected:
        return u"%1 rejected by %2: %3 — request %4"_s.arg(
            requestWho(*e.request), e.request->decidedBy.isEmpty() ? u"?"_s : e.request->decidedBy,
            e.request->reason, e.request->id);
    case AdminEventKind::RequestCancelled:
        return u"%1 withdrew the request — request %2"_s.arg(requestWho(*e.request), e.request->id);
    case AdminEventKind::RequestRevoked:
        return u"%1 revoked%2 — request %3"_s.arg(
            requestWho(*e.request), e.request->reason.isEmpty() ? QString() : u": "_s + e.request->reason,
            e.request->id);
    case AdminEventKind::ClientAdded:
        return u"client peer %1 added: %2, key %3"_s.arg(e.client->name, e.client->address.toString(),
                                                         e.client->publicKey.fingerprint());
    case AdminEventKind::ClientRevoked:
        return u"client peer %1 removed: %2, key %3"_s.arg(e.client->name, e.client->address.toString(),
                                                           e.client->publicKey.fingerprint());
    case AdminEventKind::ClientsFileChanged:
        if (!e.clientsFile->error.isEmpty())
            return u"factory-clients.conf changed and cannot be used: %1"_s.arg(e.clientsFile->error);
        return u"factory-clients.conf changed: %1 peer(s), ETag %2"_s.arg(
            e.clientsFile->peers ? QString::number(*e.clientsFile->peers) : u"?"_s, e.clientsFile->etag);
    case AdminEventKind::SettingsChanged:
        return u"device-to-device mode is %1"_s.arg(e.settings->deviceToDevice ? u"on"_s : u"off"_s);
    case AdminEventKind::DeviceOnline:
    case AdminEventKind::DeviceStale:
    case AdminEventKind::DeviceOffline:
        return u"device %1 (%2) is %3"_s.arg(e.device->name, e.device->address.toString(), linkWord(e.kind));
    case AdminEventKind::InventoryChanged:
        return u"inventory changed: %1 added, %2 removed, %3 changed"_s.arg(e.inventory->added)
            .arg(e.inventory->removed)
            .arg(e.inventory->changed);
    case AdminEventKind::ApplyFailed:
        return u"the hub could not apply a change: %1"_s.arg(e.error);
    case AdminEventKind::Other:
        break;
    }
    return QString::fromUtf8(QJsonDocument(e.data).toJson(QJsonDocument::Compact));
}

QByteArray CtlEvents::jsonLine(const AdminEvent &event)
{
    const QJsonObject line { { u"id"_s,
                               event.id ? QJsonValue(double(*event.id)) : QJsonValue(QJsonValue::Null) },
                             { u"event"_s, event.type },
                             { u"data"_s, event.data } };
    return QJsonDocument(line).toJson(QJsonDocument::Compact) + '\n';
}

void CtlEvents::printOut(const QByteArray &line)
{
    m_out->write(line);
    // A script reading the pipe gets each event as it comes, not when a buffer fills.
    if (auto *file = qobject_cast<QFileDevice *>(m_out))
        file->flush();
}

void CtlEvents::printErr(const QString &text)
{
    m_err->write(u"factory-vpn-ctl: %1\n"_s.arg(text).toUtf8());
    if (auto *file = qobject_cast<QFileDevice *>(m_err))
        file->flush();
}

int CtlEvents::run()
{
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, g_signalFds) != 0) {
        printErr(u"cannot watch for Ctrl+C (socketpair failed)"_s);
        return CtlCommandBase::Failed;
    }
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    struct sigaction oldInt = {};
    struct sigaction oldTerm = {};
    sigaction(SIGINT, &action, &oldInt);
    sigaction(SIGTERM, &action, &oldTerm);

    QEventLoop loop;
    int exitCode = CtlCommandBase::Ok;
    QSocketNotifier signalNotifier(g_signalFds[1], QSocketNotifier::Read);
    QObject::connect(&signalNotifier, &QSocketNotifier::activated, &loop, [&loop] {
        char byte = 0;
        const ssize_t got = ::read(g_signalFds[1], &byte, 1);
        (void)got;
        loop.quit();
    });

    AdminEventStream stream;
    stream.setHub(m_options.url, m_token, m_options.pin);
    bool resumed = false;
    QObject::connect(&stream, &AdminEventStream::eventReceived, &loop, [&](const AdminEvent &event) {
        if (event.kind == AdminEventKind::Hello) {
            // Connection news is for people: stderr, so stdout stays one event a line.
            printErr(resumed ? u"reconnected to %1; catching up from event %2"_s.arg(
                         m_options.url.toDisplayString(QUrl::RemoveUserInfo), stream.lastEventId())
                             : u"connected to %1; waiting for events (Ctrl+C to stop)"_s.arg(
                                 m_options.url.toDisplayString(QUrl::RemoveUserInfo)));
            if (!m_options.json)
                return;
        }
        if (m_options.json) {
            printOut(jsonLine(event));
            return;
        }
        const QString time = QDateTime::currentDateTime().toString(u"HH:mm:ss"_s);
        printOut(u"%1  %2  %3\n"_s.arg(time, event.type.leftJustified(20), describe(event)).toUtf8());
    });
    QObject::connect(&stream, &AdminEventStream::opened, &loop, [&] { resumed = stream.isResuming(); });
    QObject::connect(&stream, &AdminEventStream::eventRejected, &loop,
                     [&](const Error &error) { printErr(u"skipped an event: %1"_s.arg(error.message)); });
    QObject::connect(&stream, &AdminEventStream::lost, &loop, [&](const Error &error, int retryInMs) {
        // Retrying cannot help with a refused token or a hub without the stream.
        if (error.code == ErrorCode::PermissionDenied || error.code == ErrorCode::NotFound
            || error.code == ErrorCode::InvalidInput) {
            QString text = error.message;
            if (error.code == ErrorCode::PermissionDenied && text.contains(u"token"))
                text += u"\n(the token comes from --token-file FILE or $%1)"_s.arg(
                    QLatin1StringView(CtlOptions::TokenVariable));
            printErr(text);
            exitCode = CtlCommandBase::Failed;
            loop.quit();
            return;
        }
        printErr(u"%1; connecting again in %2 s"_s.arg(error.message).arg(retryInMs / 1000.0, 0, 'f', 1));
    });
    stream.start();
    loop.exec();
    stream.stop();

    sigaction(SIGINT, &oldInt, nullptr);
    sigaction(SIGTERM, &oldTerm, nullptr);
    ::close(g_signalFds[0]);
    ::close(g_signalFds[1]);
    g_signalFds[0] = g_signalFds[1] = -1;
    return exitCode;
}

} // namespace fvpn
