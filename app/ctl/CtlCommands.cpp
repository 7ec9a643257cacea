#include "CtlCommands.h"

#include "CtlAccessCommands.h"
#include "CtlJson.h"
#include "CtlTables.h"

#include <QDateTime>
#include <QFile>

using namespace Qt::StringLiterals;

namespace fvpn {

CtlCommands::CtlCommands(AdminClient *client, QIODevice *out, QIODevice *err)
    : CtlCommandBase(client, out, err)
{ }

int CtlCommands::run(const CtlOptions &options)
{
    m_options = options;
    const QString &c = options.command;
    if (c == u"devices")
        return devices();
    if (c == u"clients")
        return clients();
    if (c == u"requests")
        return requests();
    if (c == u"approve")
        return approve();
    if (c == u"reject")
        return reject();
    if (c == u"revoke")
        return revoke();
    if (c == u"settings")
        return settings();
    if (c == u"device-to-device")
        return deviceToDevice();
    if (c == u"pool")
        return pool();
    if (c == u"audit")
        return audit();
    if (c == u"clients-file get")
        return clientsFileGet();
    if (c == u"clients-file put")
        return clientsFilePut();
    CtlAccessCommands access(m_client, m_out, m_err, m_tokenId);
    if (const std::optional<int> code = access.run(options))
        return *code;
    printError(u"unknown command '%1'"_s.arg(c));
    return Usage;
}

int CtlCommands::devices()
{
    const auto list
        = wait<DeviceList>([this](QObject *context, auto done) { m_client->devices(context, done); });
    if (!list)
        return fail(list.error());
    if (m_options.json)
        printJson(CtlJson::devices(*list));
    else
        print(CtlTables::devices(*list, QDateTime::currentDateTimeUtc()));
    return Ok;
}

int CtlCommands::clients()
{
    auto list = wait<ClientList>([this](QObject *context, auto done) { m_client->clients(context, done); });
    if (!list)
        return fail(list.error());
    // The clients file does not say who approved a peer; its request does (as in the admin view).
    const auto requests
        = wait<RequestList>([this](QObject *context, auto done) { m_client->requests(context, done); });
    if (!requests)
        return fail(requests.error());
    for (ClientInfo &c : list->clients) {
        for (const RequestInfo &r : requests->requests) {
            if (r.status == RequestState::Approved && r.publicKey == c.publicKey) {
                c.approvedBy = r.decidedBy;
                c.approvedAt = r.decidedAt;
                break;
            }
        }
    }
    if (m_options.json)
        printJson(CtlJson::clients(*list));
    else
        print(CtlTables::clients(*list, QDateTime::currentDateTimeUtc()));
    return Ok;
}

int CtlCommands::requests()
{
    const auto list
        = wait<RequestList>([this](QObject *context, auto done) { m_client->requests(context, done); });
    if (!list)
        return fail(list.error());
    const QString status = m_options.status.isEmpty() ? u"pending"_s : m_options.status;
    QList<RequestInfo> shown;
    for (const RequestInfo &r : list->requests) {
        if (status == u"all" || requestStateName(r.status) == status)
            shown.append(r);
    }
    if (m_options.json)
        printJson(CtlJson::requests(shown, list->suggestedAddress));
    else
        print(CtlTables::requests(shown, list->suggestedAddress, status, QDateTime::currentDateTimeUtc()));
    return Ok;
}

int CtlCommands::approve()
{
    std::optional<IpAddress> address;
    if (!m_options.address.isEmpty())
        address = IpAddress::parse(m_options.address).value(); // checked by CtlOptions
    const QString id = m_options.arguments.constFirst();
    const auto decided = wait<RequestInfo>(
        [&](QObject *context, auto done) { m_client->approveRequest(id, address, context, done); });
    if (!decided)
        return fail(decided.error());
    if (m_options.json)
        printJson(CtlJson::request(*decided));
    else
        print(u"approved %1 (%2, %3): %4\n"_s.arg(decided->id, decided->name, decided->hostname,
                                                  decided->address.toString()));
    return Ok;
}

int CtlCommands::reject()
{
    const QString id = m_options.arguments.constFirst();
    const auto decided = wait<RequestInfo>(
        [&](QObject *context, auto done) { m_client->rejectRequest(id, m_options.reason, context, done); });
    if (!decided)
        return fail(decided.error());
    if (m_options.json)
        printJson(CtlJson::request(*decided));
    else
        print(u"rejected %1 (%2, %3): %4\n"_s.arg(decided->id, decided->name, decided->hostname,
                                                  decided->reason));
    return Ok;
}

int CtlCommands::revoke()
{
    const PublicKey key = PublicKey::fromBase64(m_options.arguments.constFirst()).value(); // checked
    const auto revoked = wait<void>(
        [&](QObject *context, auto done) { m_client->revokeClient(key, m_options.reason, context, done); });
    if (!revoked)
        return fail(revoked.error());
    if (m_options.json)
        printJson({ { u"revoked"_s, QJsonObject { { u"public_key"_s, key.toBase64() } } } });
    else
        print(u"revoked %1: off factory-clients.conf and the interface\n"_s.arg(key.toBase64()));
    return Ok;
}

int CtlCommands::settings()
{
    const auto current
        = wait<HubSettings>([this](QObject *context, auto done) { m_client->settings(context, done); });
    if (!current)
        return fail(current.error());
    if (m_options.json)
        printJson(CtlJson::settings(*current));
    else
        print(CtlTables::settings(*current));
    return Ok;
}

int CtlCommands::deviceToDevice()
{
    HubSettings wanted;
    wanted.deviceToDevice = m_options.arguments.constFirst() == u"on";
    const auto saved = wait<HubSettings>(
        [&](QObject *context, auto done) { m_client->saveSettings(wanted, context, done); });
    if (!saved)
        return fail(saved.error());
    if (m_options.json)
        printJson(CtlJson::settings(*saved));
    else
        print(CtlTables::settings(*saved));
    return Ok;
}

int CtlCommands::pool()
{
    const auto info = wait<PoolInfo>([this](QObject *context, auto done) { m_client->pool(context, done); });
    if (!info)
        return fail(info.error());
    if (m_options.json)
        printJson(CtlJson::pool(*info));
    else
        print(CtlTables::pool(*info));
    return Ok;
}

int CtlCommands::audit()
{
    AuditQuery query;
    query.limit = m_options.limit.value_or(50);
    query.action = m_options.action;
    const auto page
        = wait<AuditRecordPage>([&](QObject *context, auto done) { m_client->audit(query, context, done); });
    if (!page)
        return fail(page.error());
    if (m_options.json)
        printJson(CtlJson::auditPage(*page));
    else
        print(CtlTables::audit(*page, QDateTime::currentDateTimeUtc()));
    return Ok;
}

int CtlCommands::clientsFileGet()
{
    const auto file = wait<ClientsFileVersion>(
        [this](QObject *context, auto done) { m_client->clientsFile(context, done); });
    if (!file)
        return fail(file.error());
    if (m_options.json) {
        printJson({ { u"etag"_s, file->etag }, { u"content"_s, file->content } });
    } else {
        // The file exactly as the hub has it, so `get > f; edit f; put f` changes only the edit.
        m_out->write(file->content.toUtf8());
        // Unprefixed, so a script can take it with `2> etag.txt` and `sed 's/^ETag: //'`.
        m_err->write(u"ETag: %1\n"_s.arg(file->etag).toUtf8());
    }
    return Ok;
}

int CtlCommands::clientsFilePut()
{
    const QString path = m_options.arguments.constFirst();
    QFile file(path);
    const bool opened = path == u"-" ? file.open(stdin, QIODevice::ReadOnly) : file.open(QIODevice::ReadOnly);
    if (!opened) {
        printError(u"cannot read %1: %2"_s.arg(path, file.errorString()));
        return Failed;
    }
    // The admin listener refuses bodies over 1 MiB (docs/api.md); say so before sending.
    constexpr qint64 MaxFileBytes = 1024 * 1024;
    const QByteArray bytes = file.read(MaxFileBytes + 1);
    if (bytes.size() > MaxFileBytes) {
        printError(u"%1 is larger than 1 MiB, the most the hub accepts; nothing was sent"_s.arg(path));
        return Failed;
    }
    QString etag = m_options.ifMatch.value_or(u"*"_s);
    // The ETag is quoted as HTTP wants it; people often paste it without the quotes.
    if (etag != u"*" && !etag.startsWith(u'"'))
        etag = u'"' + etag + u'"';
    const QString content = QString::fromUtf8(bytes);
    const auto saved = wait<QString>(
        [&](QObject *context, auto done) { m_client->saveClientsFile(content, etag, context, done); });
    if (!saved) {
        if (saved.error().code == ErrorCode::PreconditionFailed) {
            printError(
                u"conflict: factory-clients.conf was changed on the hub since ETag %1 was read; nothing "
                "was written. Run `factory-vpn-ctl clients-file get`, redo the edit on that copy and "
                "put it with the new ETag."_s.arg(etag));
            return Failed;
        }
        return fail(saved.error());
    }
    if (m_options.json)
        printJson({ { u"etag"_s, *saved } });
    else
        print(u"saved factory-clients.conf; ETag: %1\n"_s.arg(*saved));
    return Ok;
}

} // namespace fvpn
