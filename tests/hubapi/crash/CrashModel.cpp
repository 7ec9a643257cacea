#include "CrashModel.h"

#include "ClientsFile.h"

#include <QJsonObject>

using namespace fvpn;

namespace {

QString auditKey(const QString &action, const QString &target)
{
    return action + u' ' + target;
}

QString label(const PublicKey &key)
{
    return key.fingerprint() + QStringLiteral("…");
}

} // namespace

void CrashModel::protect(const PublicKey &key, const IpAddress &address)
{
    m_protected.insert(key, address);
}

bool CrashModel::hasKey(const PublicKey &key) const
{
    return m_idOfKey.contains(key) || m_manual.contains(key) || m_protected.contains(key)
        || m_devices.contains(key);
}

void CrashModel::registered(const QString &id, const QString &secret, const PublicKey &key, bool certain)
{
    Request r { id, secret, key, { QStringLiteral("pending") }, {} };
    if (!certain)
        r.allowed.insert(QStringLiteral("absent"));
    m_requests.insert(id, r);
    m_idOfKey.insert(key, id);
}

void CrashModel::decided(const QString &id, const QString &status, const QString &address, bool certain)
{
    auto it = m_requests.find(id);
    if (it == m_requests.end())
        return;
    if (certain)
        it->allowed = { status };
    else
        it->allowed.insert(status);
    if (status == u"approved" && !address.isEmpty())
        it->address = address;
}

void CrashModel::revoked(const PublicKey &key, bool certain)
{
    if (auto id = m_idOfKey.constFind(key); id != m_idOfKey.cend()) {
        decided(id.value(), QStringLiteral("revoked"), {}, certain);
        return;
    }
    if (auto line = m_manual.find(key); line != m_manual.end()) {
        if (certain)
            line->present = { false };
        else
            line->present.insert(false);
    }
}

void CrashModel::manualLine(const PublicKey &key, const IpAddress &address, bool present, bool certain)
{
    auto line = m_manual.find(key);
    if (line == m_manual.end())
        line = m_manual.insert(key, ManualLine { key, address, { !present } });
    if (certain)
        line->present = { present };
    else
        line->present.insert(present);
}

void CrashModel::deviceToDevice(bool on, bool certain)
{
    if (certain)
        m_deviceToDevice = { on };
    else
        m_deviceToDevice.insert(on);
}

void CrashModel::audited(const QString &action, const QString &target, bool certain)
{
    ++(certain ? m_auditCertain : m_auditMaybe)[auditKey(action, target)];
}

