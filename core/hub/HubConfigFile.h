#pragma once

#include "Result.h"

#include <QByteArrayView>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

namespace fvpn {

// /etc/factory-vpn/hub.conf: one `key = value` a line, whole-line `#` comments,
// blank lines. Every key is the long name of a command-line option of the hub
// (HubCommandLine or HubApiOptions); a flag takes true or false. The file is folded
// into the command line (merge) so that one parser validates both, and the
// command line wins over the file.
//
// Deliberately not a key: the API token itself (-t). hub.conf is readable by
// every user; the token belongs in a 0600 file named by `apitoken-file`.
class HubConfigFile
{
public:
    enum class Kind
    {
        Value,
        Flag,
        Repeatable // may appear on several lines (admin-listen)
    };

    struct Key
    {
        QString name; // the long option without "--"
        QChar shortName; // null when the option has none
        Kind kind = Kind::Value;
    };

    struct Entry
    {
        QString key;
        QString value; // for a flag: "true" or "false"
        int line = 0;

        friend bool operator==(const Entry &, const Entry &) = default;
    };

    // What `factory-vpn-hub` was told: the file's entries that took effect and the
    // arguments to parse (file entries first, then the command line).
    struct Merged
    {
        QString configPath; // empty: no --config
        bool checkOnly = false; // --check-config
        QStringList arguments;
        QList<Entry> fromFile; // entries that took effect (not overridden)
        QSet<QString> fromCommandLine; // keys the command line set

        // `message` (an error of the option parsers, which name options as
        // --key) prefixed with the file and line of each key it names that came
        // from the file, so a bad value in hub.conf is reported by its line.
        QString explain(const QString &message) const;
        // Where a key's value came from: "hub.conf line 4", "command line" or "default".
        QString origin(const QString &key) const;
    };

    static const QList<Key> &keys();
    static const Key *findKey(QStringView name);

    // The file's text; on failure every bad line is in Error::lineErrors and the
    // message lists them ("line 3: ...").
    static Result<QList<Entry>> parse(QByteArrayView text);
    // parse() of a file; messages start with the path.
    static Result<QList<Entry>> load(const QString &path);

    // Takes `--config FILE` and `--check-config` out of `commandLine`, loads the file
    // if one was named, and returns the merged arguments. A file entry whose option
    // the command line also gives is dropped (all admin-listen lines, if the
    // command line gives one; all of apitoken-file, oauthcreds and inventory if it
    // names any source of devices, -t included). With --check-config and no command, "daemon" is
    // assumed (what the packaged unit runs); its file defaults to DefaultPath.
    static Result<Merged> merge(const QStringList &commandLine);

    // `text` (an existing hub.conf, or empty) with each key set to its value:
    // an active line of the key is replaced in place, else a commented-out
    // default (`# key = ...`) is uncommented, else the line is appended. Comments
    // and other lines stay byte for byte. A null value removes the key's active
    // lines. For `enable`.
    static QByteArray withValues(QByteArrayView text, const QList<QPair<QString, QString>> &values);

    static constexpr QStringView DefaultPath = u"/etc/factory-vpn/hub.conf";
    static constexpr qint64 MaxBytes = 1024 * 1024;
};

} // namespace fvpn
