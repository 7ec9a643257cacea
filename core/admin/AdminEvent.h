#pragma once

#include "HubSnapshot.h"

#include <QJsonObject>
#include <QMetaType>
#include <QString>

#include <optional>

namespace fvpn {

// What one event of the hub's event stream (GET /api/v1/events, docs/api.md)
// says happened.
enum class AdminEventKind
{
    Hello, // the first event of every stream: the hub's current revision
    RequestCreated,
    RequestCancelled,
    RequestApproved,
    RequestRejected,
    RequestRevoked,
    ClientAdded,
    ClientRevoked,
    ClientsFileChanged,
    SettingsChanged,
    DeviceOnline,
    DeviceStale,
    DeviceOffline,
    InventoryChanged,
    ApplyFailed,
    Reset, // the hub cannot replay from Last-Event-ID: fetch everything again
    Other, // a type this app does not know (a newer hub): something changed
};

// The wire name ("request.created") of a kind; empty for Other.
QString adminEventName(AdminEventKind kind);
std::optional<AdminEventKind> adminEventKindFromName(QStringView name);

// factory-clients.conf as the hub read it after a change.
struct ClientsFileChange
{
    QString etag;
    std::optional<quint64> peers; // unknown when the file does not validate
    QString error; // why the hub could not use the file; empty when it could
};

struct InventoryChange
{
    quint64 added = 0;
    quint64 removed = 0;
    quint64 changed = 0;
};

// One event, read strictly: the fields its kind needs are there and valid, or
// the event is refused as a whole (AdminJson::event).
struct AdminEvent
{
    AdminEventKind kind = AdminEventKind::Other;
    QString type; // as sent: "request.created"
    std::optional<quint64> id; // the `id:` of the event (a hub revision); none for hello
    quint64 revision = 0; // data.revision
    QJsonObject data; // the event's data as sent, for those who print it

    std::optional<RequestInfo> request; // request.*
    std::optional<ClientInfo> client; // client.*
    std::optional<DeviceInfo> device; // device.*
    std::optional<HubSettings> settings; // settings.changed
    std::optional<ClientsFileChange> clientsFile; // clients_file.changed
    std::optional<InventoryChange> inventory; // inventory.changed
    QString error; // apply.failed: what the hub could not apply
};

} // namespace fvpn

Q_DECLARE_METATYPE(fvpn::AdminEvent)
