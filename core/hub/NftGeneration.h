#pragma once

#include <QtGlobal>

#include <optional>

namespace fvpn {

// The generation id of this network namespace's nftables ruleset: the kernel adds
// one on every committed transaction, whoever sends it, and reading it is one
// netlink round trip (NFT_MSG_GETGEN) instead of an `nft list`. If it is still the
// value seen right after the hub's own last write, nobody has touched any table
// since, ours included.
namespace NftGeneration {

// nullopt when it cannot be read (no CAP_NET_ADMIN, no nf_tables): the caller
// then has to look at the table itself. FVPN_NFT_GENID_FILE, when set, names a
// file holding the number instead (tests, with a fake nft that bumps it).
std::optional<quint32> current();

} // namespace NftGeneration

} // namespace fvpn
