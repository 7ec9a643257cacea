#include "DeviceDirectory.h"

#include "CertificatePin.h"
#include "JsonFields.h"
#include "StrictJson.h"
#include "TextRules.h"

#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslConfiguration>
#include <QSslError>

namespace fvpn {

namespace {

QString context()
{
    return QStringLiteral("directory");
}

Result<DirectoryDevice> readDevice(const QJsonValue &value, qsizetype index)
{
    const QString where = QStringLiteral("directory devices[%1]").arg(index);
    if (!value.isObject())
        return makeError(
            ErrorCode::InvalidInput,
            QStringLiteral("The hub's answer is not understood: %1 is not an object.").arg(where));
    const QJsonObject object = value.toObject();
    const JsonFields fields(object, where);
    DirectoryDevice device;

    const Result<QString> name = fields.string(QStringLiteral("name"));
    if (!name)
        return name.error();
    if (name->isEmpty() || name->size() > 256 || TextRules::containsControlCharacters(*name))
        return fields.error(QStringLiteral("name"), QStringLiteral("is not a device name"));
    device.name = *name;

    const Result<QString> addressText = fields.string(QStringLiteral("address"));
    if (!addressText)
        return addressText.error();
    const Result<IpAddress> address = IpAddress::parse(*addressText);
    if (!address)
        return fields.error(QStringLiteral("address"), address.error().message);
    device.address = *address;

    const Result<QString> state = fields.string(QStringLiteral("state"));
    if (!state)
        return state.error();
    if (*state == u"online")
        device.state = DirectoryDevice::State::Online;
    else if (*state == u"stale")
        device.state = DirectoryDevice::State::Stale;
    else if (*state == u"offline")
        device.state = DirectoryDevice::State::Offline;
    else
        return fields.error(QStringLiteral("state"), QStringLiteral("is not online, stale or offline"));

    const Result<QString> handshake = fields.string(QStringLiteral("last_handshake"), false);
    if (!handshake)
        return handshake.error();
    if (!handshake->isEmpty()) {
        device.lastHandshake = QDateTime::fromString(*handshake, Qt::ISODateWithMs);
        if (!device.lastHandshake.isValid() || device.lastHandshake.timeSpec() != Qt::UTC)
            return fields.error(QStringLiteral("last_handshake"), QStringLiteral("is not a UTC time"));
    }
    return device;
}

} // namespace

DeviceDirectory::DeviceDirectory(QObject *parent)
    : QObject(parent)
    , m_network(new QNetworkAccessManager(this))
{
    m_network->setAutoDeleteReplies(false);
    m_timer.setInterval(std::chrono::seconds(30));
    connect(&m_timer, &QTimer::timeout, this, &DeviceDirectory::refresh);
}

void DeviceDirectory::setSource(const QUrl &url, const QString &requestId, const QString &secret,
                                const QString &pin)
{
    if (url == m_url && requestId == m_requestId && secret == m_secret && pin == m_pin)
        return;
    const bool sameList = url == m_url;
    m_url = url;
    m_requestId = requestId;
    m_secret = secret;
    m_pin = pin;
    if (m_inFlight)
        m_inFlight->abort();
    m_network->clearConnectionCache();
    if (!sameList) {
        m_listing = {};
        m_lastUpdate = {};
    }
    if (m_url.isEmpty() || m_requestId.isEmpty()) {
        m_timer.stop();
        return setStatus(Status::NotOffered);
    }
    setStatus(!m_active ? Status::Waiting : (m_lastUpdate.isValid() ? Status::Ready : Status::Loading));
    if (m_active)
        refresh();
}

void DeviceDirectory::clear()
{
    setSource({}, {}, {}, {});
}

void DeviceDirectory::setActive(bool active)
{
    if (active == m_active)
        return;
    m_active = active;
    if (m_url.isEmpty() || m_requestId.isEmpty())
        return;
    if (!active) {
        m_timer.stop();
        if (m_inFlight)
            m_inFlight->abort();
        // What was listed stays visible; it says when it was fetched.
        return setStatus(Status::Waiting);
    }
    if (m_status == Status::Waiting)
        setStatus(m_lastUpdate.isValid() ? Status::Ready : Status::Loading);
    refresh();
}

void DeviceDirectory::setInterval(std::chrono::milliseconds interval)
{
    m_timer.setInterval(interval);
}

void DeviceDirectory::refresh()
{
    if (!m_active || m_url.isEmpty() || m_requestId.isEmpty() || m_inFlight)
        return;
    m_timer.start();
    QNetworkRequest request(m_url);
    request.setTransferTimeout(int(m_timeout.count()));
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    // The credentials must never follow a redirect somewhere else.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setRawHeader("Accept", "application/json");
    request.setRawHeader("Authorization",
                         "Basic " + QString(m_requestId + u':' + m_secret).toUtf8().toBase64());
    QNetworkReply *reply = m_network->get(request);
    m_inFlight = reply;
    const QString pin = m_pin;
    connect(reply, &QNetworkReply::sslErrors, this, [reply, pin](const QList<QSslError> &errors) {
        if (CertificatePin::matches(reply->sslConfiguration().peerCertificate(), pin))
            reply->ignoreSslErrors(errors);
    });
    connect(reply, &QNetworkReply::downloadProgress, this, [reply](qint64 received, qint64) {
        if (received > MaxAnswerBytes)
            reply->abort();
    });
    connect(reply, &QNetworkReply::finished, this, [this, reply]() { finished(reply); });
}

void DeviceDirectory::finished(QNetworkReply *reply)
{
    reply->deleteLater();
    if (reply != m_inFlight)
        return;
    m_inFlight.clear();
    // Taken down (or pointed elsewhere) meanwhile: this answer is about nothing shown.
    if (!m_active || reply->url() != m_url)
        return;
    Result<DirectoryListing> listing = read(reply);
    if (!listing)
        return setStatus(Status::Failed, listing.error().message);
    m_listing = std::move(listing).value();
    m_lastUpdate = QDateTime::currentDateTimeUtc();
    setStatus(Status::Ready);
}

Result<DirectoryListing> DeviceDirectory::read(QNetworkReply *reply) const
{
    const QString where
        = m_url.host() + (m_url.port() != -1 ? QStringLiteral(":%1").arg(m_url.port()) : QString());
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray data = reply->read(MaxAnswerBytes + 1);
    if (data.size() > MaxAnswerBytes)
        return makeError(ErrorCode::Exhausted, tr("The hub's device list is larger than this app accepts."));
    if (status == 0)
        return makeError(ErrorCode::Unavailable,
                         tr("The device list could not be fetched from the hub at %1 (%2).")
                             .arg(where,
                                  reply->error() == QNetworkReply::OperationCanceledError
                                      ? tr("no answer in time")
                                      : reply->errorString()));
    if (status == 401 || status == 403)
        return makeError(ErrorCode::PermissionDenied,
                         tr("The hub did not accept this computer's registration for the device list "
                            "(HTTP %1).")
                             .arg(status));
    if (status == 404)
        return makeError(ErrorCode::NotFound, tr("The hub at %1 does not offer a device list.").arg(where));
    if (status < 200 || status >= 300)
        return makeError(
            ErrorCode::Unavailable,
            tr("The hub at %1 could not give the device list (HTTP %2).").arg(where).arg(status));
    return parse(data);
}

Result<DirectoryListing> DeviceDirectory::parse(QByteArrayView json)
{
    // Strict (core/StrictJson.h): a key twice in one object is no answer.
    const Result<QJsonObject> object = StrictJson::parseObject(json);
    if (!object)
        return makeError(
            ErrorCode::InvalidInput,
            QStringLiteral("The hub's device list is not usable JSON: %1.").arg(object.error().message));
    const JsonFields fields(*object, context());
    const Result<QJsonArray> devices = fields.array(QStringLiteral("devices"));
    if (!devices)
        return devices.error();
    if (devices->size() > MaxDevices)
        return fields.error(QStringLiteral("devices"),
                            QStringLiteral("lists more than %1 devices").arg(MaxDevices));
    const Result<QString> sshUser = fields.string(QStringLiteral("ssh_user"), false);
    if (!sshUser)
        return sshUser.error();
    // A user name goes into a shell command the engineer pastes: only what a
    // POSIX user name can be.
    for (const QChar c : *sshUser) {
        const bool allowed = (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9')
            || c == u'_' || c == u'-' || c == u'.';
        if (!allowed || sshUser->size() > 32 || sshUser->startsWith(u'-'))
            return fields.error(QStringLiteral("ssh_user"), QStringLiteral("is not a user name"));
    }
    DirectoryListing listing;
    listing.sshUser = *sshUser;
    listing.devices.reserve(devices->size());
    for (qsizetype i = 0; i < devices->size(); ++i) {
        Result<DirectoryDevice> device = readDevice(devices->at(i), i);
        if (!device)
            return device.error();
        listing.devices.append(std::move(device).value());
    }
    return listing;
}

QString DeviceDirectory::sshCommand(const DirectoryListing &listing, const DirectoryDevice &device)
{
    const QString address = device.address.toString();
    return listing.sshUser.isEmpty() ? QStringLiteral("ssh %1").arg(address)
                                     : QStringLiteral("ssh %1@%2").arg(listing.sshUser, address);
}

void DeviceDirectory::setStatus(Status status, const QString &problem)
{
    m_status = status;
    m_problem = problem;
    Q_EMIT changed();
}

} // namespace fvpn
