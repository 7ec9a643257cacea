#include "AdminJson.h"

#include "TextRules.h"

#include <QJsonArray>

#include <cmath>

namespace fvpn {

namespace {

// Reads fields of one JSON object; the first problem is kept (later ones are
// usually consequences) and the fields read after it come back empty.
class FieldReader
{
public:
    FieldReader(const QJsonObject &object, QString path, std::optional<Error> *firstError)
        : m_object(object)
        , m_path(std::move(path))
        , m_error(firstError)
    { }

    QJsonValue value(const QString &name) const { return m_object.value(name); }

    QString string(const QString &name, bool nullable = false)
    {
        const QJsonValue v = m_object.value(name);
        if (nullable && (v.isNull() || v.isUndefined()))
            return {};
        if (!v.isString()) {
            fail(name, v.isUndefined() ? QStringLiteral("is missing") : QStringLiteral("is not a string"));
            return {};
        }
        // Names and comments from the hub end up in table cells and tooltips: a
        // control character there could hide or reorder what the admin reads.
        const QString text = v.toString();
        if (TextRules::containsControlCharacters(text)) {
            fail(name, QStringLiteral("contains control characters"));
            return {};
        }
        return text;
    }

    PublicKey key(const QString &name)
    {
        const QString text = string(name);
        if (failed())
            return {};
        Result<PublicKey> key = PublicKey::fromBase64(text);
        if (!key) {
            fail(name, key.error().message);
            return {};
        }
        return *key;
    }

    IpAddress address(const QString &name, bool nullable = false)
    {
        const QString text = string(name, nullable);
        if (failed() || text.isEmpty()) {
            if (!nullable && !failed())
                fail(name, QStringLiteral("is empty"));
            return {};
        }
        Result<IpAddress> address = IpAddress::parse(text);
        if (!address) {
            fail(name, address.error().message);
            return {};
        }
        return *address;
    }

    QDateTime time(const QString &name, bool nullable = true)
    {
        const QString text = string(name, nullable);
        if (failed() || text.isEmpty())
            return {};
        QDateTime at = QDateTime::fromString(text, Qt::ISODateWithMs);
        if (!at.isValid()) {
            fail(name, QStringLiteral("'%1' is not an ISO 8601 time").arg(text.left(40)));
            return {};
        }
        return at.toUTC();
    }

    // JSON numbers are doubles; counters and ids are whole and not negative.
    quint64 count(const QString &name, bool nullable = false)
    {
        const QJsonValue v = m_object.value(name);
        if (nullable && (v.isNull() || v.isUndefined()))
            return 0;
        const double d = v.toDouble(-1);
        if (!v.isDouble() || d < 0 || d > 9007199254740992.0 || std::floor(d) != d) {
            fail(name, QStringLiteral("is not a whole number of at least 0"));
            return 0;
        }
        return quint64(d);
    }

    bool boolean(const QString &name)
    {
        const QJsonValue v = m_object.value(name);
        if (!v.isBool()) {
            fail(name,
                 v.isUndefined() ? QStringLiteral("is missing") : QStringLiteral("is not true or false"));
            return false;
        }
        return v.toBool();
    }

    QJsonArray array(const QString &name)
    {
        const QJsonValue v = m_object.value(name);
        if (!v.isArray()) {
            fail(name, v.isUndefined() ? QStringLiteral("is missing") : QStringLiteral("is not a list"));
            return {};
        }
        return v.toArray();
    }

    void fail(const QString &name, const QString &problem)
    {
        if (!m_error->has_value())
            *m_error
                = makeError(ErrorCode::InvalidInput, QStringLiteral("%1%2 %3").arg(prefix(), name, problem));
    }
    bool failed() const { return m_error->has_value(); }
    const QString &path() const { return m_path; }

private:
    QString prefix() const { return m_path.isEmpty() ? QString() : m_path + u'.'; }

