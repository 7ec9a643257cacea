#pragma once

#include <QDir>
#include <QFile>
#include <QStringList>
#include <QTemporaryDir>

// Stand-ins for wg, ip and nft: shell scripts that append their arguments (and
// stdin, when asked) to a log, print a canned answer, and fail on request. They
// are substituted through the FVPN_* program overrides the hub honours. No UAPI
// socket exists in their run folder (FVPN_WG_RUN_DIR), so the hub drives `wg`
// as it does for kernel WireGuard; the nftables generation is a file
// (FVPN_NFT_GENID_FILE) that every successful `nft -f` bumps, as the kernel does.
class FakeTools
{
public:
    FakeTools()
    {
        for (const char *tool : { "wg", "ip", "nft", "wireguard-go" })
            install(QString::fromLatin1(tool));
        qputenv("FVPN_WG", path(QStringLiteral("wg")).toLocal8Bit());
        qputenv("FVPN_IP", path(QStringLiteral("ip")).toLocal8Bit());
        qputenv("FVPN_NFT", path(QStringLiteral("nft")).toLocal8Bit());
        qputenv("FVPN_WIREGUARD_GO", path(QStringLiteral("wireguard-go")).toLocal8Bit());
        qputenv("FVPN_WG_RUN_DIR", m_dir.path().toLocal8Bit());
        qputenv("FVPN_NFT_GENID_FILE", m_dir.filePath(QStringLiteral("nft.genid")).toLocal8Bit());
        setGeneration(1);
    }
    ~FakeTools()
    {
        for (const char *name : { "FVPN_WG", "FVPN_IP", "FVPN_NFT", "FVPN_WIREGUARD_GO", "FVPN_WG_RUN_DIR",
                                  "FVPN_NFT_GENID_FILE" })
            qunsetenv(name);
    }

    // The nftables ruleset generation as the hub reads it; someone else's
    // transaction is simulated by raising it.
    int generation() const
    {
        QFile file(m_dir.filePath(QStringLiteral("nft.genid")));
        return file.open(QIODevice::ReadOnly) ? file.readAll().trimmed().toInt() : -1;
    }
    void setGeneration(int value)
    {
        QFile file(m_dir.filePath(QStringLiteral("nft.genid")));
        file.open(QIODevice::WriteOnly | QIODevice::Truncate);
        file.write(QByteArray::number(value) + '\n');
    }

    // Replaces the fake wg with one that keeps its interface in files, so reads see
    // the writes: peers in wg.state ("<key> <allowed-ips>" lines), key and port
    // beside it. Derives public keys with the real `wg pubkey`.
    void useStatefulWg()
    {
        QFile wg(path(QStringLiteral("wg")));
        wg.open(QIODevice::WriteOnly | QIODevice::Truncate);
        wg.write(StatefulWg);
        wg.close();
        writeFile(QStringLiteral("wg.priv"), "(none)\n");
        writeFile(QStringLiteral("wg.pub"), "(none)\n");
        writeFile(QStringLiteral("wg.port"), "0\n");
    }
    void writeFile(const QString &name, const QByteArray &content)
    {
        QFile file(m_dir.filePath(name));
        file.open(QIODevice::WriteOnly | QIODevice::Truncate);
        file.write(content);
    }
    QByteArray readFile(const QString &name) const
    {
        QFile file(m_dir.filePath(name));
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }
    // The stateful wg's peers, sorted: "<key> <allowed-ips>".
    QStringList livePeers() const
    {
        QStringList lines
            = QString::fromUtf8(readFile(QStringLiteral("wg.state"))).split(u'\n', Qt::SkipEmptyParts);
        lines.sort();
        return lines;
    }

    QString path(const QString &tool) const { return m_dir.filePath(tool); }

