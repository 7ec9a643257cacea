#pragma once

#include "HubProcess.h"

#include <QByteArray>
#include <QJsonObject>
#include <QStringList>

// What one factory-vpn-ctl run left: its exit code and both streams.
struct CtlRun
{
    int exitCode = -1; // -1: it did not finish normally
    QByteArray out;
    QByteArray err;

    QJsonObject json() const;
    QByteArray describe() const;
};

// The real factory-vpn-ctl binary, run as an admin or a script runs it, against
// the admin listener of a HubProcess.
class CtlRunner
{
public:
    explicit CtlRunner(const HubProcess *hub);

    QString adminUrl() const;
    // `token` goes in $FACTORY_VPN_TOKEN unless null; `url` defaults to the hub's admin listener.
    CtlRun run(const QStringList &arguments, const QString &token, const QString &url = {},
               const QByteArray &input = {}) const;

private:
    const HubProcess *m_hub;
};
