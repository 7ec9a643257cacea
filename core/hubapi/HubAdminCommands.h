#pragma once

#include <QStringList>

QT_BEGIN_NAMESPACE
class QTextStream;
QT_END_NAMESPACE

namespace fvpn {

// `factory-vpn-hub token …` and `factory-vpn-hub invite …`: admin chores done on
// the hub itself, on the same state database the running hub uses (SQLite WAL
// lets both work at once). Every change lands in the audit log as actor "cli".
namespace HubAdminCommands {

// Whether `arguments` (without the program name) is one of these commands.
bool handles(const QStringList &arguments);
// Runs it; returns the process exit code (0 ok, 1 failure, 2 usage).
int run(const QStringList &arguments, QTextStream &out, QTextStream &err);

// Written by the running hub so `invite create` can print a complete link.
constexpr auto PublicInfoFile = "api-public.json";

} // namespace HubAdminCommands

} // namespace fvpn
