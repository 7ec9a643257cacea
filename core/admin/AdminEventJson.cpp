#include "AdminJson.h"
#include "StrictJson.h"
#include "TextRules.h"

namespace fvpn {

namespace {

// A row embedded in an event's data ("request": {...}), read with its path
// ("request.public_key: ...") by `read`.
template<typename Row, typename ReadFn>
std::optional<Row> readRow(JsonFieldReader &top, const QString &name, std::optional<Error> *error,
                           ReadFn read)
{
    const QJsonObject object = top.object(name);
    if (error->has_value())
        return std::nullopt;
    JsonFieldReader r(object, QStringLiteral("data.") + name, error);
    Row row = read(r);
    if (error->has_value())
        return std::nullopt;
    return row;
}

// The hub's own words about a failure (an `nft` or `wg` message may span lines):
// shown in one line, control characters as spaces, at most 1,000 characters.
QString oneLine(const QString &text)
{
    QString out;
    out.reserve(qMin<qsizetype>(text.size(), 1000));
    for (const char32_t c : QStringView(text).toUcs4()) {
        if (out.size() >= 1000)
            break;
        if (TextRules::isControlCharacter(c)) {
            if (!out.endsWith(u' '))
                out += u' ';
        } else {
            out += QString::fromUcs4(&c, 1);
        }
    }
    return out.trimmed();
}

// A free text field that must be there: its words on one line.
QString readMessage(JsonFieldReader &top, const QJsonObject &data, const QString &name)
{
    const QJsonValue value = data.value(name);
    if (!value.isString() || value.toString().trimmed().isEmpty()) {
        top.fail(name,
                 value.isUndefined() ? QStringLiteral("is missing") : QStringLiteral("is not a message"));
        return {};
    }
    return oneLine(value.toString());
}

// clients_file.changed's `error`: null when the hub could use the file, else its
// message, or its line errors ([{"line": N, "message": "..."}]) put in words.
QString readFileError(JsonFieldReader &top, const QJsonObject &data, std::optional<Error> *error)
{
    const QJsonValue value = data.value(QStringLiteral("error"));
    if (value.isNull() || value.isUndefined())
        return {};
    if (value.isString())
        return readMessage(top, data, QStringLiteral("error"));
    QStringList lines;
    const QJsonArray items = top.array(QStringLiteral("error"));
    for (qsizetype i = 0; i < items.size() && !error->has_value(); ++i) {
        const QString path = QStringLiteral("data.error[%1]").arg(i);
        if (!items[i].isObject()) {
            *error = makeError(ErrorCode::InvalidInput, QStringLiteral("%1 is not an object").arg(path));
            break;
        }
        const QJsonObject item = items[i].toObject();
        JsonFieldReader r(item, path, error);
        const quint64 line = r.count(QStringLiteral("line"));
        const QString message = readMessage(r, item, QStringLiteral("message"));
        if (!error->has_value())
            lines << QStringLiteral("line %1: %2").arg(line).arg(message);
    }
    if (!error->has_value() && lines.isEmpty())
        top.fail(QStringLiteral("error"), QStringLiteral("is an empty list"));
    return lines.join(QStringLiteral("; "));
}

} // namespace

Result<AdminEvent> AdminJson::event(const QString &type, const QString &id, const QString &dataText)
{
    auto refuse = [&type](const QString &why) {
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("The hub sent a %1 event that this app does not understand: %2")
                             .arg(type.left(40), why));
    };
    AdminEvent event;
    event.type = type;
    if (TextRules::containsControlCharacters(type) || type.size() > 100)
        return refuse(QStringLiteral("its type is not a name"));
    if (!id.isEmpty()) {
        bool ok = false;
        const quint64 revision = id.toULongLong(&ok);
        // Revisions are JSON-safe whole numbers (below 2^53), written in digits.
        if (!ok || revision > (quint64(1) << 53) || id.front() == u'+' || id.front() == u'-')
            return refuse(QStringLiteral("its id '%1' is not a revision").arg(id.left(40)));
        event.id = revision;
    }
    // As strictly as every other answer (StrictJson.h): a request whose status
    // could be read two ways must not move a row of the admin's view.
    const Result<QJsonValue> document = StrictJson::parse(dataText.toUtf8());
    if (!document)
        return refuse(QStringLiteral("its data cannot be read as JSON (%1)").arg(document.error().message));
    if (!document->isObject())
        return refuse(QStringLiteral("its data is not a JSON object"));
    event.data = document->toObject();

    std::optional<Error> error;
    JsonFieldReader top(event.data, QStringLiteral("data"), &error);
    const std::optional<AdminEventKind> kind = adminEventKindFromName(type);
    event.kind = kind.value_or(AdminEventKind::Other);
    // An event of a newer hub need not carry a revision; every known one must.
    event.revision = top.count(QStringLiteral("revision"), event.kind == AdminEventKind::Other);

    switch (event.kind) {
    case AdminEventKind::Hello:
    case AdminEventKind::Reset:
    case AdminEventKind::Other:
        break;
    case AdminEventKind::RequestCreated:
    case AdminEventKind::RequestCancelled:
    case AdminEventKind::RequestApproved:
    case AdminEventKind::RequestRejected:
    case AdminEventKind::RequestRevoked:
        event.request = readRow<RequestInfo>(top, QStringLiteral("request"), &error, readRequest);
        break;
    case AdminEventKind::ClientAdded:
    case AdminEventKind::ClientRevoked:
        event.client = readRow<ClientInfo>(top, QStringLiteral("client"), &error, readClient);
        break;
    case AdminEventKind::DeviceOnline:
    case AdminEventKind::DeviceStale:
    case AdminEventKind::DeviceOffline:
        event.device = readRow<DeviceInfo>(top, QStringLiteral("device"), &error, readDevice);
        break;
    case AdminEventKind::ClientsFileChanged: {
        ClientsFileChange change;
        change.etag = top.nonEmptyString(QStringLiteral("etag"));
        const QJsonValue peers = event.data.value(QStringLiteral("peers"));
        if (!peers.isNull() && !peers.isUndefined())
            change.peers = top.count(QStringLiteral("peers"));
        change.error = readFileError(top, event.data, &error);
        event.clientsFile = change;
        break;
    }
    case AdminEventKind::SettingsChanged:
        event.settings = HubSettings { top.boolean(QStringLiteral("device_to_device")) };
        break;
    case AdminEventKind::InventoryChanged:
        event.inventory
            = InventoryChange { top.count(QStringLiteral("added")), top.count(QStringLiteral("removed")),
                                top.count(QStringLiteral("changed")) };
        break;
    case AdminEventKind::ApplyFailed:
        event.error = readMessage(top, event.data, QStringLiteral("error"));
        break;
    }
    if (error)
        return refuse(error->message);
    return event;
}

} // namespace fvpn
