#include "Diagnostics.h"

#include "CertificatePin.h"
#include "EngineerSession.h"
#include "RegistrationTracker.h"
#include "RouteConflicts.h"
#include "TunnelBackend.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QStringList>

namespace fvpn {

using Verdict = DiagnosticCheck::Verdict;

QString verdictText(Verdict verdict)
{
    switch (verdict) {
    case Verdict::Running:
        return QCoreApplication::translate("fvpn::Diagnostics", "Checking");
    case Verdict::Pass:
        return QCoreApplication::translate("fvpn::Diagnostics", "OK");
    case Verdict::Warning:
        return QCoreApplication::translate("fvpn::Diagnostics", "Warning");
    case Verdict::Fail:
        return QCoreApplication::translate("fvpn::Diagnostics", "Problem");
    case Verdict::Skipped:
        return QCoreApplication::translate("fvpn::Diagnostics", "Not checked");
    case Verdict::Note:
        return QCoreApplication::translate("fvpn::Diagnostics", "Note");
    }
    return {};
}

Diagnostics::Diagnostics(EngineerSession *session, ToolRunner tools, QObject *parent)
    : QObject(parent)
    , m_session(session)
    , m_tools(std::move(tools))
{
    const QStringList titles {
        tr("Hub reachable"),          tr("Registration request"), tr("Tunnel backend"),  tr("Tunnel up"),
        tr("Handshake with the hub"), tr("Hub address answers"),  tr("Route conflicts"),
    };
    for (const QString &title : titles)
        m_checks.append(DiagnosticCheck { title, Verdict::Skipped, {} });
}

void Diagnostics::set(int index, Verdict verdict, const QString &words)
{
    const bool wasRunning = m_checks[index].verdict == Verdict::Running;
    m_checks[index].verdict = verdict;
    m_checks[index].words = words;
    // Counted before the signal, so a slot already sees whether all are done.
    const bool done = wasRunning && verdict != Verdict::Running && --m_pending == 0;
    Q_EMIT checkChanged(index);
    if (done)
        Q_EMIT finished();
}

void Diagnostics::run()
{
    if (isRunning())
        return;
    ++m_generation;
    m_pending = CheckCount;
    for (int i = 0; i < CheckCount; ++i) {
        m_checks[i].verdict = Verdict::Running;
        m_checks[i].words = tr("Checking…");
        Q_EMIT checkChanged(i);
    }
    checkRequest();
    checkTunnel();
    checkHub();
    checkPing();
    checkRoutes();
}

void Diagnostics::checkHub()
{
    const ClientProfile &profile = m_session->profile();
    if (!profile.hubUrl.isValid())
        return set(HubReachable, Verdict::Fail,
                   tr("No hub address is set. Paste the hub's address "
                      "or your enrollment link."));
    const quint64 generation = m_generation;
    const QString host = profile.hubUrl.host();
    m_session->hub()->checkHealth(this, [this, generation, host](Result<void> health) {
        if (generation != m_generation)
            return;
        if (health)
            set(HubReachable, Verdict::Pass, tr("The hub at %1 answers over HTTPS.").arg(host));
        else
            set(HubReachable, Verdict::Fail, health.error().message);
    });
}

void Diagnostics::checkRequest()
{
    const ClientProfile &profile = m_session->profile();
    if (profile.publicKey.isNull())
        return set(Request, Verdict::Fail, tr("You have no VPN key yet. Click Generate key."));
    if (!profile.lastStatus)
        return set(Request, Verdict::Fail, tr("You have not registered with the hub yet."));
    const RegistrationStatus &status = *profile.lastStatus;
    switch (status.state) {
    case RegistrationState::Pending:
        return set(Request, Verdict::Warning,
                   tr("Waiting for an administrator to approve your request. You cannot connect "
                      "before that."));
    case RegistrationState::Approved:
        return set(Request, Verdict::Pass,
                   tr("Approved; your VPN address is %1.").arg(status.tunnel.address.toString()));
    case RegistrationState::Rejected:
        return set(
            Request, Verdict::Fail,
            tr("Rejected%1. Talk to your administrator, then start over.")
                .arg(status.reason.isEmpty() ? QString() : QStringLiteral(": \"%1\"").arg(status.reason)));
    case RegistrationState::Revoked:
        return set(
            Request, Verdict::Fail,
            tr("Your access was revoked%1.")
                .arg(status.reason.isEmpty() ? QString() : QStringLiteral(": \"%1\"").arg(status.reason)));
    case RegistrationState::Cancelled:
        return set(Request, Verdict::Fail, tr("Your request was cancelled. Start over."));
    }
}

void Diagnostics::checkTunnel()
{
    const TunnelController *tunnel = m_session->tunnel();
    const BackendDecision &decision = tunnel->decision();
    if (tunnel->backend())
        set(Backend, Verdict::Pass, decision.explanation + u' ' + tunnel->backend()->describe() + u'.');
    else
        set(Backend, Verdict::Fail, decision.explanation);

    if (!m_session->profile().isApproved()) {
        set(TunnelUp, Verdict::Skipped, tr("There is no approved tunnel yet."));
        set(Handshake, Verdict::Skipped, tr("There is no approved tunnel yet."));
        return;
    }
    const TunnelStatus &status = tunnel->status();
    if (status.state == TunnelState::Error && !status.interfaceExists)
        set(TunnelUp, Verdict::Fail, status.detail);
    else if (status.interfaceExists)
        set(TunnelUp, Verdict::Pass,
            tr("The tunnel interface %1 is up.")
                .arg(tunnel->backend() ? tunnel->backend()->interfaceName() : QString()));
    else
        // Disconnected is a choice, not a fault: nothing failed.
        set(TunnelUp, Verdict::Note,
            tr("You are disconnected. Click Connect when you need the factory's devices."));

    if (!status.interfaceExists)
        return set(Handshake, Verdict::Skipped, tr("The tunnel is not up."));
    switch (status.state) {
    case TunnelState::Connected:
        return set(Handshake, Verdict::Pass,
                   tr("Last handshake with the hub %1.").arg(formatHandshakeAge(status.handshakeAgeSecs)));
    case TunnelState::Connecting:
        return set(Handshake, Verdict::Warning, tr("No handshake yet; the tunnel is still starting."));
    case TunnelState::Stale:
    case TunnelState::Error:
    case TunnelState::Disconnected:
        return set(Handshake, Verdict::Fail, status.detail);
    }
}

void Diagnostics::checkPing()
{
    const ClientProfile &profile = m_session->profile();
    if (!profile.isApproved())
        return set(HubAnswers, Verdict::Skipped, tr("There is no approved tunnel yet."));
    if (!m_session->tunnel()->status().interfaceExists)
        return set(HubAnswers, Verdict::Skipped, tr("The tunnel is not up."));
    if (profile.lastStatus->tunnel.hubAddress.isNull())
        return set(HubAnswers, Verdict::Skipped,
                   tr("The hub did not say which VPN address it has, so it cannot be pinged."));
    const QString hub = profile.lastStatus->tunnel.hubAddress.toString();
    const quint64 generation = m_generation;
    m_tools.run(QStringLiteral("ping"),
                { QStringLiteral("-n"), QStringLiteral("-c"), QStringLiteral("3"), QStringLiteral("-i"),
                  QStringLiteral("0.3"), QStringLiteral("-W"), QStringLiteral("2"), hub },
                { QStringLiteral("ping") }, {}, this, [this, generation, hub](Result<ToolOutput> output) {
                    if (generation != m_generation)
                        return;
                    if (!output)
                        return set(HubAnswers, Verdict::Skipped, output.error().message);
                    if (output->exitCode == 0)
                        return set(HubAnswers, Verdict::Pass,
                                   tr("The hub's VPN address %1 answers ping through the tunnel.").arg(hub));
                    set(HubAnswers, Verdict::Fail,
                        tr("The hub's VPN address %1 does not answer ping. If the handshake is fine, "
                           "a route or firewall on this computer may be in the way.")
                            .arg(hub));
                });
}

void Diagnostics::checkRoutes()
{
    const ClientProfile &profile = m_session->profile();
    if (!profile.isApproved())
        return set(RouteConflicts, Verdict::Skipped, tr("There is no approved tunnel yet."));
    const QList<IpNetwork> networks = profile.lastStatus->tunnel.allowedIps;
    const QString tunnelInterface
        = m_session->tunnel()->backend() ? m_session->tunnel()->backend()->interfaceName() : QString();
    const quint64 generation = m_generation;
    m_tools.run(
        QStringLiteral("ip"), { QStringLiteral("-json"), QStringLiteral("route"), QStringLiteral("show") },
        { QStringLiteral("ip") }, {}, this,
        [this, generation, networks, tunnelInterface](Result<ToolOutput> output) {
            if (generation != m_generation)
                return;
            if (!output || output->exitCode != 0)
                return set(RouteConflicts, Verdict::Skipped, tr("The routing table could not be read."));
            const Result<QList<RouteConflict>> conflicts
                = findRouteConflicts(output->standardOutput, networks, tunnelInterface);
            if (!conflicts)
                return set(RouteConflicts, Verdict::Skipped, conflicts.error().message);
            if (conflicts->isEmpty()) {
                QStringList names;
                for (const IpNetwork &network : networks)
                    names.append(network.toString());
                return set(RouteConflicts, Verdict::Pass,
                           tr("No other network on this computer overlaps %1.")
                               .arg(names.join(QStringLiteral(", "))));
            }
            QStringList found;
            for (const RouteConflict &conflict : *conflicts)
                found.append(
                    tr("%1 on %2 overlaps the VPN's %3")
                        .arg(conflict.route.toString(), conflict.device, conflict.vpnNetwork.toString()));
            set(RouteConflicts, Verdict::Fail,
                tr("%1. Traffic for those addresses does not go through the tunnel; ask your "
                   "administrator.")
                    .arg(found.join(QStringLiteral("; "))));
        });
}

QString Diagnostics::report() const
{
    const ClientProfile &profile = m_session->profile();
    const SystemIdentity &identity = m_session->identity();
    QStringList lines;
    lines
        << tr("Factory VPN diagnostics, %1").arg(QDateTime::currentDateTimeUtc().toString(Qt::ISODate))
        << tr("App version: %1").arg(QStringLiteral(FACTORYVPN_VERSION))
        << tr("Hub: %1").arg(profile.hubUrl.toString())
        << tr("Pinned certificate: %1")
               .arg(profile.pinnedFingerprint.isEmpty()
                        ? tr("(none, system trust)")
                        : CertificatePin::toDisplay(profile.pinnedFingerprint))
        << tr("Name: %1; host: %2; OS: %3").arg(profile.displayName, identity.hostname, identity.os)
        << tr("Public key: %1").arg(profile.publicKey.isNull() ? tr("(none)") : profile.publicKey.toBase64())
        << tr("Request: %1, %2")
               .arg(profile.requestId.isEmpty() ? tr("(none)") : profile.requestId,
                    profile.lastStatus ? registrationStateName(profile.lastStatus->state)
                                       : tr("not registered"));
    if (profile.isApproved()) {
        const TunnelParameters &tunnel = profile.lastStatus->tunnel;
        QStringList allowed;
        for (const IpNetwork &network : tunnel.allowedIps)
            allowed.append(network.toString());
        lines << tr("VPN address: %1/%2; hub %3 at %4; hub key %5; allowed IPs %6")
                     .arg(tunnel.address.toString())
                     .arg(tunnel.prefixLength)
                     .arg(tunnel.hubAddress.isNull() ? tr("(address unknown)") : tunnel.hubAddress.toString(),
                          tunnel.hubEndpoint.toString(), tunnel.hubPublicKey.toBase64(),
                          allowed.join(QStringLiteral(", ")));
    }
    const TunnelStatus &status = m_session->tunnel()->status();
    lines << tr("Tunnel: %1%2")
                 .arg(tunnelStateText(status.state),
                      status.detail.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(status.detail));
    if (status.interfaceExists)
        lines << tr("Endpoint: %1; last handshake %2; received %3, sent %4")
                     .arg(status.endpoint ? status.endpoint->toString() : tr("(none)"),
                          formatHandshakeAge(status.handshakeAgeSecs), formatBytes(status.rxBytes),
                          formatBytes(status.txBytes));
    lines << QString();
    for (const DiagnosticCheck &check : m_checks)
        lines << QStringLiteral("[%1] %2: %3").arg(verdictText(check.verdict), check.title, check.words);
    return lines.join(u'\n') + u'\n';
}

} // namespace fvpn
