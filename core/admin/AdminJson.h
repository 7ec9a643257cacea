#pragma once

#include "AdminEvent.h"
#include "HubSnapshot.h"
#include "JsonFieldReader.h"
#include "Result.h"

#include <QJsonObject>

namespace fvpn {

// Reads the admin API's JSON answers (docs/api.md) into the records the admin view
// shows. Strict about the fields it needs — a wrong type or a malformed key is an
// error naming the field ("devices[3].public_key: ...") rather than a row of
// blanks — and silent about fields it does not know, so a newer hub still works.
namespace AdminJson {

Result<DeviceList> devices(const QJsonObject &answer);
// GET /devices?since=REV (also a full answer, from any hub).
Result<DeviceDelta> deviceDelta(const QJsonObject &answer);
Result<ClientList> clients(const QJsonObject &answer);
Result<RequestList> requests(const QJsonObject &answer);
Result<RequestInfo> request(const QJsonObject &answer);
Result<AuditRecordPage> auditPage(const QJsonObject &answer);
Result<HubSettings> settings(const QJsonObject &answer);
Result<PoolInfo> pool(const QJsonObject &answer);
Result<QString> etag(const QJsonObject &answer); // PUT clients-file's answer

// One event of GET /api/v1/events: its `event:` type, its `id:` (empty when it
// had none) and its `data:` text, which must be one JSON object. Known types
// must carry what their kind needs; an unknown type only a revision.
Result<AdminEvent> event(const QString &type, const QString &id, const QString &data);

// The rows, for readers of answers that embed them (events).
DeviceInfo readDevice(JsonFieldReader &r);
ClientInfo readClient(JsonFieldReader &r);
RequestInfo readRequest(JsonFieldReader &r);

} // namespace AdminJson

} // namespace fvpn
