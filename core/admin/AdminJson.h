#pragma once

#include "HubSnapshot.h"
#include "Result.h"

#include <QJsonObject>

namespace fvpn {

// Reads the admin API's JSON answers (docs/api.md) into the records the admin view
// shows. Strict about the fields it needs — a wrong type or a malformed key is an
// error naming the field ("devices[3].public_key: ...") rather than a row of
// blanks — and silent about fields it does not know, so a newer hub still works.
namespace AdminJson {

Result<DeviceList> devices(const QJsonObject &answer);
Result<ClientList> clients(const QJsonObject &answer);
Result<RequestList> requests(const QJsonObject &answer);
Result<RequestInfo> request(const QJsonObject &answer);
Result<AuditRecordPage> auditPage(const QJsonObject &answer);
Result<HubSettings> settings(const QJsonObject &answer);
Result<PoolInfo> pool(const QJsonObject &answer);
Result<QString> etag(const QJsonObject &answer); // PUT clients-file's answer

} // namespace AdminJson

} // namespace fvpn
