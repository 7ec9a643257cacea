#pragma once

#include "IpAddress.h"
#include "IpNetwork.h"
#include "PublicKey.h"

#include <QDateTime>
#include <QJsonValue>
#include <QList>
#include <QMetaType>
#include <QString>

#include <optional>

namespace fvpn {

// How a peer's tunnel looks from the hub, judged by the age of its last handshake.
// WireGuard renews a session every two minutes while traffic flows, so a handshake
// younger than OnlineWithinSecs means the tunnel is in use; one younger than
// StaleWithinSecs means the peer was there recently and may just be idle.
enum class LinkState
{
    Online,
    Stale,
    Offline, // no handshake for longer than StaleWithinSecs, never, or not on the interface
};

inline constexpr qint64 OnlineWithinSecs = 180;
inline constexpr qint64 StaleWithinSecs = 3600;

LinkState linkStateFor(const QDateTime &lastHandshake, const QDateTime &now);
QString linkStateName(LinkState state); // "online", "stale", "offline"

// The live part of a peer as the hub reads it from its interface.
struct PeerLive
{
    QDateTime lastHandshake; // invalid: never
    quint64 rxBytes = 0;
    quint64 txBytes = 0;
    QString endpoint; // "192.0.2.7:51820", empty when unknown
    bool onInterface = true; // false when the hub has not (yet) put the peer on wg0

    friend bool operator==(const PeerLive &, const PeerLive &) = default;
};

struct DeviceInfo
{
    QString name;
    PublicKey publicKey;
    IpAddress address;
    PeerLive live;

    friend bool operator==(const DeviceInfo &, const DeviceInfo &) = default;
};

struct ClientInfo
{
    QString name;
    QString comment;
    PublicKey publicKey;
    IpAddress address;
    int line = 0; // in factory-clients.conf
    PeerLive live;
    QString approvedBy; // from the request that brought the key in; empty for hand-added peers
    QDateTime approvedAt;

    friend bool operator==(const ClientInfo &, const ClientInfo &) = default;
};

enum class RequestState
{
    Pending,
    Approved,
    Rejected,
    Revoked,
    Cancelled,
};

std::optional<RequestState> requestStateFromName(QStringView name);
QString requestStateName(RequestState status);

// A registration request with the evidence the engineer's app sent.
struct RequestInfo
{
    QString id;
    RequestState status = RequestState::Pending;
    PublicKey publicKey;
    QString name;
    QString hostname;
    QString os;
    QString sourceAddress;
    QDateTime createdAt;
    QDateTime decidedAt;
    QString decidedBy;
    QString reason;
    IpAddress address; // null until approved
    QString replaces; // "Replace my key": the approved request whose key this one replaces
    QString replacedBy; // the replacement that took this request's place

    friend bool operator==(const RequestInfo &, const RequestInfo &) = default;
};

struct AuditRecord
{
    qint64 id = 0;
    QDateTime at;
    QString actor;
    QString action;
    QString target;
    QJsonValue before;
    QJsonValue after;

    friend bool operator==(const AuditRecord &, const AuditRecord &) = default;
};

struct HubSettings
{
    bool deviceToDevice = false;

    friend bool operator==(const HubSettings &, const HubSettings &) = default;
};

// The VPN subnet and how full it is.
struct PoolInfo
{
    IpNetwork subnet;
    IpAddress hubAddress;
    quint64 capacity = 0;
    quint64 used = 0;
    IpAddress nextFree; // null when the pool is full

    friend bool operator==(const PoolInfo &, const PoolInfo &) = default;
};

// Pages of GET /api/v1/audit, newest first.
struct AuditRecordPage
{
    QList<AuditRecord> entries;
    std::optional<qint64> nextBefore; // pass as `before` for the next (older) page
};

struct ClientList
{
    QList<ClientInfo> clients;
    QString etag; // of factory-clients.conf as the list was read from it
    QString liveError; // why the live state is missing, when it is
    quint64 revision = 0; // the hub revision it reflects; 0 from hubs without revisions
};

struct DeviceList
{
    QList<DeviceInfo> devices;
    QString liveError;
    quint64 revision = 0;
};

// GET /devices?since=REV: the devices added or changed since REV and the keys
// removed since, or (full) every device. A hub without revisions always
// answers in full, with revision 0.
struct DeviceDelta
{
    quint64 revision = 0;
    bool full = true;
    QList<DeviceInfo> devices;
    QList<PublicKey> removed;
    QString liveError;
    QString etag; // of this answer, for If-None-Match next time
    bool notModified = false; // 304: nothing changed; the other fields are empty
};

struct RequestList
{
    QList<RequestInfo> requests;
    IpAddress suggestedAddress; // the hub's next free address; null when full
    quint64 revision = 0;
};

// factory-clients.conf as the hub has it, with the ETag to send back on save.
struct ClientsFileVersion
{
    QString content;
    QString etag;
};

// Everything the admin view shows of one hub, as of the last refresh.
struct HubSnapshot
{
    QList<DeviceInfo> devices;
    QList<ClientInfo> clients;
    QString clientsEtag;
    QList<RequestInfo> requests; // every status; pendingRequests() filters
    IpAddress suggestedAddress;
    HubSettings settings;
    PoolInfo pool;
    QList<AuditRecord> audit; // newest first, the pages loaded so far
    std::optional<qint64> auditNextBefore;
    QString liveError;

    QList<RequestInfo> pendingRequests() const;
};

} // namespace fvpn

Q_DECLARE_METATYPE(fvpn::DeviceInfo)
Q_DECLARE_METATYPE(fvpn::ClientInfo)
Q_DECLARE_METATYPE(fvpn::RequestInfo)
Q_DECLARE_METATYPE(fvpn::AuditRecord)
