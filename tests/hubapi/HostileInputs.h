#pragma once

#include "ApiTestFixture.h"

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
