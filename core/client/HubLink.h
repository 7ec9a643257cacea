#pragma once

#include "Result.h"

#include <QString>
#include <QUrl>

namespace fvpn {

// What an engineer pastes on first run: either the hub's plain HTTPS address or an
// enrollment link an admin handed out, which also pins the hub's certificate and
// may carry an invite code:
//
//   factory-vpn://enroll?url=https%3A%2F%2Fhub.example.com%3A8443&fp=sha256%3A<64 hex>&invite=<code>
//
// (the hub's format, docs/api.md). Parsing is strict: anything unexpected is
// refused with a message saying what, because a half-understood link could send
// the key request somewhere else. Plain http is accepted only for a hub on this
// computer (loopback), for trying things out: anywhere else the registration and
// the tunnel parameters need TLS.
class HubLink
{
public:
    static constexpr auto Scheme = "factory-vpn";

    static Result<HubLink> parse(QStringView text);
    // The link an admin would hand out for these values (the inverse of parse).
    QString toString() const;

    const QUrl &hubUrl() const { return m_hubUrl; } // https://host[:port] (or loopback http), no path
    // Lowercase hex SHA-256 of the hub's DER certificate; empty for a plain URL.
    const QString &fingerprint() const { return m_fingerprint; }
    const QString &inviteCode() const { return m_invite; } // empty without an invite

    HubLink() = default;
    HubLink(QUrl hubUrl, QString fingerprint, QString inviteCode);

private:
    QUrl m_hubUrl;
    QString m_fingerprint;
    QString m_invite;
};

} // namespace fvpn
