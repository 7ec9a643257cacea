#pragma once

#include "DeviceInventory.h"
#include "Result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace fvpn {

// What the hub is doing, written to <state-dir>/status.json (atomically, 0644) after
// every change so people, the lab tests and later the hub API can read it. Times
// are UTC ISO 8601; an absent time or error is null.
struct HubStatus
{
    QString phase = QStringLiteral("starting"); // starting, waiting-for-config, running, stopped, failed
    qint64 pid = 0;
    QDateTime startedAt;
    QDateTime updatedAt;
    QString factory;

    QString interfaceName;
    QString interfaceOrigin; // existing, kernel, wireguard-go
    QString address; // 10.42.42.1/24
    int listenPort = 0;
    QString publicKey;

    QString inventorySource; // api, file
    QDateTime inventorySyncedAt; // last good fetch
    QDateTime inventoryAttemptAt; // last fetch, good or not
    QString inventoryError; // empty when the last fetch was good
    bool inventoryKnown = false; // false: nothing fetched or cached yet, unknown peers are kept
    bool inventoryFromCache = false;
    int inventoryDevices = 0; // enabled and valid
    int inventoryDisabled = 0;

    QString clientsFile;
    std::optional<Error> clientsError; // the file on disk is not applied
    QDateTime clientsErrorSince; // since when it is ignored
    bool clientsKnown = true; // false: bad file at start and no saved last good set
    bool clientsFromSavedCopy = false; // the set in force came from the state dir
    int clients = 0; // in the last good clients file

    int peerDevices = 0; // desired peers
    int peerClients = 0;
    int livePeers = 0; // on the interface after the last apply
    QList<SkippedPeer> skipped;

    bool deviceToDevice = false;

    QDateTime lastApplyAt;
    bool lastApplyOk = true;
    QString lastApplyError;
    int lastAdded = 0;
    int lastChanged = 0;
    int lastRemoved = 0;
    quint64 reconcileCount = 0;
    // Every failed pass counts, even one a rollback made good again before
    // anyone read the status (the API's apply.failed event tells them apart).
    quint64 failedApplies = 0;
    QString lastFailure;
    QString firewallError;
    QString hostsError;

    QJsonObject toJson() const;
    Result<void> write(const QString &path) const;
};

} // namespace fvpn
