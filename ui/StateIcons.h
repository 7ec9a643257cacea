#pragma once

#include "AppState.h"

#include <QIcon>

namespace fvpn {

// The drawn icons (resources/icons/state-*.svg), one per state, for the tray
// and the window's header.
namespace StateIcons {

QIcon icon(AppState state);
QIcon appIcon();

} // namespace StateIcons

} // namespace fvpn
