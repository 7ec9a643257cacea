#include "Firewall.h"

#include "CommandRunner.h"
#include "HubLog.h"
#include "NftGeneration.h"
#include "NftListing.h"

#include <QFile>

using namespace Qt::StringLiterals;

namespace fvpn {

namespace {

FirewallState normalized(const FirewallState &state)
{
    return { NftRuleset::normalized(state.clients), NftRuleset::normalized(state.devices),
             state.deviceToDevice };
}

} // namespace

Firewall::Firewall(NftRuleset ruleset)
    : m_ruleset(std::move(ruleset))
    , m_generation(&NftGeneration::current)
{ }

Result<void> Firewall::run(const QString &script)
{
    const std::optional<quint32> before = m_generation();
    const Result<QByteArray> ran
        = CommandRunner::run(CommandRunner::Tool::Nft, { u"-f"_s, u"-"_s }, script.toUtf8());
    const std::optional<quint32> after = m_generation();
    // Ours alone only if exactly one transaction happened: a concurrent writer's
    // change would otherwise be taken for ours and never looked at.
    m_trustedGeneration.reset();
    if (ran && before && after && *after == *before + 1)
        m_trustedGeneration = after;
    if (!ran)
        return ran.error();
    return {};
}

void Firewall::captureRules()
{
    // -t leaves the set elements out: the rules alone are a few hundred bytes.
    const Result<QByteArray> listed
        = CommandRunner::run(CommandRunner::Tool::Nft,
                             { u"-j"_s, u"-t"_s, u"list"_s, u"table"_s, u"ip"_s, m_ruleset.tableName() });
    const Result<NftListing> listing
        = listed ? NftListing::parse(*listed) : Result<NftListing>(listed.error());
    m_rules = listing ? listing->rules : QByteArray();
    if (!listing)
        qCDebug(lcHub).noquote() << "firewall rules not captured for later checks:"
                                 << listing.error().message;
}

Result<void> Firewall::replace(const FirewallState &state)
{
    m_applied.reset();
    const FirewallState wanted = normalized(state);
    if (Result<void> done = run(m_ruleset.replaceTable(wanted)); !done)
        return done;
    m_applied = wanted;
    captureRules();
    return {};
}

Result<bool> Firewall::apply(const FirewallState &state)
{
    if (!m_applied) {
        if (Result<void> replaced = replace(state); !replaced)
            return replaced.error();
        return true;
    }
    const FirewallState wanted = normalized(state);
    const QString script = m_ruleset.update(*m_applied, wanted);
    if (script.isEmpty())
        return false;
    if (Result<void> done = run(script); !done) {
        // The table may have been removed or changed behind our back: rebuild it.
        qCWarning(lcHub).noquote() << u"firewall update failed, replacing table %1: %2"_s.arg(
            m_ruleset.tableName(), done.error().message);
        if (Result<void> replaced = replace(wanted); !replaced)
            return replaced.error();
        return true;
    }
    const bool chainChanged = m_applied->deviceToDevice != wanted.deviceToDevice;
    if (chainChanged)
        qCInfo(lcHub).noquote() << "device-to-device forwarding"
                                << (wanted.deviceToDevice ? "allowed" : "blocked");
    m_applied = wanted;
    if (chainChanged)
        captureRules();
    return true;
}

QString Firewall::drift(const QByteArray &listing, const FirewallState &state) const
{
    const Result<NftListing> parsed = NftListing::parse(listing);
    if (!parsed)
        return parsed.error().message;
    const auto compareSet = [&](QStringView name, const QList<IpAddress> &wanted) -> QString {
        const auto found = parsed->sets.constFind(name.toString());
        if (found == parsed->sets.cend())
            return u"set %1 is missing or holds other elements"_s.arg(name);
        if (found.value() != wanted)
            return u"set %1 has %2 elements, %3 expected or different ones"_s.arg(name)
                .arg(found.value().size())
                .arg(wanted.size());
        return {};
    };
    if (QString why = compareSet(NftRuleset::ClientSet, state.clients); !why.isEmpty())
        return why;
    if (QString why = compareSet(NftRuleset::DeviceSet, state.devices); !why.isEmpty())
        return why;
    if (!m_rules.isEmpty() && parsed->rules != m_rules)
        return u"its chains or rules were changed"_s;
    if (m_rules.isEmpty() && !parsed->rules.contains("\"forward\""))
        return u"its forward chain is missing"_s;
    return {};
}

Result<bool> Firewall::verify(const FirewallState &state)
{
    const FirewallState wanted = normalized(state);
    if (!m_applied || *m_applied != wanted)
        return apply(wanted);
    const std::optional<quint32> generation = m_generation();
    if (generation && m_trustedGeneration && *generation == *m_trustedGeneration)
        return false;

    const Result<QByteArray> listed = CommandRunner::run(
        CommandRunner::Tool::Nft, { u"-j"_s, u"list"_s, u"table"_s, u"ip"_s, m_ruleset.tableName() });
    const QString why
        = listed ? drift(*listed, wanted) : u"it cannot be listed (%1)"_s.arg(listed.error().message);
    if (why.isEmpty()) {
        // Intact at this generation: the next check costs one netlink round trip again.
        m_trustedGeneration = generation;
        return false;
    }
    qCWarning(lcHub).noquote() << u"firewall table %1 drifted: %2; replacing it"_s.arg(m_ruleset.tableName(),
                                                                                       why);
    if (Result<void> replaced = replace(wanted); !replaced)
        return replaced.error();
    return true;
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
