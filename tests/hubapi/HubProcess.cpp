#include "HubProcess.h"

#include "AtomicFile.h"
#include "PrivateKey.h"
#include "TestKeys.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QTcpServer>
#include <QTest>

using namespace fvpn;

namespace {

const char *const FakeWg = R"SH(#!/bin/bash
# Fake wg: keeps the interface's peers in wg.peers ("key allowed-ips" lines).
dir=$(dirname "$0"); state="$dir/wg.peers"; touch "$state"
input=""
case " $* " in *" /dev/stdin "*) input=$(cat) ;; esac
printf 'ARGS: %s\n--\n' "$*" >> "$dir/wg.log"
if [ "$1" = show ]; then
  case "$3" in
    listen-port) cat "$dir/wg.port" 2>/dev/null || echo 0 ;;
    dump)
      printf '(none)\t%s\t%s\toff\n' "$(cat "$dir/wg.pubkey" 2>/dev/null || echo '(none)')" "$(cat "$dir/wg.port" 2>/dev/null || echo 0)"
      # wg.live: "key handshake rx tx" lines (setLive) for what the tunnel did.
      while read -r key ips; do
        [ -n "$key" ] || continue
        hs=0; rx=0; tx=0
        [ -f "$dir/wg.live" ] && read -r _ hs rx tx < <(grep -F "$key " "$dir/wg.live" | tail -n 1; echo)
        printf '%s\t(none)\t(none)\t%s\t%s\t%s\t%s\toff\n' "$key" "$ips" "${hs:-0}" "${rx:-0}" "${tx:-0}"
      done < "$state" ;;
    *) exit 1 ;;
  esac
  exit 0
fi
if [ "$1" = set ]; then
  if [ -f "$dir/wg.fail" ]; then cat "$dir/wg.fail" >&2; exit 1; fi
  shift 2
  peer=""
  while [ $# -gt 0 ]; do
    case "$1" in
      listen-port) echo "$2" > "$dir/wg.port"; shift 2 ;;
      private-key) printf '%s\n' "$input" | wg pubkey > "$dir/wg.pubkey"; shift 2 ;;
      peer) peer="$2"; shift 2 ;;
      remove) grep -v -F "$peer " "$state" > "$state.tmp"; mv "$state.tmp" "$state"; shift ;;
      allowed-ips) grep -v -F "$peer " "$state" > "$state.tmp"; printf '%s %s\n' "$peer" "$2" >> "$state.tmp"
                   mv "$state.tmp" "$state"; shift 2 ;;
      *) shift ;;
    esac
  done
fi
exit 0
)SH";

const char *const FakeIp = R"SH(#!/bin/bash
dir=$(dirname "$0"); printf 'ARGS: %s\n--\n' "$*" >> "$dir/ip.log"
case "$*" in
  "-o -4 address show dev "*) [ -f "$dir/ip.addr" ] && printf '5: %s    inet %s scope global\n' "${@: -1}" "$(cat "$dir/ip.addr")" ;;
  "address add "*) echo "$3" > "$dir/ip.addr" ;;
esac
exit 0
)SH";

// Lists nothing, but keeps the ruleset generation as the kernel does (every
// committed `nft -f` moves it on): a hub's check pass then trusts an unchanged
// generation, as on a real hub, instead of finding the empty listing "drifted"
// and rewriting the table (and its status) every second while watched.
const char *const FakeNft = R"SH(#!/bin/bash
dir=$(dirname "$0"); cat > /dev/null; printf 'ARGS: %s\n--\n' "$*" >> "$dir/nft.log"
[ "$1" = -f ] && echo $(( $(cat "$dir/nft.genid") + 1 )) > "$dir/nft.genid"
exit 0
)SH";

const char *const FakeWireguardGo = R"SH(#!/bin/bash
printf 'ARGS: %s\n--\n' "$*" >> "$(dirname "$0")/wireguard-go.log"; exit 0
)SH";

void install(const QString &path, const char *script)
{
    QFile f(path);
    if (f.open(QIODevice::WriteOnly))
        f.write(script);
    f.close();
    f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
}

} // namespace

