#pragma once

#include "Result.h"

#include <QString>
#include <QUrl>

namespace fvpn {

// What an engineer pastes on first run: either the hub's plain HTTPS address or an
// enrollment link an admin handed out, which also pins the hub's certificate and
// may carry an invite code:
//
//   factoryvpn://enroll?hub=https%3A%2F%2Fhub.example.com%3A8443&fingerprint=sha256:<64 hex>&invite=<code>
//
// Parsing is strict: anything unexpected is refused with a message saying what,
// because a half-understood link could send the key request somewhere else.
class EnrollmentLink
{
public:
    static constexpr auto Scheme = "factoryvpn";

    static Result<EnrollmentLink> parse(QStringView text);
    // The link an admin would hand out for these values (the inverse of parse).
    QString toString() const;

    const QUrl &hubUrl() const { return m_hubUrl; } // https://host[:port], no path
    // Lowercase hex SHA-256 of the hub's DER certificate; empty for a plain URL.
    const QString &fingerprint() const { return m_fingerprint; }
    const QString &inviteCode() const { return m_invite; } // empty without an invite

    EnrollmentLink() = default;
    EnrollmentLink(QUrl hubUrl, QString fingerprint, QString inviteCode);

private:
    QUrl m_hubUrl;
    QString m_fingerprint;
    QString m_invite;
};

} // namespace fvpn
