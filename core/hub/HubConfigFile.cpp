#include "HubConfigFile.h"

#include "AtomicFile.h"
#include "TextRules.h"

#include <QRegularExpression>
#include <QSet>
#include <QStringDecoder>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace fvpn {

namespace {

using Kind = HubConfigFile::Kind;

// Command-line options that are not keys, with their arity, so the walk over
// the command line knows which argument is a value.
struct CommandLineOnly
{
    QString name;
    QChar shortName;
    bool takesValue;
};

const QList<CommandLineOnly> &commandLineOnly()
{
    static const QList<CommandLineOnly> options {
        { u"apitoken"_s, u't', true }, { u"config"_s, {}, true },   { u"check-config"_s, {}, false },
        { u"help"_s, u'h', false },    { u"version"_s, {}, false },
    };
    return options;
}

std::optional<bool> parseBool(QStringView text)
{
    static const QStringList yes { u"true"_s, u"yes"_s, u"on"_s, u"1"_s };
    static const QStringList no { u"false"_s, u"no"_s, u"off"_s, u"0"_s };
    if (yes.contains(text))
        return true;
    if (no.contains(text))
        return false;
    return std::nullopt;
}

// What one argument of the command line is, for the walk below.
struct Walked
{
    QSet<QString> keys; // long names of every option given (keys and others)
    bool hasPositional = false;
};

Walked walk(const QStringList &arguments)
{
    Walked result;
    const auto takesValue = [](const QString &longName) {
        if (const HubConfigFile::Key *key = HubConfigFile::findKey(longName))
            return key->kind != Kind::Flag;
        for (const CommandLineOnly &o : commandLineOnly()) {
            if (o.name == longName)
                return o.takesValue;
        }
        return false;
    };
    const auto longNameOf = [](QChar shortName) -> QString {
        for (const HubConfigFile::Key &key : HubConfigFile::keys()) {
            if (key.shortName == shortName)
                return key.name;
        }
        for (const CommandLineOnly &o : commandLineOnly()) {
            if (o.shortName == shortName)
                return o.name;
        }
        return {};
    };
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString &arg = arguments.at(i);
        if (arg == u"--") {
            result.hasPositional = result.hasPositional || i + 1 < arguments.size();
            break;
        }
        if (arg.startsWith(u"--")) {
            const qsizetype equals = arg.indexOf(u'=');
            const QString name = arg.mid(2, equals < 0 ? -1 : equals - 2);
            result.keys.insert(name);
            if (equals < 0 && takesValue(name))
                ++i;
        } else if (arg.startsWith(u'-') && arg.size() > 1) {
            // Compacted short options (-fX is -f X); only the first letter matters here.
            const QString name = longNameOf(arg.at(1));
            if (name.isEmpty())
                continue;
            result.keys.insert(name);
            if (arg.size() == 2 && takesValue(name))
                ++i;
        } else {
            result.hasPositional = true;
        }
    }
    return result;
}

QString lineLabel(const QString &path, int line)
{
    const QString file = path.section(u'/', -1);
    return u"%1 line %2"_s.arg(file).arg(line);
}

} // namespace

const QList<HubConfigFile::Key> &HubConfigFile::keys()
{
    // In the order of `factory-vpn-hub --help` and the shipped hub.conf.
    static const QList<Key> all {
        { u"factory"_s, u'f', Kind::Value },
        { u"intf-name"_s, u'n', Kind::Value },
        { u"privatekey"_s, u'k', Kind::Value },
        { u"apitoken-file"_s, {}, Kind::Value },
        { u"oauthcreds"_s, u'a', Kind::Value },
        { u"inventory"_s, {}, Kind::Value },
        { u"api-url"_s, {}, Kind::Value },
        { u"interval"_s, u'i', Kind::Value },
        { u"vpnaddr"_s, u'v', Kind::Value },
        { u"port"_s, u'p', Kind::Value },
        { u"endpoint"_s, u'e', Kind::Value },
        { u"no-check-ip"_s, {}, Kind::Flag },
        { u"no-sysctl"_s, {}, Kind::Flag },
        { u"clients-file"_s, {}, Kind::Value },
        { u"state-dir"_s, {}, Kind::Value },
        { u"hosts-file"_s, {}, Kind::Value },
        { u"allow-device-to-device"_s, {}, Kind::Flag },
        { u"log-level"_s, {}, Kind::Value },
        { u"public-listen"_s, {}, Kind::Value },
        { u"admin-listen"_s, {}, Kind::Repeatable },
        { u"metrics-listen"_s, {}, Kind::Value },
        { u"tls-cert"_s, {}, Kind::Value },
        { u"tls-key"_s, {}, Kind::Value },
        { u"public-url"_s, {}, Kind::Value },
        { u"max-pending"_s, {}, Kind::Value },
        { u"registration-burst"_s, {}, Kind::Value },
        { u"directory-port"_s, {}, Kind::Value },
        { u"ssh-user"_s, {}, Kind::Value },
        { u"no-api"_s, {}, Kind::Flag },
    };
    return all;
}

