#include "StateIcons.h"

namespace fvpn::StateIcons {

QIcon icon(AppState state)
{
    return QIcon(QStringLiteral(":/icons/state-%1.svg").arg(appStateName(state)));
}

QIcon appIcon()
{
    return QIcon(QStringLiteral(":/icons/app.svg"));
}

} // namespace fvpn::StateIcons
