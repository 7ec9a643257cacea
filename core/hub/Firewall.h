#pragma once

#include "NftRuleset.h"
#include "Result.h"

#include <QByteArray>

#include <functional>
#include <optional>

namespace fvpn {

// Applies NftRuleset scripts with `nft -f -`, one atomic transaction each. The first
// apply (and every repair) replaces the whole table; later ones add and delete only
// the set elements that differ, or rewrite the device-to-device chain, so approving
// an engineer never touches the rules carrying other flows.
//
// It remembers what it wrote and the ruleset generation right after (when that
// write was the only transaction in between): verify() then knows the table is
// intact from one netlink round trip, and lists the table only when someone has
// changed some ruleset since.
class Firewall
{
public:
    using GenerationSource = std::function<std::optional<quint32>()>;

    explicit Firewall(NftRuleset ruleset);

    const NftRuleset &ruleset() const { return m_ruleset; }

    // Brings the table to `state` with the smallest transaction; true when it ran
    // one. A table never written (or left unknown by a failure) is replaced.
    Result<bool> apply(const FirewallState &state);
    // Replaces the whole table (atomically): at start and to undo drift, such as
    // someone flushing the ruleset.
    Result<void> replace(const FirewallState &state);
    // The periodic check: nothing is run when the ruleset generation is the one
    // after our last write; otherwise the table is listed and replaced only if its
    // sets or rules differ from what was written. True when it repaired.
    Result<bool> verify(const FirewallState &state);
    // The table as nft lists it, for diagnostics.
    Result<QString> list() const;

    // Tests substitute the generation (the default reads it over netlink).
    void setGenerationSource(GenerationSource source) { m_generation = std::move(source); }

    // net.ipv4.ip_forward = 1 unless already on. FVPN_IP_FORWARD_FILE overrides the
    // /proc path for tests.
    static Result<bool> enableForwarding();

private:
    Result<void> run(const QString &script);
    void captureRules();
    // Empty when the listing matches what was written, else what differs.
    QString drift(const QByteArray &listing, const FirewallState &state) const;

    NftRuleset m_ruleset;
    GenerationSource m_generation;
    std::optional<FirewallState> m_applied; // unknown after a failure: next apply replaces
    std::optional<quint32> m_trustedGeneration; // the generation our last write produced
    QByteArray m_rules; // our chains and rules as nft lists them, captured after a write
};

} // namespace fvpn