const HubConfigFile::Key *HubConfigFile::findKey(QStringView name)
{
    for (const Key &key : keys()) {
        if (key.name == name)
            return &key;
    }
    return nullptr;
}

Result<QList<HubConfigFile::Entry>> HubConfigFile::parse(QByteArrayView text)
{
    QStringDecoder decoder(QStringDecoder::Utf8);
    const QString decoded = decoder.decode(text);
    if (decoder.hasError())
        return makeError(ErrorCode::InvalidInput, u"not UTF-8 text"_s);

    QList<Entry> entries;
    QList<LineError> errors;
    QHash<QString, int> seenAt;
    const QStringList lines = decoded.split(u'\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const int number = int(i) + 1;
        QString line = lines.at(i);
        if (line.endsWith(u'\r'))
            line.chop(1);
        const QString trimmed = line.trimmed();
        if (trimmed.isEmpty() || trimmed.startsWith(u'#'))
            continue;
        const auto bad = [&](const QString &message) {
            errors.append({ number, message });
        };
        if (TextRules::containsControlCharacters(trimmed)) {
            bad(u"contains a control character"_s);
            continue;
        }
        const qsizetype equals = trimmed.indexOf(u'=');
        if (equals < 0) {
            bad(u"'%1' is not 'key = value'"_s.arg(trimmed.left(60)));
            continue;
        }
        const QString name = trimmed.left(equals).trimmed();
        const QString value = trimmed.mid(equals + 1).trimmed();
        if (name == u"apitoken") {
            bad(u"the API token does not belong in this file (every user can read it): write it to a file "
                "only root can read (chmod 600) and name that file with 'apitoken-file'"_s);
            continue;
        }
        const Key *key = findKey(name);
        if (!key) {
            bad(u"unknown key '%1' (keys are the hub's long option names, such as intf-name or state-dir)"_s
                    .arg(name.left(60)));
            continue;
        }
        if (key->kind != Kind::Repeatable) {
            if (const auto seen = seenAt.constFind(name); seen != seenAt.constEnd()) {
                bad(u"'%1' is already set on line %2"_s.arg(name).arg(*seen));
                continue;
            }
        }
        Entry entry { name, value, number };
        if (key->kind == Kind::Flag) {
            const std::optional<bool> flag = parseBool(value);
            if (!flag) {
                bad(u"'%1' is a switch: true or false, not '%2'"_s.arg(name, value.left(60)));
                continue;
            }
            entry.value = *flag ? u"true"_s : u"false"_s;
        } else if (value.isEmpty()) {
            bad(u"'%1' has no value (comment the line out to use the default)"_s.arg(name));
            continue;
        }
        seenAt.insert(name, number);
        entries.append(entry);
    }
    if (!errors.isEmpty()) {
        QStringList shown;
        for (const LineError &e : std::as_const(errors))
            shown << e.toString();
        Error error = makeError(ErrorCode::InvalidInput, shown.join(u'\n'));
        error.lineErrors = errors;
        return error;
    }
    return entries;
}

Result<QList<HubConfigFile::Entry>> HubConfigFile::load(const QString &path)
{
    const Result<QByteArray> raw = AtomicFile::read(path, MaxBytes);
    if (!raw)
        return makeError(raw.error().code, u"cannot read the configuration: %1"_s.arg(raw.error().message));
    Result<QList<Entry>> parsed = parse(*raw);
    if (!parsed) {
        Error error = parsed.error();
        QStringList shown;
        for (const LineError &e : std::as_const(error.lineErrors))
            shown << u"%1:%2: %3"_s.arg(path).arg(e.line).arg(e.message);
        if (shown.isEmpty())
            shown << u"%1: %2"_s.arg(path, error.message);
        error.message = shown.join(u'\n');
        return error;
    }
    return parsed;
}

