#pragma once

#include "IpAddress.h"
#include "Result.h"

#include <QList>
#include <QString>

namespace fvpn {

struct HostEntry
{
    IpAddress address;
    QString name;

    friend bool operator==(const HostEntry &, const HostEntry &) = default;
};

// The hub's block in /etc/hosts, with upstream's markers so an existing block is
// taken over:
//   ## Factory(<factory>) VPN Lookups
//   10.42.42.2<TAB>dev-01
//   ## END Factory(<factory>) VPN Lookups
// Pure text in, text out; lines outside the block are kept byte for byte.
namespace HostsFile {

QString beginMarker(QStringView factory);
QString endMarker(QStringView factory);

// Entries sorted by address; names that are not valid host names are dropped (the
// caller reports them), so a name can never inject a line.
QString block(QStringView factory, const QList<HostEntry> &entries);

// `content` with the factory's block replaced by (or, when absent, appended as)
// block(). A begin marker without its end marker (a hand edit, or a crash of the
// upstream daemon) takes only the entry-looking lines after it; later duplicate
// blocks for the same factory are removed.
QString updated(QStringView content, QStringView factory, const QList<HostEntry> &entries);

// The entries' names that block() would drop.
QStringList unusableNames(const QList<HostEntry> &entries);

// Applies updated() to the file at `path` when that changes it (true) and leaves it
// alone otherwise (false). Written atomically with the file's own permissions; a
// missing file is created 0644. When the rename cannot work (a bind-mounted
// /etc/hosts in a container) the file is rewritten in place instead.
Result<bool> writeIfChanged(const QString &path, QStringView factory, const QList<HostEntry> &entries);

} // namespace HostsFile

} // namespace fvpn
