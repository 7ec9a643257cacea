#pragma once

#include "ApiHttpServer.h"
#include "PublicKey.h"
#include "Result.h"

#include <QByteArray>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <functional>
#include <memory>
#include <mutex>
#include <optional>

namespace fvpn {

// One answer body as it goes on the wire, built once per revision and shared by
// every reader of that revision (its gzip made on the first request for it).
class CachedBody
{
public:
    CachedBody(QByteArray etag, QByteArray plain)
        : m_etag(std::move(etag))
        , m_plain(std::move(plain))
    { }
    const QByteArray &etag() const { return m_etag; }
    const QByteArray &plain() const { return m_plain; }
    QByteArray gzipped() const; // thread-safe, made once

private:
    const QByteArray m_etag;
    const QByteArray m_plain;
    mutable std::once_flag m_once;
    mutable QByteArray m_gzip;
};

// One device row of GET /devices and the revision of its last change.
struct DeviceRow
{
    PublicKey key;
    QJsonObject json;
    quint64 revision = 0;
};

// The lists and documents of the admin API a snapshot answers GETs of.
enum class ApiResource
{
    Devices,
    Clients,
    Requests,
    Status,
    Settings,
};

// What the admin API serves, at one hub revision: immutable once published, read
// on any thread without locks (the body cache has its own). The big parts are
// shared with the snapshots before and after it when they did not change.
struct ApiSnapshot
{
    quint64 revision = 0;
    quint64 firstRevision = 0; // this run's first: older positions are another run's

    std::shared_ptr<const QList<DeviceRow>> devices; // inventory order
    std::shared_ptr<const QHash<PublicKey, quint64>> removedDevices; // key -> revision of removal
    quint64 devicesRevision = 0;
    quint64 deltaHorizon = 0; // positions before this get a full answer (forgotten removals)
    QString liveError;

    std::shared_ptr<const QJsonArray> clients;
    std::optional<Error> clientsError; // the file does not validate: GET /clients is this error
    QString clientsFileEtag;
    quint64 clientsRevision = 0;

    std::shared_ptr<const QList<QJsonObject>> requests; // every request, newest first
    QJsonValue suggestedAddress;
    quint64 requestsRevision = 0;

    QJsonObject status;
    quint64 statusRevision = 0;

    bool deviceToDevice = false;
    quint64 settingsRevision = 0;

    ApiSnapshot();
    // Every data member of `from`, not its built bodies (the next revision's
    // snapshot starts as a copy of the last one).
    void copyDataFrom(const ApiSnapshot &from);

    // The cached body for `key`, made by `build` the first time (any thread).
    std::shared_ptr<const CachedBody>
    body(const QString &key, const std::function<std::shared_ptr<const CachedBody>()> &build) const;

    // Answers, as JSON text with their ETags.
    std::shared_ptr<const CachedBody> devicesBody() const;
    std::shared_ptr<const CachedBody> clientsBody() const;
    // `status`: a request status name, or "all".
    std::shared_ptr<const CachedBody> requestsBody(const QString &statusName) const;
    std::shared_ptr<const CachedBody> statusBody() const;
    std::shared_ptr<const CachedBody> settingsBody() const;
    // GET /devices?since=REV: built per request (small unless it is a full answer).
    QByteArray devicesDelta(quint64 since) const;
    // The answer to a GET of `resource` at this revision: 304 when If-None-Match
    // names its tag; else the shared body, gzipped when the client accepts it,
    // or with `since` (devices) only what changed after that revision.
    // `requestsStatus` picks the requests listed.
    ApiResponse answer(ApiResource resource, const ApiRequest &request, std::optional<quint64> since,
                       const QString &requestsStatus) const;
    QByteArray devicesEtag() const;

private:
    mutable std::mutex m_mutex;
    mutable QHash<QString, std::shared_ptr<const CachedBody>> m_bodies;
};

} // namespace fvpn
