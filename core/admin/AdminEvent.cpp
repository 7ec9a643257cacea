#include "AdminEvent.h"

#include <array>
#include <utility>

namespace fvpn {

namespace {

constexpr std::array<std::pair<AdminEventKind, const char *>, 16> Names { {
    { AdminEventKind::Hello, "hello" },
    { AdminEventKind::RequestCreated, "request.created" },
    { AdminEventKind::RequestCancelled, "request.cancelled" },
    { AdminEventKind::RequestApproved, "request.approved" },
    { AdminEventKind::RequestRejected, "request.rejected" },
    { AdminEventKind::RequestRevoked, "request.revoked" },
    { AdminEventKind::ClientAdded, "client.added" },
    { AdminEventKind::ClientRevoked, "client.revoked" },
    { AdminEventKind::ClientsFileChanged, "clients_file.changed" },
    { AdminEventKind::SettingsChanged, "settings.changed" },
    { AdminEventKind::DeviceOnline, "device.online" },
    { AdminEventKind::DeviceStale, "device.stale" },
    { AdminEventKind::DeviceOffline, "device.offline" },
    { AdminEventKind::InventoryChanged, "inventory.changed" },
    { AdminEventKind::ApplyFailed, "apply.failed" },
    { AdminEventKind::Reset, "reset" },
} };

} // namespace

QString adminEventName(AdminEventKind kind)
{
    for (const auto &[k, name] : Names) {
        if (k == kind)
            return QString::fromLatin1(name);
    }
    return {};
}

std::optional<AdminEventKind> adminEventKindFromName(QStringView name)
{
    for (const auto &[k, text] : Names) {
        if (name == QLatin1StringView(text))
            return k;
    }
    return std::nullopt;
}

} // namespace fvpn
