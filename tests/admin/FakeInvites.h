#pragma once

#include "HubAccess.h"

#include <QHttpServerResponse>
#include <QList>

class QHttpServerRequest;

namespace fvpn::test {

// The invite and enrollment part of FakeHub: invites kept in memory and served
// in the shapes of docs/api.md (POST/GET /invites, DELETE /invites/{id},
// GET /enrollment). FakeHub routes to it after checking the token.
class FakeInvites
{
public:
    QList<InviteInfo> invites; // oldest first, as the hub lists them
    EnrollmentInfo enrollment { QStringLiteral("https://hub.example.com:8443"),
                                QStringLiteral("sha256:") + QString(64, u'a'),
                                {} };

    // An invite as a test or screenshot wants it; expires `validForHours` from now (0: never).
    InviteInfo &add(const QString &note, int maxUses, int uses, int validForHours, bool preApproved);

    QHttpServerResponse list() const;
    QHttpServerResponse create(const QHttpServerRequest &request);
    QHttpServerResponse revoke(const QString &id);
    QHttpServerResponse enrollmentAnswer() const;

private:
    QString linkWith(const QString &code) const;

    int m_counter = 0;
};

} // namespace fvpn::test
