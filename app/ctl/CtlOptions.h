#pragma once

#include "HubAccess.h"
#include "Result.h"

#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>

namespace fvpn {

// One factory-vpn-ctl invocation as typed, checked before anything is sent: the
// subcommand, its arguments and options, and how to reach the hub. Every problem
// found here is a usage error (exit code 2), so a typo never reaches the hub.
struct CtlOptions
{
    static constexpr auto DefaultUrl = "http://127.0.0.1:8444";
    static constexpr auto TokenVariable = "FACTORY_VPN_TOKEN";

    QString command; // "devices", "clients-file put", "invite create", ...
    QStringList arguments; // positional arguments after the command
    bool json = false;
    bool help = false;
    bool version = false;

    QUrl url;
    QString pin; // lowercase hex SHA-256, or empty
    QString tokenFile;
    int timeoutSeconds = 15;

    // Command options; empty or unset when not given.
    std::optional<int> limit;
    QString action;
    QString status;
    QString address;
    QString reason;
    std::optional<QString> ifMatch;
    NewInviteSpec invite; // invite create: --uses, --valid-hours, --pre-approved, --note

    // `arguments` without the program name.
    static Result<CtlOptions> parse(const QStringList &arguments);
    static QString helpText();

    // The admin token: from --token-file, else from $FACTORY_VPN_TOKEN. Never from
    // the command line, where `ps` would show it to every user of the machine.
    Result<QString> loadToken() const;
    // The id part of a hub token ("<id>.<secret>"), as `tokens` lists it; empty for
    // a token of another form. The secret part never leaves the AdminClient.
    static QString tokenId(const QString &token);
};

} // namespace fvpn
