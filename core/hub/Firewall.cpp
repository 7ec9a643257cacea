#include "Firewall.h"

#include "CommandRunner.h"
#include "HubLog.h"

#include <QFile>

using namespace Qt::StringLiterals;

namespace fvpn {

Firewall::Firewall(NftRuleset ruleset)
    : m_ruleset(std::move(ruleset))
{ }

Result<void> Firewall::run(const QString &script)
{
    const Result<QByteArray> ran
        = CommandRunner::run(CommandRunner::Tool::Nft, { u"-f"_s, u"-"_s }, script.toUtf8());
    if (!ran)
        return ran.error();
    return {};
}

Result<void> Firewall::replace(const FirewallState &state)
{
    m_applied.reset();
    if (Result<void> done = run(m_ruleset.replaceTable(state)); !done)
        return done;
    m_applied = state;
    return {};
}

Result<void> Firewall::apply(const FirewallState &state)
{
    if (!m_applied)
        return replace(state);
    const QString script = m_ruleset.update(*m_applied, state);
    if (script.isEmpty())
        return {};
    if (Result<void> done = run(script); !done) {
        // The table may have been removed or changed behind our back: rebuild it.
        qCWarning(lcHub).noquote() << u"firewall update failed, replacing table %1: %2"_s.arg(
            m_ruleset.tableName(), done.error().message);
        return replace(state);
    }
    if (m_applied->deviceToDevice != state.deviceToDevice)
        qCInfo(lcHub).noquote() << "device-to-device forwarding"
                                << (state.deviceToDevice ? "allowed" : "blocked");
    m_applied = state;
    return {};
}

Result<QString> Firewall::list() const
{
    const Result<QByteArray> listed = CommandRunner::run(
        CommandRunner::Tool::Nft, { u"list"_s, u"table"_s, u"ip"_s, m_ruleset.tableName() });
    if (!listed)
        return listed.error();
    return QString::fromUtf8(*listed);
}

Result<bool> Firewall::enableForwarding()
{
    QString path = qEnvironmentVariable("FVPN_IP_FORWARD_FILE");
    if (path.isEmpty())
        path = u"/proc/sys/net/ipv4/ip_forward"_s;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(ErrorCode::IoError, u"cannot read %1: %2"_s.arg(path, file.errorString()));
    if (file.readAll().trimmed() == "1")
        return false;
    file.close();
    if (!file.open(QIODevice::WriteOnly) || file.write("1\n") != 2)
        return makeError(ErrorCode::IoError,
                         u"cannot turn on IPv4 forwarding (%1): %2"_s.arg(path, file.errorString()));
    return true;
}

} // namespace fvpn