Result<HubConfigFile::Merged> HubConfigFile::merge(const QStringList &commandLine)
{
    Merged merged;
    QStringList rest;
    bool configGiven = false;
    for (qsizetype i = 0; i < commandLine.size(); ++i) {
        const QString &arg = commandLine.at(i);
        if (arg == u"--") {
            rest << commandLine.mid(i);
            break;
        }
        if (arg == u"--check-config") {
            merged.checkOnly = true;
            continue;
        }
        if (arg == u"--config" || arg.startsWith(u"--config=")) {
            if (configGiven)
                return makeError(ErrorCode::InvalidInput, u"--config is given more than once"_s);
            configGiven = true;
            if (arg == u"--config") {
                if (i + 1 >= commandLine.size())
                    return makeError(ErrorCode::InvalidInput, u"--config needs a file name"_s);
                merged.configPath = commandLine.at(++i);
            } else {
                merged.configPath = arg.mid(9);
            }
            if (merged.configPath.isEmpty())
                return makeError(ErrorCode::InvalidInput, u"--config needs a file name"_s);
            continue;
        }
        rest << arg;
    }
    if (merged.checkOnly && !configGiven)
        merged.configPath = DefaultPath.toString();

    const Walked given = walk(rest);
    for (const Key &key : keys()) {
        if (given.keys.contains(key.name))
            merged.fromCommandLine.insert(key.name);
    }
    // Where the devices come from is one choice: a token, OAuth credentials or a
    // static list on the command line replaces whichever the file names.
    static const QStringList deviceSource { u"apitoken"_s, u"apitoken-file"_s, u"oauthcreds"_s,
                                            u"inventory"_s };
    const bool sourceGiven = std::any_of(deviceSource.cbegin(), deviceSource.cend(),
                                         [&](const QString &k) { return given.keys.contains(k); });
    QSet<QString> overridden = merged.fromCommandLine;
    if (sourceGiven) {
        for (const QString &k : deviceSource)
            overridden.insert(k);
    }
    if (!merged.configPath.isEmpty()) {
        const Result<QList<Entry>> entries = load(merged.configPath);
        if (!entries)
            return entries.error();
        for (const Entry &entry : *entries) {
            if (overridden.contains(entry.key))
                continue;
            const Key *key = findKey(entry.key);
            if (key->kind == Kind::Flag) {
                if (entry.value == u"true")
                    merged.arguments << u"--"_s + entry.key;
            } else {
                merged.arguments << u"--%1=%2"_s.arg(entry.key, entry.value);
            }
            merged.fromFile.append(entry);
        }
    }
    merged.arguments << rest;
    if (merged.checkOnly && !given.hasPositional)
        merged.arguments << u"daemon"_s;
    return merged;
}

QString HubConfigFile::Merged::explain(const QString &message) const
{
    QStringList where;
    for (const Entry &entry : fromFile) {
        // The option name followed by something that cannot continue it.
        const QRegularExpression named(u"--%1(?![A-Za-z0-9-])"_s.arg(QRegularExpression::escape(entry.key)));
        if (named.match(message).hasMatch())
            where << u"%1 (%2)"_s.arg(lineLabel(configPath, entry.line), entry.key);
    }
    if (!where.isEmpty())
        return where.join(u", "_s) + u": "_s + message;
    if (!configPath.isEmpty())
        return message + u" (options from the command line and %1)"_s.arg(configPath);
    return message;
}

QString HubConfigFile::Merged::origin(const QString &key) const
{
    if (fromCommandLine.contains(key))
        return u"command line"_s;
    QStringList lines;
    for (const Entry &entry : fromFile) {
        if (entry.key == key)
            lines << QString::number(entry.line);
    }
    if (!lines.isEmpty())
        return u"%1 line %2"_s.arg(configPath.section(u'/', -1), lines.join(u", "_s));
    return u"default"_s;
}

QByteArray HubConfigFile::withValues(QByteArrayView text, const QList<QPair<QString, QString>> &values)
{
    QList<QByteArray> lines = QByteArray(text.data(), text.size()).split('\n');
    const bool endedWithNewline = text.isEmpty() || text.endsWith('\n');
    if (endedWithNewline && !lines.isEmpty())
        lines.removeLast(); // the empty piece after the final newline
    const auto keyOf = [](const QByteArray &line, bool commented) -> QByteArray {
        QByteArray t = line.trimmed();
        if (commented) {
            if (!t.startsWith('#'))
                return {};
            t = t.mid(1).trimmed();
        } else if (t.startsWith('#')) {
            return {};
        }
        const qsizetype equals = t.indexOf('=');
        return equals < 0 ? QByteArray() : t.left(equals).trimmed();
    };
    for (const auto &[key, value] : values) {
        const QByteArray name = key.toUtf8();
        if (value.isNull()) {
            lines.removeIf([&](const QByteArray &l) { return keyOf(l, false) == name; });
            continue;
        }
        const QByteArray line = name + " = " + value.toUtf8();
        qsizetype at = -1;
        for (qsizetype i = 0; i < lines.size() && at < 0; ++i) {
            if (keyOf(lines.at(i), false) == name)
                at = i;
        }
        for (qsizetype i = 0; i < lines.size() && at < 0; ++i) {
            if (keyOf(lines.at(i), true) == name)
                at = i;
        }
        if (at >= 0)
            lines[at] = line;
        else
            lines.append(line);
        // Any later active line of the same key would now be a duplicate.
        for (qsizetype i = lines.size() - 1; i > at && at >= 0; --i) {
            if (keyOf(lines.at(i), false) == name)
                lines.removeAt(i);
        }
    }
    QByteArray out = lines.join('\n');
    out.append('\n');
    return out;
}

} // namespace fvpn