    // Calls whose argument line contains `match` print `output` and exit with
    // `exitCode`; a failing call prints to stderr, like the real tools.
    void answer(const QString &tool, const QString &match, const QByteArray &output, int exitCode = 0)
    {
        QFile rules(m_dir.filePath(tool + QStringLiteral(".rules")));
        rules.open(QIODevice::Append);
        rules.write(match.toUtf8() + '\t' + QByteArray::number(exitCode) + '\t' + output.toBase64() + '\n');
    }
    void clearAnswers(const QString &tool) { QFile::remove(m_dir.filePath(tool + QStringLiteral(".rules"))); }

    // One entry per call: "ARGS: a b c" and, if stdin was not empty, "STDIN: ...".
    QStringList calls(const QString &tool) const
    {
        QFile log(m_dir.filePath(tool + QStringLiteral(".log")));
        if (!log.open(QIODevice::ReadOnly))
            return {};
        return QString::fromUtf8(log.readAll()).split(QStringLiteral("\n--\n"), Qt::SkipEmptyParts);
    }
    void clearCalls(const QString &tool) { QFile::remove(m_dir.filePath(tool + QStringLiteral(".log"))); }

private:
    static constexpr const char *StatefulWg = R"SH(#!/bin/bash
dir=$(dirname "$0"); state=$dir/wg.state; touch "$state"
input=$(cat)
{ printf 'ARGS: %s\n' "$*"; printf -- '--\n'; } >> "$dir/wg.log"
if [ -f "$dir/wg.rules" ]; then
  while IFS=$'\t' read -r match code out; do
    case " $* " in *"$match"*) printf '%s' "$out" | base64 -d >&2; exit "$code";; esac
  done < "$dir/wg.rules"
fi
if [ "$1" = show ]; then
  [ "$3" = dump ] || exit 0
  printf '%s\t%s\t%s\toff\n' "$(cat "$dir/wg.priv")" "$(cat "$dir/wg.pub")" "$(cat "$dir/wg.port")"
  while read -r key allowed; do
    printf '%s\t(none)\t(none)\t%s\t0\t0\t0\toff\n' "$key" "${allowed:-(none)}"
  done < "$state"
  exit 0
fi
[ "$1" = set ] || exit 1
shift 2
while [ $# -gt 0 ]; do
  case "$1" in
    listen-port) echo "$2" > "$dir/wg.port"; shift 2;;
    private-key) echo "$input" > "$dir/wg.priv"; echo "$input" | /usr/bin/wg pubkey > "$dir/wg.pub"; shift 2;;
    peer)
      key=$2; shift 2
      grep -vF "$key " "$state" > "$state.tmp"; mv "$state.tmp" "$state"
      if [ "$1" = remove ]; then shift; continue; fi
      if [ "$1" = allowed-ips ]; then echo "$key $2" >> "$state"; shift 2; fi;;
    *) exit 1;;
  esac
done
)SH";

    void install(const QString &tool)
    {
        const QString script = QStringLiteral(R"(#!/bin/bash
dir=$(dirname "$0"); name=$(basename "$0")
input=$(cat)
{ printf 'ARGS: %s\n' "$*"; [ -n "$input" ] && printf 'STDIN: %s\n' "$input"; printf -- '--\n'; } >> "$dir/$name.log"
code=0
if [ -f "$dir/$name.rules" ]; then
  while IFS=$'\t' read -r match rc out; do
    case " $* " in *"$match"*)
      if [ "$rc" = 0 ]; then printf '%s' "$out" | base64 -d; else printf '%s' "$out" | base64 -d >&2; fi
      code=$rc; break;;
    esac
  done < "$dir/$name.rules"
fi
# A committed nft transaction moves the ruleset generation on, as in the kernel.
if [ "$name" = nft ] && [ "$1" = -f ] && [ "$code" = 0 ]; then
  echo $(( $(cat "$dir/nft.genid") + 1 )) > "$dir/nft.genid"
fi
exit "$code"
)");
        QFile file(path(tool));
        file.open(QIODevice::WriteOnly);
        file.write(script.toUtf8());
        file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    }

    QTemporaryDir m_dir;
};
