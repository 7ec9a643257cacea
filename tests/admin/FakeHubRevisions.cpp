// FakeHub: revisions and events (found by comparing the state with what was
// last published), device deltas, ETags and 304s.
#include "AdminEvent.h"
#include "FakeHub.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QUrlQuery>

namespace fvpn::test {

namespace {

QString requestEventType(RequestState state)
{
    switch (state) {
    case RequestState::Pending:
        return QStringLiteral("request.created");
    case RequestState::Approved:
        return QStringLiteral("request.approved");
    case RequestState::Rejected:
        return QStringLiteral("request.rejected");
    case RequestState::Revoked:
        return QStringLiteral("request.revoked");
    case RequestState::Cancelled:
        return QStringLiteral("request.cancelled");
    }
    return {};
}

QHttpServerResponse json(const QJsonObject &o)
{
    return QHttpServerResponse("application/json", QJsonDocument(o).toJson(QJsonDocument::Compact));
}

QHttpServerResponse notModified(const QByteArray &tag)
{
    QHttpServerResponse r(QHttpServerResponder::StatusCode::NotModified);
    r.addHeader("ETag", tag);
    return r;
}

} // namespace

QHttpServerResponse FakeHub::conditional(const QHttpServerRequest &request, QJsonObject body,
                                         bool withRevision)
{
    const QByteArray tag = '"'
        + QCryptographicHash::hash(QJsonDocument(body).toJson(QJsonDocument::Compact),
                                   QCryptographicHash::Sha1)
              .toHex()
              .left(16)
        + '"';
    if (request.value("If-None-Match") == tag) {
        ++notModifiedAnswers;
        return notModified(tag);
    }
    if (withRevision)
        body.insert(QStringLiteral("revision"), double(m_revision));
    QHttpServerResponse r = json(body);
    r.addHeader("ETag", tag);
    return r;
}

QHttpServerResponse FakeHub::devicesAnswer(const QHttpServerRequest &request)
{
    const QUrlQuery query = request.query();
    deviceQueries.append(query.toString());
    std::optional<quint64> since;
    if (query.hasQueryItem(QStringLiteral("since"))) {
        bool ok = false;
        since = query.queryItemValue(QStringLiteral("since")).toULongLong(&ok);
        if (!ok)
            return apiError(400, QStringLiteral("invalid_input"),
                            QStringLiteral("'since' is not a revision"));
    }
    quint64 devicesRevision = 0;
    for (const SeenDevice &seen : std::as_const(m_seenDevices))
        devicesRevision = qMax(devicesRevision, seen.revision);
    for (const quint64 removedAt : std::as_const(m_removedDevices))
        devicesRevision = qMax(devicesRevision, removedAt);
    const QByteArray tag = "\"d-" + QByteArray::number(devicesRevision) + '"';
    if (request.value("If-None-Match") == tag) {
        ++notModifiedAnswers;
        return notModified(tag);
    }
    // A position from another run, beyond the horizon or from the future: everything.
    const bool full = !since || *since < m_firstRevision || *since <= deltaHorizon || *since > m_revision;
    QJsonArray items;
    QJsonArray removed;
    for (const DeviceInfo &d : std::as_const(devices)) {
        if (full || m_seenDevices.value(d.publicKey).revision > *since)
            items.append(deviceJson(d));
    }
    if (!full) {
        for (auto it = m_removedDevices.cbegin(); it != m_removedDevices.cend(); ++it) {
            if (it.value() > *since)
                removed.append(it.key().toBase64());
        }
    }
    QHttpServerResponse r = json({ { QStringLiteral("revision"), double(m_revision) },
                                   { QStringLiteral("full"), full },
                                   { QStringLiteral("devices"), items },
                                   { QStringLiteral("removed"), removed },
                                   { QStringLiteral("live_error"), QJsonValue::Null } });
    r.addHeader("ETag", tag);
    return r;
}

void FakeHub::publish(const QString &type, QJsonObject data)
{
    const quint64 id = next();
    data.insert(QStringLiteral("revision"), double(id));
    m_front.publish(id, type, data);
}

void FakeHub::commit()
{
    commitRequests();
    commitClients();
    commitDevices();
    if (deviceToDevice != m_seenDeviceToDevice) {
        m_seenDeviceToDevice = deviceToDevice;
        publish(QStringLiteral("settings.changed"),
                { { QStringLiteral("device_to_device"), deviceToDevice } });
    }
}

void FakeHub::commitRequests()
{
    for (const RequestInfo &r : std::as_const(requests)) {
        const auto seen = m_seenRequests.constFind(r.id);
        if (seen != m_seenRequests.constEnd() && *seen == r)
            continue;
        QString type;
        if (seen == m_seenRequests.constEnd())
            type = QStringLiteral("request.created");
        else if (seen->status != r.status)
            type = requestEventType(r.status);
        m_seenRequests.insert(r.id, r);
        if (type.isEmpty())
            next(); // a change without an event of its own
        else
            publish(type, { { QStringLiteral("request"), requestJson(r) } });
    }
}

void FakeHub::commitClients()
{
    if (m_etag == m_seenEtag)
        return;
    m_seenEtag = m_etag;
    auto file = ClientsFile::parse(m_clientsFile, options());
    const QList<ClientPeer> now = file ? file->peers() : QList<ClientPeer>();
    QSet<PublicKey> before;
    for (const ClientPeer &p : std::as_const(m_seenClients))
        before.insert(p.publicKey);
    QSet<PublicKey> after;
    for (const ClientPeer &p : now)
        after.insert(p.publicKey);
    for (const ClientPeer &p : std::as_const(m_seenClients)) {
        if (!after.contains(p.publicKey))
            publish(QStringLiteral("client.revoked"), { { QStringLiteral("client"), clientJson(p, 0) } });
    }
    if (file) {
        const auto &lines = file->lines();
        for (qsizetype i = 0; i < lines.size(); ++i) {
            if (lines[i].kind == ClientsFile::Line::Kind::Peer && !before.contains(lines[i].peer.publicKey))
                publish(QStringLiteral("client.added"),
                        { { QStringLiteral("client"), clientJson(lines[i].peer, int(i + 1)) } });
        }
    }
    m_seenClients = now;
    publish(
        QStringLiteral("clients_file.changed"),
        { { QStringLiteral("etag"), m_etag },
          { QStringLiteral("peers"), file ? QJsonValue(double(now.size())) : QJsonValue(QJsonValue::Null) },
          { QStringLiteral("error"),
            file ? QJsonValue(QJsonValue::Null) : QJsonValue(file.error().message) } });
}

void FakeHub::commitDevices()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    InventoryChange inventory;
    QSet<PublicKey> present;
    for (const DeviceInfo &d : std::as_const(devices)) {
        present.insert(d.publicKey);
        const auto seen = m_seenDevices.find(d.publicKey);
        if (seen != m_seenDevices.end() && seen->device == d)
            continue;
        const bool added = seen == m_seenDevices.end();
        const std::optional<LinkState> before = added
            ? std::nullopt
            : std::optional<LinkState>(linkStateFor(seen->device.live.lastHandshake, now));
        const LinkState state = linkStateFor(d.live.lastHandshake, now);
        const bool inventoryChange
            = added || seen->device.name != d.name || seen->device.address != d.address;
        m_removedDevices.remove(d.publicKey);
        if (inventoryChange) {
            ++(added ? inventory.added : inventory.changed);
            m_seenDevices.insert(d.publicKey, SeenDevice { d, next() });
        } else if (before != state) {
            const QString type = state == LinkState::Online ? QStringLiteral("device.online")
                : state == LinkState::Stale                 ? QStringLiteral("device.stale")
                                                            : QStringLiteral("device.offline");
            publish(type, { { QStringLiteral("device"), deviceJson(d) } });
            m_seenDevices.insert(d.publicKey, SeenDevice { d, m_revision });
        } else {
            m_seenDevices.insert(d.publicKey, SeenDevice { d, next() }); // transfer, endpoint
        }
    }
    QList<PublicKey> gone;
    for (auto it = m_seenDevices.cbegin(); it != m_seenDevices.cend(); ++it) {
        if (!present.contains(it.key()))
            gone.append(it.key());
    }
    for (const PublicKey &key : std::as_const(gone)) {
        ++inventory.removed;
        m_removedDevices.insert(key, next());
        m_seenDevices.remove(key);
    }
    if (inventory.added + inventory.removed + inventory.changed > 0)
        publish(QStringLiteral("inventory.changed"),
                { { QStringLiteral("added"), double(inventory.added) },
                  { QStringLiteral("removed"), double(inventory.removed) },
                  { QStringLiteral("changed"), double(inventory.changed) } });
}

} // namespace fvpn::test
