#pragma once

#include "NftRuleset.h"
#include "Result.h"

#include <optional>

namespace fvpn {

// Applies NftRuleset scripts with `nft -f -`, one atomic transaction each. The first
// apply (and every repair) replaces the whole table; later ones change only the sets
// or the device-to-device chain that differ, so toggling a mode or approving an
// engineer never touches the rules carrying other flows.
class Firewall
{
public:
    explicit Firewall(NftRuleset ruleset);

    const NftRuleset &ruleset() const { return m_ruleset; }

    Result<void> apply(const FirewallState &state);
    // Replaces the whole table (atomically): at start and to undo drift, such as
    // someone flushing the ruleset.
    Result<void> replace(const FirewallState &state);
    // The table as nft lists it, for diagnostics.
    Result<QString> list() const;

    // net.ipv4.ip_forward = 1 unless already on. FVPN_IP_FORWARD_FILE overrides the
    // /proc path for tests.
    static Result<bool> enableForwarding();

private:
    Result<void> run(const QString &script);

    NftRuleset m_ruleset;
    std::optional<FirewallState> m_applied; // unknown after a failure: next apply replaces
};

} // namespace fvpn
