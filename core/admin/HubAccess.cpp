#include "HubAccess.h"

namespace fvpn {

QString inviteStateName(InviteState state)
{
    switch (state) {
    case InviteState::Usable:
        return QStringLiteral("usable");
    case InviteState::Used:
        return QStringLiteral("used");
    case InviteState::Expired:
        return QStringLiteral("expired");
    case InviteState::Revoked:
        return QStringLiteral("revoked");
    }
    return {};
}

std::optional<InviteState> inviteStateFromName(QStringView name)
{
    for (InviteState state :
         { InviteState::Usable, InviteState::Used, InviteState::Expired, InviteState::Revoked }) {
        if (name == inviteStateName(state))
            return state;
    }
    return std::nullopt;
}

} // namespace fvpn
