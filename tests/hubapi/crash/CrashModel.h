#pragma once

#include "IpAddress.h"
#include "PublicKey.h"

#include <QHash>
#include <QJsonArray>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

// What the hub must hold after a crash, built from what its API acknowledged
// (issue 15's crash test, tests/hubapi/lab-hub-crash.sh). A change the API
// answered with 2xx is certain; one it refused (4xx) is certainly not there; one
// still in flight when the hub was killed may or may not be, and is settled by
// what the restarted hub shows. check() compares the restarted hub with that.
class CrashModel
{
public:
    struct Request
    {
        QString id;
        QString secret; // empty for a registration whose answer the kill swallowed
        fvpn::PublicKey key;
        QSet<QString> allowed; // statuses the hub may now report
        QString address; // while approved, once known
    };

    // A client line written by PUT /clients-file or by hand (no request behind it).
    struct ManualLine
    {
        fvpn::PublicKey key;
        fvpn::IpAddress address;
        QSet<bool> present; // {true}, {false} or both while uncertain
    };

    // What the restarted hub shows, read through its API and the interface.
    struct Observed
    {
        QJsonArray requests; // GET /requests?status=all
        QByteArray clientsFile; // GET /clients-file
        bool deviceToDevice = false;
        QHash<QString, int> auditCounts; // "action target" -> entries
        QHash<fvpn::PublicKey, QString> interfacePeers; // key -> allowed IPs, from `wg show dump`
    };

    // The lines the test never lets anything touch (the engineer who pings).
    void protect(const fvpn::PublicKey &key, const fvpn::IpAddress &address);
    void setDevices(const QList<fvpn::PublicKey> &keys) { m_devices = keys; }

    // --- the stream's changes, each certain (acknowledged) or maybe (in flight)
    void registered(const QString &id, const QString &secret, const fvpn::PublicKey &key, bool certain);
    void maybeRegistered(int count) { m_unknownRegistrations += count; }
    void decided(const QString &id, const QString &status, const QString &address, bool certain);
    void revoked(const fvpn::PublicKey &key, bool certain);
    void manualLine(const fvpn::PublicKey &key, const fvpn::IpAddress &address, bool present, bool certain);
    void deviceToDevice(bool on, bool certain);
    void audited(const QString &action, const QString &target, bool certain);

    // Everything that must hold now; each problem is one sentence. On success the
    // uncertain parts are settled to what the hub shows.
    QStringList check(const Observed &observed);

    const QHash<QString, Request> &requests() const { return m_requests; }
    const QHash<fvpn::PublicKey, ManualLine> &manualLines() const { return m_manual; }
    bool hasKey(const fvpn::PublicKey &key) const;

private:
    QHash<QString, Request> m_requests;
    QHash<fvpn::PublicKey, QString> m_idOfKey;
    QHash<fvpn::PublicKey, ManualLine> m_manual;
    QHash<fvpn::PublicKey, fvpn::IpAddress> m_protected;
    QList<fvpn::PublicKey> m_devices;
    QSet<bool> m_deviceToDevice { false };
    QHash<QString, int> m_auditCertain; // "action target" -> acknowledged changes
    QHash<QString, int> m_auditMaybe;
    QHash<QString, int> m_auditSeen; // what the last check found
    int m_unknownRegistrations = 0;
};
