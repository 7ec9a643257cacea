#pragma once

#include <QDir>
#include <QFile>
#include <QStringList>
#include <QTemporaryDir>

// Stand-ins for wg, ip and nft: shell scripts that append their arguments (and
// stdin, when asked) to a log, print a canned answer, and fail on request. They
// are substituted through the FVPN_* program overrides the hub honours.
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
    }
    ~FakeTools()
    {
        for (const char *name : { "FVPN_WG", "FVPN_IP", "FVPN_NFT", "FVPN_WIREGUARD_GO" })
            qunsetenv(name);
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
    void install(const QString &tool)
    {
        const QString script = QStringLiteral(R"(#!/bin/bash
dir=$(dirname "$0"); name=$(basename "$0")
input=$(cat)
{ printf 'ARGS: %s\n' "$*"; [ -n "$input" ] && printf 'STDIN: %s\n' "$input"; printf -- '--\n'; } >> "$dir/$name.log"
if [ -f "$dir/$name.rules" ]; then
  while IFS=$'\t' read -r match code out; do
    case " $* " in *"$match"*)
      if [ "$code" = 0 ]; then printf '%s' "$out" | base64 -d; else printf '%s' "$out" | base64 -d >&2; fi
      exit "$code";;
    esac
  done < "$dir/$name.rules"
fi
exit 0
)");
        QFile file(path(tool));
        file.open(QIODevice::WriteOnly);
        file.write(script.toUtf8());
        file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    }

    QTemporaryDir m_dir;
};
