#include "HostsFile.h"

#include "AtomicFile.h"
#include "TextRules.h"

#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStringList>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace fvpn::HostsFile {

namespace {

bool usable(const HostEntry &entry)
{
    return !entry.address.isNull() && TextRules::checkHostName(entry.name).ok();
}

// What a line written by us (or upstream) looks like: address, whitespace, name.
bool looksLikeEntry(QStringView line)
{
    static const QRegularExpression pattern(u"^[0-9A-Fa-f.:]+[ \\t]+\\S+\\s*$"_s);
    return pattern.match(line).hasMatch();
}

} // namespace

QString beginMarker(QStringView factory)
{
    return u"## Factory(%1) VPN Lookups"_s.arg(factory);
}

QString endMarker(QStringView factory)
{
    return u"## END Factory(%1) VPN Lookups"_s.arg(factory);
}

QStringList unusableNames(const QList<HostEntry> &entries)
{
    QStringList names;
    for (const HostEntry &entry : entries) {
        if (!usable(entry))
            names.append(entry.name);
    }
    return names;
}

QString block(QStringView factory, const QList<HostEntry> &entries)
{
    QList<HostEntry> sorted;
    for (const HostEntry &entry : entries) {
        if (usable(entry))
            sorted.append(entry);
    }
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const HostEntry &a, const HostEntry &b) { return a.address < b.address; });
    QString text = beginMarker(factory) + u'\n';
    for (const HostEntry &entry : sorted)
        text += entry.address.toString() + u'\t' + entry.name + u'\n';
    return text + endMarker(factory) + u'\n';
}

QString updated(QStringView content, QStringView factory, const QList<HostEntry> &entries)
{
    const QString begin = beginMarker(factory);
    const QString end = endMarker(factory);
    const QList<QStringView> lines = content.split(u'\n');
    // split() yields a trailing empty piece when the content ends with a newline.
    const qsizetype lineCount
        = content.isEmpty() ? 0 : (content.endsWith(u'\n') ? lines.size() - 1 : lines.size());

    QString result;
    bool placed = false;
    qsizetype i = 0;
    while (i < lineCount) {
        const QStringView line = lines.at(i);
        if (line.trimmed() != begin) {
            result += line + u'\n';
            ++i;
            continue;
        }
        // Skip the old block: to its end marker, or over entry-looking lines when
        // the end marker is missing.
        qsizetype j = i + 1;
        while (j < lineCount && lines.at(j).trimmed() != end && lines.at(j).trimmed() != begin)
            ++j;
        if (j < lineCount && lines.at(j).trimmed() == end) {
            i = j + 1;
        } else {
            j = i + 1;
            while (j < lineCount && looksLikeEntry(lines.at(j)))
                ++j;
            i = j;
        }
        if (!placed) {
            result += block(factory, entries);
            placed = true;
        }
    }
    if (!placed) {
        if (!result.isEmpty() && !result.endsWith(u"\n\n"_s))
            result += u'\n';
        result += block(factory, entries);
    }
    return result;
}

Result<bool> writeIfChanged(const QString &path, QStringView factory, const QList<HostEntry> &entries)
{
    const Result<QByteArray> current = AtomicFile::read(path);
    if (!current && current.error().code != ErrorCode::NotFound)
        return current.error();
    const QString before = current ? QString::fromUtf8(*current) : QString();
    const QString after = updated(before, factory, entries);
    if (current && after == before)
        return false;
    const QByteArray bytes = after.toUtf8();
    QFileDevice::Permissions permissions
        = QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup | QFileDevice::ReadOther;
    if (current)
        permissions = QFileInfo(path).permissions();
    const Result<void> written = AtomicFile::write(path, bytes, permissions);
    if (written)
        return true;
    QFile file(path);
    if (current && file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(bytes) == bytes.size()
        && file.flush())
        return true;
    return makeError(written.error().code, u"cannot write %1: %2"_s.arg(path, written.error().message));
}

} // namespace fvpn::HostsFile
