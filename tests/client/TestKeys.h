#pragma once

#include "PrivateKey.h"
#include "PublicKey.h"

#include <QString>

// Keys made by the core library at run time, so no key is pasted into the tests.
namespace fvpn::test {

inline PublicKey freshPublicKey()
{
    return PrivateKey::generate().value().publicKey();
}

} // namespace fvpn::test
