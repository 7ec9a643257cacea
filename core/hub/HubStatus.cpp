#include "HubStatus.h"

#include "AtomicFile.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace fvpn {

namespace {

QJsonValue timeValue(const QDateTime &time)
{
    return time.isValid() ? QJsonValue(time.toUTC().toString(Qt::ISODate)) : QJsonValue(QJsonValue::Null);
}

QJsonValue textOrNull(const QString &text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

} // namespace

QJsonObject HubStatus::toJson() const
{
    QJsonArray skippedArray;
    for (const SkippedPeer &peer : skipped)
        skippedArray.append(QJsonObject { { u"name"_s, peer.name }, { u"reason"_s, peer.reason } });

    QJsonValue clientsErrorValue = QJsonValue::Null;
    if (clientsError) {
        QJsonArray lines;
        for (const LineError &line : clientsError->lineErrors)
            lines.append(QJsonObject { { u"line"_s, line.line }, { u"message"_s, line.message } });
        clientsErrorValue = QJsonObject { { u"message"_s, clientsError->toString() }, { u"lines"_s, lines } };
    }

    return QJsonObject {
        { u"version"_s, 1 },
        { u"phase"_s, phase },
        { u"pid"_s, pid },
        { u"startedAt"_s, timeValue(startedAt) },
        { u"updatedAt"_s, timeValue(updatedAt) },
        { u"factory"_s, factory },
        { u"interface"_s,
          QJsonObject { { u"name"_s, interfaceName },
                        { u"origin"_s, textOrNull(interfaceOrigin) },
                        { u"address"_s, textOrNull(address) },
                        { u"listenPort"_s, listenPort },
                        { u"publicKey"_s, textOrNull(publicKey) } } },
        { u"inventory"_s,
          QJsonObject { { u"source"_s, inventorySource },
                        { u"known"_s, inventoryKnown },
                        { u"fromCache"_s, inventoryFromCache },
                        { u"lastSyncAt"_s, timeValue(inventorySyncedAt) },
                        { u"lastAttemptAt"_s, timeValue(inventoryAttemptAt) },
                        { u"error"_s, textOrNull(inventoryError) },
                        { u"devices"_s, inventoryDevices },
                        { u"disabled"_s, inventoryDisabled } } },
        { u"clientsFile"_s,
          QJsonObject { { u"path"_s, clientsFile },
                        { u"clients"_s, clients },
                        { u"error"_s, clientsErrorValue },
                        { u"ignoredSince"_s, clientsError ? timeValue(clientsErrorSince) : QJsonValue() },
                        { u"lastGood"_s,
                          !clientsKnown ? u"none"_s : (clientsFromSavedCopy ? u"saved"_s : u"file"_s) } } },
        { u"peers"_s,
          QJsonObject { { u"devices"_s, peerDevices },
                        { u"clients"_s, peerClients },
                        { u"skipped"_s, int(skipped.size()) },
                        { u"live"_s, livePeers } } },
        { u"skipped"_s, skippedArray },
        { u"deviceToDevice"_s, deviceToDevice },
        { u"lastApply"_s,
          QJsonObject { { u"at"_s, timeValue(lastApplyAt) },
                        { u"ok"_s, lastApplyOk },
                        { u"error"_s, textOrNull(lastApplyError) },
                        { u"added"_s, lastAdded },
                        { u"changed"_s, lastChanged },
                        { u"removed"_s, lastRemoved },
                        { u"count"_s, double(reconcileCount) },
                        { u"failures"_s, double(failedApplies) },
                        { u"lastFailure"_s, textOrNull(lastFailure) } } },
        { u"firewall"_s,
          QJsonObject { { u"ok"_s, firewallError.isEmpty() }, { u"error"_s, textOrNull(firewallError) } } },
        { u"hostsFile"_s,
          QJsonObject { { u"ok"_s, hostsError.isEmpty() }, { u"error"_s, textOrNull(hostsError) } } },
    };
}

Result<void> HubStatus::write(const QString &path) const
{
    return AtomicFile::write(path, QJsonDocument(toJson()).toJson(QJsonDocument::Indented),
                             QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup
                                 | QFileDevice::ReadOther);
}

} // namespace fvpn
