#include "HubApiService.h"

#include "AtomicFile.h"
#include "HubAdminCommands.h"
#include "HubApi.h"
#include "HubDaemonBackend.h"
#include "HubLog.h"
#include "HubThread.h"
#include "OpenFileLimit.h"
#include "TlsMaterial.h"

#include <QDir>
#include <QHostInfo>
#include <QJsonDocument>
#include <QJsonObject>

namespace fvpn {

namespace {

QHostAddress toQt(const IpAddress &address)
{
    return QHostAddress(address.toString());
}

} // namespace

HubApiService::HubApiService(HubApiOptions apiOptions, HubOptions hubOptions, HubThread &hub, QObject *parent)
    : QObject(parent)
    , m_apiOptions(std::move(apiOptions))
    , m_hubOptions(std::move(hubOptions))
    , m_hub(hub)
{
    m_retry.setInterval(500);
    connect(&m_retry, &QTimer::timeout, this, &HubApiService::startWhenRunning);
    // Opens as soon as the hub thread reports the interface up.
    connect(&m_hub.views(), &HubViewHolder::published, this, [this] {
        if (m_api)
            m_api->state().refresh(); // new revisions, events and long-poll answers
        else if (m_retry.isActive())
            startWhenRunning();
    });
}

HubApiService::~HubApiService() = default;

void HubApiService::giveUp(const QString &message)
{
    // No retry loop on a configuration error: say it once.
    m_retry.stop();
    m_adminToBind.clear();
    m_directoryToBind.reset();
    Q_EMIT failed(message);
}

void HubApiService::start()
{
    startWhenRunning();
    if (!m_api)
        m_retry.start();
}

void HubApiService::startWhenRunning()
{
    if (m_api) {
        bindAdmin();
        return;
    }
    if (!m_hub.views().current()->running)
        return;
    open();
}

void HubApiService::raiseOpenFileLimit()
{
    // Each held connection is a descriptor; the caps of every listener, plus the
    // hub's own files, sockets and children's pipes.
    int needed = 256;
    for (const ListenerLimits &limits : { HubApi::publicLimits(), HubApi::adminLimits(),
                                          HubApi::directoryLimits(), HubApi::metricsLimits() })
        needed += limits.maxConnections + limits.maxWaiting;
    const OpenFileLimit limit = OpenFileLimit::raise(quint64(qMax(needed * 4, 65536)));
    if (limit.now > limit.before)
        qCInfo(lcHub).noquote()
            << QStringLiteral("open-file limit raised from %1 to %2").arg(limit.before).arg(limit.now);
    if (limit.now < quint64(needed))
        qCWarning(lcHub).noquote()
            << QStringLiteral("the open-file limit is %1 (hard limit %2), below the %3 the listeners' caps "
                              "may hold: raise LimitNOFILE= for the service")
                   .arg(limit.now)
                   .arg(limit.hard)
                   .arg(needed);
}

void HubApiService::open()
{
    raiseOpenFileLimit();
    const std::shared_ptr<const HubView> view = m_hub.views().current();
    m_backend = std::make_unique<HubDaemonBackend>(m_hub, m_hubOptions.clientsFile);
    HubApiConfig config;
    config.maxPendingRequests = m_apiOptions.maxPending;
    config.registrationBurst = m_apiOptions.registrationBurst;
    config.directorySshUser = m_apiOptions.sshUser;
    m_adminToBind = m_apiOptions.adminAddresses(view->address.address());
    m_directoryToBind.reset();
    const IpAddress vpnAddress = view->address.address();
    if (m_apiOptions.directoryPort && !vpnAddress.isNull() && vpnAddress != IpAddress::fromIPv4(0)) {
        const ListenAddress at { vpnAddress, *m_apiOptions.directoryPort };
        if (m_adminToBind.contains(at) || (m_apiOptions.publicListen && *m_apiOptions.publicListen == at)) {
            // Not fatal: the hub and its admin side work without the directory.
            qCWarning(lcHub).noquote()
                << QStringLiteral(
                       "hub API: the engineers' directory is not served: %1 is another listener's; "
                       "choose another --directory-port")
                       .arg(at.toString());
        } else {
            m_directoryToBind = at;
            config.directoryPort = at.port;
        }
    }

    std::optional<TlsMaterial> tls;
    if (m_apiOptions.publicListen) {
        const QString host = view->endpoint ? view->endpoint->host() : QHostInfo::localHostName();
        Result<TlsMaterial> material = TlsMaterial::load(m_apiOptions.tlsCert, m_apiOptions.tlsKey);
        bool created = false;
        if (m_apiOptions.tlsCert.isEmpty())
            material = TlsMaterial::loadOrCreateSelfSigned(m_hubOptions.stateDir, host, &created);
        if (!material) {
            giveUp(QStringLiteral("hub API: %1").arg(material.error().message));
            return;
        }
        tls = material.value();
        config.certificateFingerprint = tls->fingerprint();
        config.publicUrl = m_apiOptions.publicUrl;
        if (config.publicUrl.isEmpty()) {
            config.publicUrl.setScheme(QStringLiteral("https"));
            config.publicUrl.setHost(host);
            config.publicUrl.setPort(m_apiOptions.publicListen->port);
        }
        qCInfo(lcHub).noquote() << QStringLiteral("hub API TLS certificate%1, SHA-256 fingerprint %2")
                                       .arg(m_apiOptions.tlsCert.isEmpty()
                                                ? (created ? QStringLiteral(" (self-signed, made now)")
                                                           : QStringLiteral(" (self-signed)"))
                                                : QStringLiteral(" ") + m_apiOptions.tlsCert,
                                            tls->fingerprintColons());
    }

    auto api = HubApi::create(m_hubOptions.stateDir, *m_backend, config);
    if (!api) {
        giveUp(QStringLiteral("hub API: %1").arg(api.error().message));
        return;
    }
    m_api = std::move(api).value();

    if (m_apiOptions.publicListen) {
        const ListenAddress &at = *m_apiOptions.publicListen;
        auto port
            = m_api->listenPublic(toQt(at.address), at.port, tls->configuration(), HubApi::publicLimits());
        if (!port) {
            giveUp(QStringLiteral("hub API: %1").arg(port.error().message));
            return;
        }
        qCInfo(lcHub).noquote() << QStringLiteral("hub API public listener on %1 (https), public URL %2")
                                       .arg(at.toString(), config.publicUrl.toString());
        // For `factory-vpn-hub invite create`, which prints complete enrollment links.
        const QJsonObject info { { QStringLiteral("public_url"), config.publicUrl.toString() },
                                 { QStringLiteral("fingerprint"), config.certificateFingerprint } };
        (void)AtomicFile::write(
            QDir(m_hubOptions.stateDir).filePath(QString::fromLatin1(HubAdminCommands::PublicInfoFile)),
            QJsonDocument(info).toJson(),
            QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup
                | QFileDevice::ReadOther);
    }
    if (m_apiOptions.metricsListen) {
        const ListenAddress &at = *m_apiOptions.metricsListen;
        auto port = m_api->listenMetrics(toQt(at.address), at.port);
        if (!port) {
            giveUp(QStringLiteral("hub API: %1").arg(port.error().message));
            return;
        }
        qCInfo(lcHub).noquote()
            << QStringLiteral("metrics listener on %1 (http, GET /metrics, no token)").arg(at.toString());
    }
    bindAdmin();
}

void HubApiService::bindDirectory()
{
    if (!m_directoryToBind)
        return;
    const ListenAddress at = *m_directoryToBind;
    // Only on the VPN address, which exists once the hub has set up the interface.
    // A failure is never fatal: the hub keeps running and tries again.
    auto port = m_api->listenDirectory(toQt(at.address), at.port, HubApi::directoryLimits());
    if (port) {
        qCInfo(lcHub).noquote() << QStringLiteral(
                                       "hub API engineers' directory on %1 (http, registration credentials)")
                                       .arg(at.toString());
        m_directoryToBind.reset();
        m_reportedDirectoryWait = false;
        return;
    }
    if (!m_reportedDirectoryWait)
        qCWarning(lcHub).noquote() << QStringLiteral(
                                          "hub API engineers' directory %1 not up yet (%2); retrying")
                                          .arg(at.toString(), port.error().message);
    m_reportedDirectoryWait = true;
}

void HubApiService::bindAdmin()
{
    QList<ListenAddress> waiting;
    const QList<ListenAddress> toBind = m_adminToBind;
    for (const ListenAddress &at : toBind) {
        auto port = m_api->listenAdmin(toQt(at.address), at.port, std::nullopt, HubApi::adminLimits());
        if (port) {
            qCInfo(lcHub).noquote()
                << QStringLiteral("hub API admin listener on %1 (http, bearer tokens)").arg(at.toString());
            continue;
        }
        // The VPN address appears with the interface; anything else is a real error.
        if (at.address == m_hub.views().current()->address.address()) {
            if (!m_reportedAdminWait)
                qCWarning(lcHub).noquote()
                    << QStringLiteral("hub API admin listener %1 not up yet (%2); retrying")
                           .arg(at.toString(), port.error().message);
            m_reportedAdminWait = true;
            waiting << at;
            continue;
        }
        giveUp(QStringLiteral("hub API: %1").arg(port.error().message));
        return;
    }
    m_adminToBind = waiting;
    bindDirectory();
    if (m_adminToBind.isEmpty() && !m_directoryToBind)
        m_retry.stop();
    else if (!m_retry.isActive())
        m_retry.start(2000);
}

} // namespace fvpn