HubProcess::HubProcess()
{
    m_binary = QString::fromLocal8Bit(qgetenv("FVPN_BUILD_DIR")) + QStringLiteral("/app/hub/factory-vpn-hub");
    install(m_tools.filePath(QStringLiteral("wg")), FakeWg);
    install(m_tools.filePath(QStringLiteral("ip")), FakeIp);
    install(m_tools.filePath(QStringLiteral("nft")), FakeNft);
    install(m_tools.filePath(QStringLiteral("wireguard-go")), FakeWireguardGo);
    (void)AtomicFile::write(m_tools.filePath(QStringLiteral("nft.genid")), "1\n");
    QDir().mkpath(stateDir());
    auto key = PrivateKey::generate();
    const SecureBuffer base64 = key->toBase64();
    const QByteArray text(reinterpret_cast<const char *>(base64.data()), qsizetype(base64.size()));
    (void)AtomicFile::write(m_dir.filePath(QStringLiteral("hub.key")), text + '\n');
    (void)AtomicFile::write(m_dir.filePath(QStringLiteral("inventory.json")), "[]");
    (void)AtomicFile::write(m_dir.filePath(QStringLiteral("hosts")), "127.0.0.1\tlocalhost\n",
                            QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup
                                | QFileDevice::ReadOther);
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("FVPN_WG"), m_tools.filePath(QStringLiteral("wg")));
    env.insert(QStringLiteral("FVPN_IP"), m_tools.filePath(QStringLiteral("ip")));
    env.insert(QStringLiteral("FVPN_NFT"), m_tools.filePath(QStringLiteral("nft")));
    env.insert(QStringLiteral("FVPN_WIREGUARD_GO"), m_tools.filePath(QStringLiteral("wireguard-go")));
    env.insert(QStringLiteral("FVPN_NFT_GENID_FILE"), m_tools.filePath(QStringLiteral("nft.genid")));
    env.remove(QStringLiteral("JOURNAL_STREAM"));
    m_process.setProcessEnvironment(env);
}

HubProcess::~HubProcess()
{
    stop();
}

quint16 HubProcess::freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

