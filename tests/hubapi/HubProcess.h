#pragma once

#include "ApiTestFixture.h"
#include "PublicKey.h"

#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QStringList>
#include <QTemporaryDir>

// The real factory-vpn-hub binary, run with a static inventory and stand-ins for
// `wg`, `ip` and `nft` (through the FVPN_* overrides): the fake `wg` keeps the
// interface's peers in a file, so a test sees what the hub put on "the interface".
// Public listener over TLS (pinned by fingerprint), admin listener over HTTP.
class HubProcess
{
public:
    HubProcess();
    ~HubProcess();

    // Starts the hub with `extra` arguments (listeners default to 127.0.0.1 on free
    // ports unless `extra` names its own) and waits until the public side answers.
    bool start(const QStringList &extra = {}, bool defaultListeners = true);
    void stop();
    // SIGKILL, as a crash or power loss would end it: no shutdown code runs.
    void crash();
    QString log() const;

    // factory-vpn-hub with these arguments, to completion; stdout.
    QByteArray runCommand(const QStringList &arguments, int *exitCode = nullptr) const;

    HttpReply send(bool admin, const QByteArray &method, const QString &path, const QByteArray &body = {},
                   const HeaderList &headers = {});
    HttpReply sendTo(const QUrl &url, const QByteArray &method, const QByteArray &body = {},
                     const HeaderList &headers = {});
    QNetworkReply *startRequest(bool admin, const QByteArray &method, const QString &path,
                                const QByteArray &body, const HeaderList &headers);

    // What the engineer's app does: register a fresh random key on the public
    // listener ("<name>-laptop", Fedora), then poll with the request's secret.
    struct Registration
    {
        QString id;
        QString secret;
        fvpn::PublicKey key;
    };
    Registration registerEngineer(const QString &name);
    QJsonObject poll(const Registration &registration);

    QString token() const { return m_token; }
    QString fingerprintHex() const { return m_fingerprint; }
    quint16 publicPort() const { return m_publicPort; }
    quint16 adminPort() const { return m_adminPort; }
    QString clientsFile() const { return m_dir.filePath(QStringLiteral("factory-clients.conf")); }
    QString stateDir() const { return m_dir.filePath(QStringLiteral("state")); }
    QByteArray clientsFileBytes() const;
    // "key allowed-ips" lines of the fake interface.
    QStringList interfacePeers() const;
    void failWgSet(const QByteArray &message);
    void setDevice(const QString &name, const QString &publicKey, const QString &address);
    // The whole inventory (a JSON array of {name, pubkey, ip, enabled}).
    void setInventory(const QJsonArray &devices);
    // The latest handshake the fake `wg show dump` reports for a peer on the interface.
    void setHandshake(const QString &publicKey, qint64 secsSinceEpoch);
    // What the fake interface reports for `key` from now on (`wg show dump`):
    // latest handshake (Unix seconds, 0 = never) and transfer counters.
    void setLive(const fvpn::PublicKey &key, qint64 lastHandshake, quint64 rxBytes, quint64 txBytes);

    static quint16 freePort();

private:
    // Starts the daemon with `args` and waits for its public side to answer.
    bool launch(const QStringList &args);

    QTemporaryDir m_dir;
    QTemporaryDir m_tools;
    QProcess m_process;
    mutable QByteArray m_log;
    QNetworkAccessManager m_nam;
    QString m_binary;
    QString m_token;
    QString m_fingerprint;
    quint16 m_publicPort = 0;
    quint16 m_adminPort = 0;
    QString m_publicHost = QStringLiteral("127.0.0.1");
};