QStringList CrashModel::check(const Observed &observed)
{
    QStringList problems;
    ClientsFile::ParseOptions rules;
    rules.subnet = IpNetwork::parse(u"10.42.42.0/24").value();
    rules.hubAddress = IpAddress::parse(u"10.42.42.1").value();
    const Result<ClientsFile> file = ClientsFile::parseUtf8(observed.clientsFile, rules);
    if (!file)
        return { QStringLiteral("the clients file does not parse: %1").arg(file.error().toString()) };
    QHash<PublicKey, IpAddress> lines;
    for (const ClientPeer &peer : file->peers())
        lines.insert(peer.publicKey, peer.address);

    for (auto it = m_protected.cbegin(); it != m_protected.cend(); ++it) {
        if (lines.value(it.key()) != it.value())
            problems << QStringLiteral("the protected engineer %1 is not in the clients file at %2")
                            .arg(label(it.key()), it.value().toString());
    }

    // Requests: each one's status is one the acknowledged changes allow; an
    // approved request has its line (at its address), any other has none.
    QHash<PublicKey, QString> approvedKeys; // key -> address, from the database
    QSet<QString> seen;
    int unknown = 0;
    for (const QJsonValue &value : observed.requests) {
        const QJsonObject o = value.toObject();
        const QString id = o.value(u"id").toString();
        const QString status = o.value(u"status").toString();
        const PublicKey key = PublicKey::fromBase64(o.value(u"public_key").toString()).valueOr(PublicKey());
        const QString address = o.value(u"address").toString();
        seen.insert(id);
        if (status == u"approved") {
            approvedKeys.insert(key, address);
            if (lines.value(key).toString() != address)
                problems << QStringLiteral("request %1 is approved at %2 but the clients file has %3")
                                .arg(id, address,
                                     lines.contains(key) ? lines.value(key).toString()
                                                         : QStringLiteral("no line for it"));
        } else if (lines.contains(key) && !m_manual.contains(key)) {
            problems << QStringLiteral("request %1 is %2 but its key has a line in the clients file")
                            .arg(id, status);
        }
        auto model = m_requests.find(id);
        if (model == m_requests.end()) {
            // A registration the kill cut off before it was answered.
            ++unknown;
            if (status != u"pending")
                problems
                    << QStringLiteral("an unanswered registration %1 is %2, not pending").arg(id, status);
            m_requests.insert(id, Request { id, {}, key, { status }, address });
            m_idOfKey.insert(key, id);
            continue;
        }
        if (!model->allowed.contains(status))
            problems << QStringLiteral("request %1 is %2; the acknowledged changes allow only %3")
                            .arg(id, status,
                                 QStringList(model->allowed.begin(), model->allowed.end()).join(u'/'));
        if (status == u"approved" && !model->address.isEmpty() && model->allowed.size() == 1
            && model->address != address)
            problems << QStringLiteral("request %1 was approved at %2 but is at %3")
                            .arg(id, model->address, address);
        model->allowed = { status };
        model->address = status == u"approved" ? address : QString();
    }
    if (unknown > m_unknownRegistrations)
        problems << QStringLiteral(
                        "%1 requests appeared that no registration asked for (at most %2 were in flight)")
                        .arg(unknown)
                        .arg(m_unknownRegistrations);
    m_unknownRegistrations = 0;
    for (auto it = m_requests.begin(); it != m_requests.end();) {
        if (seen.contains(it->id)) {
            ++it;
            continue;
        }
        if (!it->allowed.contains(QStringLiteral("absent")))
            problems << QStringLiteral("acknowledged request %1 is gone").arg(it->id);
        m_idOfKey.remove(it->key);
        it = m_requests.erase(decltype(m_requests)::const_iterator(it));
    }

    // Manual lines: there when acknowledged, gone when their removal was.
    for (auto it = m_manual.begin(); it != m_manual.end();) {
        const bool present = lines.contains(it->key);
        if (!it->present.contains(present))
            problems << QStringLiteral(
                            "the line of %1 (%2) is %3 the clients file, against the acknowledged edits")
                            .arg(label(it->key), it->address.toString(),
                                 present ? QStringLiteral("in") : QStringLiteral("not in"));
        else if (present && lines.value(it->key) != it->address)
            problems << QStringLiteral("the line of %1 moved from %2 to %3")
                            .arg(label(it->key), it->address.toString(), lines.value(it->key).toString());
        if (!present) {
            it = m_manual.erase(decltype(m_manual)::const_iterator(it));
            continue;
        }
        it->present = { true };
        ++it;
    }

    // Every line has a reason to be there.
    for (auto it = lines.cbegin(); it != lines.cend(); ++it) {
        if (!m_protected.contains(it.key()) && !m_manual.contains(it.key())
            && !approvedKeys.contains(it.key()))
            problems << QStringLiteral("%1 at %2 is in the clients file with no approved request and no "
                                       "acknowledged edit")
                            .arg(label(it.key()), it.value().toString());
    }

    if (!m_deviceToDevice.contains(observed.deviceToDevice))
        problems << QStringLiteral("device-to-device is %1 against the acknowledged settings")
                        .arg(observed.deviceToDevice ? QStringLiteral("on") : QStringLiteral("off"));
    m_deviceToDevice = { observed.deviceToDevice };

    // Every acknowledged change has its audit entry; nothing refused has one.
    QSet<QString> auditKeys;
    for (auto it = m_auditCertain.cbegin(); it != m_auditCertain.cend(); ++it)
        auditKeys.insert(it.key());
    for (auto it = m_auditMaybe.cbegin(); it != m_auditMaybe.cend(); ++it)
        auditKeys.insert(it.key());
    for (const QString &k : std::as_const(auditKeys)) {
        const int found = observed.auditCounts.value(k);
        const int certain = m_auditCertain.value(k);
        const int maybe = m_auditMaybe.value(k);
        if (found < certain)
            problems << QStringLiteral("audit: %1 entries for '%2', %3 acknowledged")
                            .arg(found)
                            .arg(k)
                            .arg(certain);
        else if (found > certain + maybe)
            problems << QStringLiteral("audit: %1 entries for '%2', only %3 attempted")
                            .arg(found)
                            .arg(k)
                            .arg(certain + maybe);
        m_auditCertain[k] = found;
    }
    m_auditMaybe.clear();

    // The interface holds exactly the file's clients (each its /32) and the devices.
    for (auto it = lines.cbegin(); it != lines.cend(); ++it) {
        const QString want = IpNetwork::hostRoute(it.value()).toString();
        if (observed.interfacePeers.value(it.key()) != want)
            problems << QStringLiteral("the interface has %1 with '%2', the clients file says %3")
                            .arg(label(it.key()), observed.interfacePeers.value(it.key()), want);
    }
    for (auto it = observed.interfacePeers.cbegin(); it != observed.interfacePeers.cend(); ++it) {
        if (!lines.contains(it.key()) && !m_devices.contains(it.key()))
            problems << QStringLiteral("the interface has a peer %1 that is neither a client nor a device")
                            .arg(label(it.key()));
    }
    for (const PublicKey &device : std::as_const(m_devices)) {
        if (!observed.interfacePeers.contains(device))
            problems << QStringLiteral("device %1 is not on the interface").arg(label(device));
    }
    return problems;
}
