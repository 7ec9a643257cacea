#include "HubView.h"

namespace fvpn {

HubView::HubView()
    : devices(std::make_shared<const QList<InventoryDevice>>())
    , clients(std::make_shared<const ClientsView>())
    , live(std::make_shared<const LiveSample>())
{ }

} // namespace fvpn
