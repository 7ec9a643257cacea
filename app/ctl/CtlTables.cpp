#include "CtlTables.h"

#include "CtlJson.h"
#include "TextTable.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace fvpn {

namespace CtlTables {

namespace {

QString orDash(const QString &text)
{
    return text.isEmpty() ? u"-"_s : text;
}

QString addressText(const IpAddress &address)
{
    return address.isNull() ? u"-"_s : address.toString();
}

QString liveNote(const QString &liveError)
{
    return liveError.isEmpty() ? QString() : u"(no live state: %1)\n"_s.arg(liveError);
}

QString compact(const QJsonValue &value)
{
    if (value.isNull() || value.isUndefined())
        return u"-"_s;
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    return value.toVariant().toString();
}

QString usesText(const InviteInfo &invite)
{
    return u"%1/%2"_s.arg(invite.uses).arg(invite.maxUses);
}

QString fingerprintText(const QString &fingerprint)
{
    return fingerprint.isEmpty() ? u"none (the hub serves plain HTTP)"_s : fingerprint;
}

} // namespace

QString devices(const DeviceList &list, const QDateTime &now)
{
    if (list.devices.isEmpty())
        return u"no devices in the inventory\n"_s + liveNote(list.liveError);
    TextTable table(
        { u"name"_s, u"address"_s, u"key"_s, u"state"_s, u"handshake"_s, u"rx"_s, u"tx"_s, u"endpoint"_s });
    for (const DeviceInfo &d : list.devices) {
        table.addRow({ d.name, addressText(d.address), d.publicKey.fingerprint(), CtlJson::peerState(d.live),
                       TextTable::age(d.live.lastHandshake, now), TextTable::bytes(d.live.rxBytes),
                       TextTable::bytes(d.live.txBytes), orDash(d.live.endpoint) });
    }
    return table.toString() + liveNote(list.liveError);
}

QString clients(const ClientList &list, const QDateTime &now)
{
    if (list.clients.isEmpty())
        return u"no client peers in factory-clients.conf\n"_s + liveNote(list.liveError);
    TextTable table(
        { u"name"_s, u"address"_s, u"key"_s, u"state"_s, u"handshake"_s, u"line"_s, u"approved"_s });
    for (const ClientInfo &c : list.clients) {
        const QString approved = c.approvedBy.isEmpty()
            ? u"by hand"_s
            : u"%1, %2"_s.arg(c.approvedBy, TextTable::age(c.approvedAt, now));
        table.addRow({ c.name, addressText(c.address), c.publicKey.fingerprint(), CtlJson::peerState(c.live),
                       TextTable::age(c.live.lastHandshake, now), QString::number(c.line), approved });
    }
    return table.toString() + liveNote(list.liveError);
}

QString requests(const QList<RequestInfo> &requests, const IpAddress &suggested, const QString &status,
                 const QDateTime &now)
{
    QString text;
    if (requests.isEmpty()) {
        text = status == u"all" ? u"no requests\n"_s : u"no %1 requests\n"_s.arg(status);
    } else {
        TextTable table({ u"id"_s, u"status"_s, u"name"_s, u"hostname"_s, u"os"_s, u"key"_s, u"from"_s,
                          u"created"_s, u"address"_s, u"reason"_s });
        for (const RequestInfo &r : requests) {
            table.addRow({ r.id, requestStateName(r.status), r.name, r.hostname, r.os,
                           r.publicKey.fingerprint(), orDash(r.sourceAddress),
                           TextTable::age(r.createdAt, now), addressText(r.address), orDash(r.reason) });
        }
        text = table.toString();
    }
    text += u"next free address: %1\n"_s.arg(suggested.isNull() ? u"none, the pool is full"_s
                                                                : suggested.toString());
    return text;
}

QString audit(const AuditRecordPage &page, const QDateTime &now)
{
    if (page.entries.isEmpty())
        return u"no audit entries\n"_s;
    TextTable table({ u"id"_s, u"when"_s, u"actor"_s, u"action"_s, u"target"_s, u"after"_s });
    for (const AuditRecord &r : page.entries) {
        table.addRow({ QString::number(r.id), TextTable::age(r.at, now), r.actor, r.action, orDash(r.target),
                       compact(r.after) });
    }
    return table.toString();
}

QString settings(const HubSettings &settings)
{
    return u"device-to-device: %1\n"_s.arg(settings.deviceToDevice ? u"on"_s : u"off"_s);
}

QString pool(const PoolInfo &pool)
{
    TextTable table({ u"subnet"_s, u"hub"_s, u"capacity"_s, u"used"_s, u"free"_s, u"next free"_s });
    table.addRow({ pool.subnet.toString(), addressText(pool.hubAddress), QString::number(pool.capacity),
                   QString::number(pool.used),
                   QString::number(pool.capacity - std::min(pool.used, pool.capacity)),
                   pool.nextFree.isNull() ? u"none (full)"_s : pool.nextFree.toString() });
    return table.toString();
}

QString invites(const QList<InviteInfo> &invites)
{
    if (invites.isEmpty())
        return u"no invites; `factory-vpn-ctl invite create` makes one\n"_s;
    TextTable table(
        { u"id"_s, u"state"_s, u"uses"_s, u"expires"_s, u"pre-approved"_s, u"created by"_s, u"note"_s });
    for (const InviteInfo &i : invites) {
        table.addRow({ i.id, inviteStateName(i.state), usesText(i), TextTable::time(i.expiresAt),
                       i.preApproved ? u"yes"_s : u"no"_s, orDash(i.createdBy), orDash(i.note) });
    }
    return table.toString();
}

QString tokens(const QList<AdminTokenInfo> &tokens, const QDateTime &now)
{
    if (tokens.isEmpty())
        return u"no admin tokens\n"_s;
    TextTable table({ u"id"_s, u"name"_s, u"created"_s, u"last used"_s, u"revoked"_s });
    for (const AdminTokenInfo &t : tokens) {
        table.addRow({ t.id, t.name, TextTable::age(t.createdAt, now), TextTable::age(t.lastUsedAt, now),
                       t.revokedAt.isValid() ? TextTable::age(t.revokedAt, now) : u"no"_s });
    }
    return table.toString();
}

QString enrollment(const EnrollmentInfo &enrollment)
{
    return u"%1\nurl: %2\nfingerprint: %3\n"_s.arg(enrollment.link, enrollment.url,
                                                   fingerprintText(enrollment.fingerprint));
}

QString createdInvite(const CreatedInvite &created)
{
    const InviteInfo &i = created.invite;
    QString text = u"invite %1: %2 %3, expires %4%5%6\n"_s.arg(
        i.id, QString::number(i.maxUses), i.maxUses == 1 ? u"use"_s : u"uses"_s, TextTable::time(i.expiresAt),
        i.preApproved ? u", pre-approved (registrations are approved at once)"_s : QString(),
        i.note.isEmpty() ? QString() : u", note: %1"_s.arg(i.note));
    text += u"Shown only once (the hub keeps only a hash); pass it on now.\n"_s;
    if (created.link.isEmpty())
        text += u"link: none (the hub has no public URL; the engineer types the code)\n"_s;
    else
        text += u"link: %1\n"_s.arg(created.link);
    text += u"code: %1\n"_s.arg(created.code);
    return text;
}

} // namespace CtlTables

} // namespace fvpn