QByteArray HubProcess::runCommand(const QStringList &arguments, int *exitCode) const
{
    QProcess p;
    p.start(m_binary, arguments + QStringList { QStringLiteral("--state-dir"), stateDir() });
    p.waitForFinished(30'000);
    if (exitCode)
        *exitCode = p.exitCode();
    return p.readAllStandardOutput();
}

bool HubProcess::start(const QStringList &extra, bool defaultListeners)
{
    if (m_token.isEmpty()) {
        int code = -1;
        m_token = QString::fromLatin1(runCommand({ QStringLiteral("token"), QStringLiteral("create"),
                                                   QStringLiteral("--name"), QStringLiteral("process-test") },
                                                 &code)
                                          .trimmed());
        if (code != 0 || m_token.isEmpty())
            return false;
    }
    QStringList args { QStringLiteral("-f"),
                       QStringLiteral("acme"),
                       QStringLiteral("-n"),
                       QStringLiteral("fvpntest0"),
                       QStringLiteral("-k"),
                       m_dir.filePath(QStringLiteral("hub.key")),
                       QStringLiteral("--inventory"),
                       m_dir.filePath(QStringLiteral("inventory.json")),
                       QStringLiteral("--clients-file"),
                       clientsFile(),
                       QStringLiteral("--state-dir"),
                       stateDir(),
                       QStringLiteral("--hosts-file"),
                       m_dir.filePath(QStringLiteral("hosts")),
                       QStringLiteral("--no-sysctl"),
                       QStringLiteral("-e"),
                       QStringLiteral("hub.example.com"),
                       QStringLiteral("--registration-burst"),
                       QStringLiteral("1000") };
    if (!defaultListeners) {
        const qsizetype at = extra.indexOf(QStringLiteral("--public-listen"));
        const QString listen = extra.value(at + 1);
        m_publicHost = listen.section(u':', 0, 0);
        m_publicPort = quint16(listen.section(u':', 1).toUInt());
        m_adminPort = 8444;
        return launch(args + extra);
    }
    // A probed port is free only until someone else binds it (tests run in
    // parallel), so a hub that cannot listen is started again on fresh ports.
    for (int attempt = 0; attempt < 5; ++attempt) {
        m_publicPort = freePort();
        do
            m_adminPort = freePort();
        while (m_adminPort == m_publicPort);
        const QStringList listeners { QStringLiteral("--public-listen"),
                                      QStringLiteral("127.0.0.1:%1").arg(m_publicPort),
                                      QStringLiteral("--admin-listen"),
                                      QStringLiteral("127.0.0.1:%1").arg(m_adminPort) };
        const qsizetype logBefore = log().size();
        if (launch(args + listeners + extra))
            return true;
        // Only this attempt's own refusal to listen is a reason to try again.
        if (m_process.state() == QProcess::Running
            || !QStringView(log()).mid(logBefore).contains(QStringLiteral("cannot listen on")))
            return false;
    }
    return false;
}

bool HubProcess::launch(const QStringList &args)
{
    m_process.start(m_binary, args + QStringList { QStringLiteral("daemon") });
    if (!m_process.waitForStarted(10'000))
        return false;
    // Up when the public side answers; its certificate must be the one in the state dir.
    for (int attempt = 0; attempt < 100; ++attempt) {
        QTest::qWait(100);
        if (m_process.state() != QProcess::Running) {
            m_process.waitForFinished(1'000);
            return false;
        }
        auto cert = QSslCertificate::fromPath(QDir(stateDir()).filePath(QStringLiteral("api-cert.pem")));
        if (cert.isEmpty())
            continue;
        m_fingerprint = QString::fromLatin1(cert.first().digest(QCryptographicHash::Sha256).toHex());
        if (send(false, "GET", QStringLiteral("/api/v1/health")).status == 200)
            return true;
    }
    return false;
}

void HubProcess::stop()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.terminate();
    if (!m_process.waitForFinished(10'000)) {
        m_process.kill();
        m_process.waitForFinished(5'000);
    }
}

void HubProcess::crash()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.kill();
    m_process.waitForFinished(5'000);
}

QString HubProcess::log() const
{
    // Kept whole: QVERIFY2 evaluates its message even when the check passes.
    m_log += const_cast<QProcess &>(m_process).readAll();
    return QString::fromLocal8Bit(m_log);
}

QNetworkReply *HubProcess::startRequest(bool admin, const QByteArray &method, const QString &path,
                                        const QByteArray &body, const HeaderList &headers)
{
    const QUrl url = admin
        ? QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_adminPort).arg(path))
        : QUrl(QStringLiteral("https://%1:%2%3").arg(m_publicHost).arg(m_publicPort).arg(path));
    QNetworkRequest request(url);
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    QNetworkReply *reply = m_nam.sendCustomRequest(request, method, body);
    // Self-signed: trusted only if it is exactly the pinned certificate.
    const QString pin = m_fingerprint;
    QObject::connect(reply, &QNetworkReply::sslErrors, reply, [reply, pin](const QList<QSslError> &) {
        const QSslCertificate peer = reply->sslConfiguration().peerCertificate();
        if (!pin.isEmpty() && QString::fromLatin1(peer.digest(QCryptographicHash::Sha256).toHex()) == pin)
            reply->ignoreSslErrors();
    });
    return reply;
}

HttpReply HubProcess::send(bool admin, const QByteArray &method, const QString &path, const QByteArray &body,
                           const HeaderList &headers)
{
    return ApiTestFixture::collect(startRequest(admin, method, path, body, headers));
}

HttpReply HubProcess::sendTo(const QUrl &url, const QByteArray &method, const QByteArray &body,
                             const HeaderList &headers)
{
    QNetworkRequest request(url);
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    return ApiTestFixture::collect(m_nam.sendCustomRequest(request, method, body));
}

QByteArray HubProcess::clientsFileBytes() const
{
    QFile f(clientsFile());
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QStringList HubProcess::interfacePeers() const
{
    QFile f(m_tools.filePath(QStringLiteral("wg.peers")));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QString::fromLatin1(f.readAll()).split(u'\n', Qt::SkipEmptyParts);
}

void HubProcess::failWgSet(const QByteArray &message)
{
    const QString path = m_tools.filePath(QStringLiteral("wg.fail"));
    if (message.isEmpty()) {
        QFile::remove(path);
        return;
    }
    QFile f(path);
    if (f.open(QIODevice::WriteOnly))
        f.write(message);
}

void HubProcess::setLive(const PublicKey &key, qint64 lastHandshake, quint64 rxBytes, quint64 txBytes)
{
    QFile f(m_tools.filePath(QStringLiteral("wg.live")));
    if (f.open(QIODevice::Append))
        f.write(QStringLiteral("%1 %2 %3 %4\n")
                    .arg(key.toBase64())
                    .arg(lastHandshake)
                    .arg(rxBytes)
                    .arg(txBytes)
                    .toLatin1());
}

void HubProcess::setDevice(const QString &name, const QString &publicKey, const QString &address)
{
    const QJsonArray devices { QJsonObject { { QStringLiteral("name"), name },
                                             { QStringLiteral("pubkey"), publicKey },
                                             { QStringLiteral("ip"), address },
                                             { QStringLiteral("enabled"), true } } };
    (void)AtomicFile::write(m_dir.filePath(QStringLiteral("inventory.json")),
                            QJsonDocument(devices).toJson());
}

void HubProcess::setInventory(const QJsonArray &devices)
{
    (void)AtomicFile::write(m_dir.filePath(QStringLiteral("inventory.json")),
                            QJsonDocument(devices).toJson());
}

void HubProcess::setHandshake(const QString &publicKey, qint64 secsSinceEpoch)
{
    // The last line for a key wins in wg.live: a handshake without traffic.
    setLive(PublicKey::fromBase64(publicKey).value(), secsSinceEpoch, 0, 0);
}

HubProcess::Registration HubProcess::registerEngineer(const QString &name)
{
    Registration r;
    r.key = randomPublicKey();
    const QJsonObject body { { QStringLiteral("public_key"), r.key.toBase64() },
                             { QStringLiteral("name"), name },
                             { QStringLiteral("hostname"),
                               QString(name.toLower().replace(u' ', u'-') + QStringLiteral("-laptop")) },
                             { QStringLiteral("os"), QStringLiteral("Fedora Linux 40") } };
    const HttpReply created = send(false, "POST", QStringLiteral("/api/v1/registrations"),
                                   QJsonDocument(body).toJson(), { { "Content-Type", "application/json" } });
    r.id = created.json().value(QStringLiteral("id")).toString();
    r.secret = created.json().value(QStringLiteral("secret")).toString();
    return r;
}

QJsonObject HubProcess::poll(const Registration &registration)
{
    return send(false, "GET", QStringLiteral("/api/v1/registrations/") + registration.id, {},
                { { "Authorization", "Bearer " + registration.secret.toLatin1() } })
        .json();
}
