#pragma once

#include "ToolRunner.h"

#include <QList>
#include <QObject>
#include <QString>

namespace fvpn {

class EngineerSession;

struct DiagnosticCheck
{
    enum class Verdict
    {
        Running,
        Pass,
        Warning,
        Fail,
        Skipped,
        Note, // nothing wrong, but worth saying (disconnected by choice)
    };

    QString title; // "Hub reachable"
    Verdict verdict = Verdict::Running;
    QString words; // what was found, in plain words, and what to do about it
};

QString verdictText(DiagnosticCheck::Verdict verdict); // "OK", "Problem", …

// "What is wrong?" in words: the hub, the request, the tunnel, the handshake,
// whether the hub's VPN address answers, and local routes that hide the VPN.
// Everything runs for real (an HTTPS request, `wg show`, `ping`, `ip route`).
// The report is made from what the session shows anyway; the private key is
// never loaded for it, so it cannot end up in it.
class Diagnostics : public QObject
{
    Q_OBJECT

public:
    enum Check
    {
        HubReachable,
        Request,
        Backend,
        TunnelUp,
        Handshake,
        HubAnswers,
        RouteConflicts,
        CheckCount
    };

    // `tools` runs ping and ip (no privilege needed).
    Diagnostics(EngineerSession *session, ToolRunner tools, QObject *parent = nullptr);

    void run();
    bool isRunning() const { return m_pending > 0; }
    const QList<DiagnosticCheck> &checks() const { return m_checks; }
    // Plain text for a support ticket: the checks and the non-secret facts.
    QString report() const;

Q_SIGNALS:
    void checkChanged(int index);
    void finished();

private:
    void set(int index, DiagnosticCheck::Verdict verdict, const QString &words);
    void checkHub();
    void checkRequest();
    void checkTunnel();
    void checkPing();
    void checkRoutes();

    EngineerSession *m_session;
    ToolRunner m_tools;
    QList<DiagnosticCheck> m_checks;
    int m_pending = 0;
    quint64 m_generation = 0;
};

} // namespace fvpn
