#pragma once

#include "ApiTestFixture.h"
#include "RawClient.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <functional>

// The table of malformed and hostile requests, shared by the in-process API test
// and the test against the real hub process. Each must be answered with a clear
// 4xx and change nothing on disk.
struct HostileCase
{
    const char *name;
    bool admin; // sent to the admin listener (with the token unless `headers` say otherwise)
    QByteArray method;
    QString path;
    QByteArray contentType;
    QByteArray body;
    int status;
    HeaderList headers = {};
    bool withToken = true;
    const char *mentions = nullptr; // when set, the answer must say this (a field's name, say)
};

// Placeholders in path and body: {PENDING_ID}, {USED_INVITE}, {KEY}, {STALE_ETAG},
// {HUB_KEY}.
QList<HostileCase> hostileCases();

// The state a table row starts from, made through the API itself.
struct HostileSetup
{
    QString pendingId;
    QString pendingSecret;
    QString usedInvite;
    QByteArray staleEtag;
    QString freshKey;
    QString hubKey; // the hub's own public key, from its status
};

// Sends one request to a listener; `admin` selects the listener.
using Sender = std::function<HttpReply(bool admin, const QByteArray &method, const QString &path,
                                       const QByteArray &body, const HeaderList &headers)>;

// Builds the starting state (one client at 10.42.42.20, a pending request, a used
// invite) through the API; false on failure.
bool prepareHostileSetup(const Sender &send, const QString &token, HostileSetup *setup);
// Fills the placeholders of a case.
HostileCase instantiate(HostileCase c, const HostileSetup &setup, const QString &token);

// Byte streams no HTTP library would send — request smuggling, unknown versions,
// control characters in credentials — sent raw on a fresh connection. Each must
// be answered exactly as listed (earlier good requests first, then the refusal
// with Connection: close) and nothing behind a refused request may ever run: a
// smuggled registration is never created, a smuggled approval never approves.
// Placeholders: {TOKEN}, {PENDING_ID}, {SECRET} (the pending request's),
// {INNER} (a complete registration request for {KEY}), {INNER_LEN}, {INNER_HEX}.
struct WireCase
{
    const char *name;
    bool admin;
    QByteArray stream;
    QList<int> statuses; // the answers, in order; the last one closes the connection
};

QList<WireCase> wireCases();
WireCase instantiate(WireCase c, const HostileSetup &setup, const QString &token);
// Sends `stream` on a new connection and reads until `expected` answers came and
// a little longer (an answer to anything smuggled would show), or the server closed.
QList<RawResponse> sendRaw(quint16 port, bool tls, const QByteArray &stream, int expected);
