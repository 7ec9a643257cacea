#pragma once

#include "PublicKey.h"

#include <QString>

// Real Curve25519 public keys (from `wg genkey | wg pubkey`) for the hub's tests.
namespace fvpn::testkeys {

inline const QString A = QStringLiteral("xN+d5uIiVCB6KCu5rUco5RyeXmvRoPTMqqW6IN/GVlg=");
inline const QString B = QStringLiteral("nNwxDUYGZ9sJg0RPpj4oGunjIvIiNl6y5N+vlyFE+QY=");
inline const QString C = QStringLiteral("XNOLVNX9YufWYmJIrAzvGX0ZzPqFkrMAvLiTVlOInUY=");
inline const QString D = QStringLiteral("TVbyfcKYB/w3twuWqELdZe2bka17BGvUtYztC6QA3xM=");
inline const QString E = QStringLiteral("xfTrCN6Z2lEBvueu3/Hg3LfzTD7kHnOp/RWlrvY6XBA=");

inline PublicKey key(const QString &base64)
{
    return PublicKey::fromBase64(base64).value();
}

} // namespace fvpn::testkeys