    const QJsonObject &m_object;
    QString m_path;
    std::optional<Error> *m_error;
};

// Items of a list that must all be objects.
template<typename Item, typename ReadFn>
QList<Item> readList(FieldReader &parent, const QString &name, std::optional<Error> *error, ReadFn read)
{
    const QJsonArray items = parent.array(name);
    QList<Item> out;
    out.reserve(items.size());
    for (qsizetype i = 0; i < items.size() && !error->has_value(); ++i) {
        const QString path = QStringLiteral("%1[%2]").arg(name).arg(i);
        if (!items[i].isObject()) {
            *error = makeError(ErrorCode::InvalidInput, QStringLiteral("%1 is not an object").arg(path));
            break;
        }
        const QJsonObject object = items[i].toObject();
        FieldReader item(object, path, error);
        out.append(read(item));
    }
    return out;
}

PeerLive readLive(FieldReader &r)
{
    PeerLive live;
    const QString state = r.string(QStringLiteral("state"), true);
    live.onInterface = state != u"absent";
    live.lastHandshake = r.time(QStringLiteral("last_handshake"));
    live.rxBytes = r.count(QStringLiteral("rx_bytes"), true);
    live.txBytes = r.count(QStringLiteral("tx_bytes"), true);
    live.endpoint = r.string(QStringLiteral("endpoint"), true);
    return live;
}

RequestInfo readRequest(FieldReader &r)
{
    RequestInfo q;
    q.id = r.string(QStringLiteral("id"));
    if (!r.failed() && q.id.isEmpty())
        r.fail(QStringLiteral("id"), QStringLiteral("is empty"));
    const QString status = r.string(QStringLiteral("status"));
    if (!r.failed()) {
        if (auto s = requestStateFromName(status))
            q.status = *s;
        else
            r.fail(QStringLiteral("status"),
                   QStringLiteral("'%1' is not a request status").arg(status.left(20)));
    }
    q.publicKey = r.key(QStringLiteral("public_key"));
    q.name = r.string(QStringLiteral("name"), true);
    q.hostname = r.string(QStringLiteral("hostname"), true);
    q.os = r.string(QStringLiteral("os"), true);
    q.sourceAddress = r.string(QStringLiteral("source_address"), true);
    q.createdAt = r.time(QStringLiteral("created_at"));
    q.decidedAt = r.time(QStringLiteral("decided_at"));
    q.decidedBy = r.string(QStringLiteral("decided_by"), true);
    q.reason = r.string(QStringLiteral("reason"), true);
    q.address = r.address(QStringLiteral("address"), true);
    q.replaces = r.string(QStringLiteral("replaces"), true);
    q.replacedBy = r.string(QStringLiteral("replaced_by"), true);
    return q;
}

template<typename T> Result<T> finish(T value, const std::optional<Error> &error)
{
    if (error)
        return *error;
    return value;
}

} // namespace

Result<DeviceList> AdminJson::devices(const QJsonObject &answer)
{
    std::optional<Error> error;
    FieldReader top(answer, QString(), &error);
    DeviceList list;
    list.devices = readList<DeviceInfo>(top, QStringLiteral("devices"), &error, [](FieldReader &r) {
        DeviceInfo d;
        d.name = r.string(QStringLiteral("name"));
        d.publicKey = r.key(QStringLiteral("public_key"));
        d.address = r.address(QStringLiteral("address"));
        d.live = readLive(r);
        return d;
    });
    list.liveError = top.string(QStringLiteral("live_error"), true);
    return finish(std::move(list), error);
}

Result<ClientList> AdminJson::clients(const QJsonObject &answer)
{
    std::optional<Error> error;
    FieldReader top(answer, QString(), &error);
    ClientList list;
    list.clients = readList<ClientInfo>(top, QStringLiteral("clients"), &error, [](FieldReader &r) {
        ClientInfo c;
        c.name = r.string(QStringLiteral("name"), true);
        c.comment = r.string(QStringLiteral("comment"), true);
        c.publicKey = r.key(QStringLiteral("public_key"));
        c.address = r.address(QStringLiteral("address"));
        c.line = int(qMin<quint64>(r.count(QStringLiteral("line"), true), quint64(INT_MAX)));
        c.live = readLive(r);
        if (c.name.isEmpty())
            c.name = c.publicKey.fingerprint();
        return c;
    });
    list.etag = top.string(QStringLiteral("etag"), true);
    list.liveError = top.string(QStringLiteral("live_error"), true);
    return finish(std::move(list), error);
}

Result<RequestList> AdminJson::requests(const QJsonObject &answer)
{
    std::optional<Error> error;
    FieldReader top(answer, QString(), &error);
    RequestList list;
    list.requests = readList<RequestInfo>(top, QStringLiteral("requests"), &error, readRequest);
    list.suggestedAddress = top.address(QStringLiteral("suggested_address"), true);
    return finish(std::move(list), error);
}

Result<RequestInfo> AdminJson::request(const QJsonObject &answer)
{
    std::optional<Error> error;
    FieldReader r(answer, QString(), &error);
    RequestInfo q = readRequest(r);
    return finish(std::move(q), error);
}

Result<AuditRecordPage> AdminJson::auditPage(const QJsonObject &answer)
{
    std::optional<Error> error;
    FieldReader top(answer, QString(), &error);
    AuditRecordPage page;
    page.entries = readList<AuditRecord>(top, QStringLiteral("entries"), &error, [](FieldReader &r) {
        AuditRecord e;
        e.id = qint64(r.count(QStringLiteral("id")));
        e.at = r.time(QStringLiteral("at"), false);
        e.actor = r.string(QStringLiteral("actor"), true);
        e.action = r.string(QStringLiteral("action"));
        e.target = r.string(QStringLiteral("target"), true);
        e.before = r.value(QStringLiteral("before"));
        e.after = r.value(QStringLiteral("after"));
        return e;
    });
    const QJsonValue next = answer.value(QStringLiteral("next_before"));
    if (!next.isNull() && !next.isUndefined()) {
        const qint64 before = qint64(top.count(QStringLiteral("next_before")));
        if (before > 0)
            page.nextBefore = before;
    }
    return finish(std::move(page), error);
}

Result<HubSettings> AdminJson::settings(const QJsonObject &answer)
{
    std::optional<Error> error;
    FieldReader r(answer, QString(), &error);
    HubSettings s;
    s.deviceToDevice = r.boolean(QStringLiteral("device_to_device"));
    return finish(s, error);
}

Result<PoolInfo> AdminJson::pool(const QJsonObject &answer)
{
    std::optional<Error> error;
    FieldReader r(answer, QString(), &error);
    PoolInfo p;
    const QString subnet = r.string(QStringLiteral("subnet"));
    if (!r.failed()) {
        Result<IpNetwork> network = IpNetwork::parse(subnet);
        if (network)
            p.subnet = *network;
        else
            r.fail(QStringLiteral("subnet"), network.error().message);
    }
    p.hubAddress = r.address(QStringLiteral("hub_address"));
    p.capacity = r.count(QStringLiteral("capacity"));
    p.used = r.count(QStringLiteral("used"));
    p.nextFree = r.address(QStringLiteral("next_free"), true);
    return finish(std::move(p), error);
}

Result<QString> AdminJson::etag(const QJsonObject &answer)
{
    std::optional<Error> error;
    FieldReader r(answer, QString(), &error);
    QString tag = r.string(QStringLiteral("etag"));
    if (!r.failed() && tag.isEmpty())
        r.fail(QStringLiteral("etag"), QStringLiteral("is empty"));
    return finish(std::move(tag), error);
}

} // namespace fvpn
