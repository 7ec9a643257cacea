#include "ApiSnapshot.h"

#include "EntityTag.h"
#include "HttpCompression.h"

#include <QJsonDocument>

namespace fvpn {

namespace {

QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QByteArray tag(const char *prefix, quint64 revision)
{
    return '"' + QByteArray(prefix) + '-' + QByteArray::number(revision) + '"';
}

QJsonValue nullable(const QString &text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

} // namespace

QByteArray CachedBody::gzipped() const
{
    std::call_once(m_once, [this] { m_gzip = HttpCompression::gzip(m_plain); });
    return m_gzip;
}

ApiSnapshot::ApiSnapshot()
    : devices(std::make_shared<const QList<DeviceRow>>())
    , removedDevices(std::make_shared<const QHash<PublicKey, quint64>>())
    , clients(std::make_shared<const QJsonArray>())
    , requests(std::make_shared<const QList<QJsonObject>>())
{ }

void ApiSnapshot::copyDataFrom(const ApiSnapshot &from)
{
    revision = from.revision;
    firstRevision = from.firstRevision;
    devices = from.devices;
    removedDevices = from.removedDevices;
    devicesRevision = from.devicesRevision;
    deltaHorizon = from.deltaHorizon;
    liveError = from.liveError;
    clients = from.clients;
    clientsError = from.clientsError;
    clientsFileEtag = from.clientsFileEtag;
    clientsRevision = from.clientsRevision;
    requests = from.requests;
    suggestedAddress = from.suggestedAddress;
    requestsRevision = from.requestsRevision;
    status = from.status;
    statusRevision = from.statusRevision;
    deviceToDevice = from.deviceToDevice;
    settingsRevision = from.settingsRevision;
}

std::shared_ptr<const CachedBody>
ApiSnapshot::body(const QString &key, const std::function<std::shared_ptr<const CachedBody>()> &build) const
{
    {
        std::lock_guard lock(m_mutex);
        if (auto found = m_bodies.value(key))
            return found;
    }
    // Built outside the lock: two first readers may both build; one copy is kept.
    std::shared_ptr<const CachedBody> made = build();
    std::lock_guard lock(m_mutex);
    auto &slot = m_bodies[key];
    if (!slot)
        slot = made;
    return slot;
}

QByteArray ApiSnapshot::devicesEtag() const
{
    return tag("d", devicesRevision);
}

std::shared_ptr<const CachedBody> ApiSnapshot::devicesBody() const
{
    return body(QStringLiteral("devices"), [this] {
        QJsonArray rows;
        for (const DeviceRow &row : *devices)
            rows.append(row.json);
        return std::make_shared<const CachedBody>(
            devicesEtag(),
            compact({ { QStringLiteral("revision"), double(revision) },
                      { QStringLiteral("full"), true },
                      { QStringLiteral("devices"), rows },
                      { QStringLiteral("removed"), QJsonArray() },
                      { QStringLiteral("live_error"), nullable(liveError) } }));
    });
}

QByteArray ApiSnapshot::devicesDelta(quint64 since) const
{
    // Another run's position, one before the forgotten removals, or one from the future.
    if (since < firstRevision || since < deltaHorizon || since > revision)
        return devicesBody()->plain();
    QJsonArray rows;
    for (const DeviceRow &row : *devices) {
        if (row.revision > since)
            rows.append(row.json);
    }
    QJsonArray removed;
    for (auto it = removedDevices->cbegin(); it != removedDevices->cend(); ++it) {
        if (it.value() > since)
            removed.append(it.key().toBase64());
    }
    return compact({ { QStringLiteral("revision"), double(revision) },
                     { QStringLiteral("full"), false },
                     { QStringLiteral("devices"), rows },
                     { QStringLiteral("removed"), removed },
                     { QStringLiteral("live_error"), nullable(liveError) } });
}

std::shared_ptr<const CachedBody> ApiSnapshot::clientsBody() const
{
    return body(QStringLiteral("clients"), [this] {
        return std::make_shared<const CachedBody>(
            tag("c", clientsRevision),
            compact({ { QStringLiteral("revision"), double(revision) },
                      { QStringLiteral("clients"), *clients },
                      { QStringLiteral("etag"), clientsFileEtag },
                      { QStringLiteral("live_error"), nullable(liveError) } }));
    });
}

std::shared_ptr<const CachedBody> ApiSnapshot::requestsBody(const QString &statusName) const
{
    return body(QStringLiteral("requests:") + statusName, [this, statusName] {
        QJsonArray items;
        for (const QJsonObject &r : *requests) {
            if (items.size() >= 1000)
                break;
            if (statusName == u"all" || r.value(QStringLiteral("status")).toString() == statusName)
                items.append(r);
        }
        return std::make_shared<const CachedBody>(
            '"' + QByteArray("r-") + QByteArray::number(requestsRevision) + '-' + statusName.toLatin1() + '"',
            compact({ { QStringLiteral("revision"), double(revision) },
                      { QStringLiteral("requests"), items },
                      { QStringLiteral("suggested_address"), suggestedAddress } }));
    });
}

std::shared_ptr<const CachedBody> ApiSnapshot::statusBody() const
{
    return body(QStringLiteral("status"), [this] {
        QJsonObject o = status;
        o.insert(QStringLiteral("revision"), double(revision));
        return std::make_shared<const CachedBody>(tag("st", statusRevision), compact(o));
    });
}

std::shared_ptr<const CachedBody> ApiSnapshot::settingsBody() const
{
    return body(QStringLiteral("settings"), [this] {
        return std::make_shared<const CachedBody>(
            tag("se", settingsRevision), compact({ { QStringLiteral("device_to_device"), deviceToDevice } }));
    });
}

ApiResponse ApiSnapshot::answer(ApiResource resource, const ApiRequest &request, std::optional<quint64> since,
                                const QString &requestsStatus) const
{
    if (resource == ApiResource::Clients && clientsError)
        return ApiResponse::error(*clientsError);
    std::shared_ptr<const CachedBody> built;
    switch (resource) {
    case ApiResource::Devices:
        built = devicesBody();
        break;
    case ApiResource::Clients:
        built = clientsBody();
        break;
    case ApiResource::Requests:
        built = requestsBody(requestsStatus);
        break;
    case ApiResource::Status:
        built = statusBody();
        break;
    case ApiResource::Settings:
        built = settingsBody();
        break;
    }
    const QByteArray etag = built->etag();
    if (request.http.hasHeader("If-None-Match")) {
        const auto tag = EntityTag::parse(etag);
        if (tag && EntityTag::noneMatchMatches(request.header("If-None-Match"), *tag))
            return ApiResponse::notModified(etag);
    }
    const bool gzip = HttpCompression::negotiate(request.header("Accept-Encoding"),
                                                 request.http.hasHeader("Accept-Encoding"))
        == HttpCompression::Coding::Gzip;
    ApiResponse response;
    if (since) {
        const QByteArray plain = devicesDelta(*since);
        response.body = gzip ? HttpCompression::gzip(plain) : plain;
    } else {
        response.body = gzip ? built->gzipped() : built->plain();
    }
    response.withHeader("ETag", etag).withHeader("Vary", "Accept-Encoding");
    if (gzip)
        response.withHeader("Content-Encoding", "gzip");
    return response;
}

} // namespace fvpn
