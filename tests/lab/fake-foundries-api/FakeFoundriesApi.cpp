#include "FakeFoundriesApi.h"

#include <QFile>
#include <QHttpServerRequest>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

#include <utility>

namespace fvpn {

namespace {

QByteArray errorBody(const QString &message)
{
    return QJsonDocument(QJsonObject { { QStringLiteral("msg"), message } }).toJson(QJsonDocument::Compact);
}

QString methodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get:
        return QStringLiteral("GET");
    case QHttpServerRequest::Method::Patch:
        return QStringLiteral("PATCH");
    default:
        return QStringLiteral("OTHER");
    }
}

} // namespace

FakeFoundriesApi::FakeFoundriesApi(Options options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_config(m_options.configFile)
{ }

FakeFoundriesApi::~FakeFoundriesApi() = default;

Result<quint16> FakeFoundriesApi::start(const QHostAddress &address, quint16 port)
{
    if (const Result<void> loaded = m_config.load(); !loaded)
        return loaded.error();

    using Method = QHttpServerRequest::Method;
    m_server.route(
        QStringLiteral("/ota/factories/<arg>/wireguard-ips/"), Method::Get,
        [this](const QString &factory, const QHttpServerRequest &request, QHttpServerResponder &&responder) {
            handle(Route::WireguardIps, factory, request, std::move(responder));
        });
    m_server.route(
        QStringLiteral("/ota/factories/<arg>/config/"), Method::Get,
        [this](const QString &factory, const QHttpServerRequest &request, QHttpServerResponder &&responder) {
            handle(Route::ConfigGet, factory, request, std::move(responder));
        });
    m_server.route(
        QStringLiteral("/ota/factories/<arg>/config/"), Method::Patch,
        [this](const QString &factory, const QHttpServerRequest &request, QHttpServerResponder &&responder) {
            handle(Route::ConfigPatch, factory, request, std::move(responder));
        });
    m_server.setMissingHandler([this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
        answer(request, responder, errorBody(QStringLiteral("no such endpoint in the fake API")),
               QHttpServerResponder::StatusCode::NotFound);
    });

    const quint16 listening = m_server.listen(address, port);
    if (listening == 0)
        return makeError(ErrorCode::Unavailable,
                         QStringLiteral("cannot listen on %1:%2").arg(address.toString()).arg(port));
    return listening;
}

FakeFoundriesApi::Mode FakeFoundriesApi::currentMode() const
{
    QFile file(m_options.controlFile);
    if (m_options.controlFile.isEmpty() || !file.open(QIODevice::ReadOnly))
        return Mode::Ok;
    const QByteArray content = file.readAll().trimmed();
    if (content == "500")
        return Mode::ServerError;
    if (content == "garbage")
        return Mode::Garbage;
    if (content == "hang")
        return Mode::Hang;
    if (!content.isEmpty() && content != "ok")
        QTextStream(stderr) << "fake-foundries-api: unknown control word '" << QString::fromUtf8(content)
                            << "', answering normally\n";
    return Mode::Ok;
}

bool FakeFoundriesApi::isAuthorized(const QHttpServerRequest &request) const
{
    const QByteArray token = m_options.token.toUtf8();
    return request.value("OSF-TOKEN") == token || request.value("Authorization") == "Bearer " + token;
}

void FakeFoundriesApi::handle(Route route, const QString &factory, const QHttpServerRequest &request,
                              QHttpServerResponder &&responder)
{
    using Status = QHttpServerResponder::StatusCode;
    switch (currentMode()) {
    case Mode::Hang:
        QTextStream(stdout) << methodName(request.method()) << ' ' << request.url().path()
                            << " -> hang (no answer)" << Qt::endl;
        m_hung.push_back(std::make_unique<QHttpServerResponder>(std::move(responder)));
        return;
    case Mode::ServerError:
        answer(request, responder, errorBody(QStringLiteral("internal server error (fake API control file)")),
               Status::InternalServerError);
        return;
    case Mode::Garbage:
        answer(request, responder, QByteArrayLiteral("<html><body>502 upstream went away"), Status::Ok);
        return;
    case Mode::Ok:
        break;
    }

    if (!isAuthorized(request)) {
        answer(request, responder,
               errorBody(QStringLiteral("Authentication credentials were not provided or are invalid.")),
               Status::Unauthorized);
        return;
    }
    if (factory != m_options.factory) {
        answer(request, responder, errorBody(QStringLiteral("Factory not found: %1").arg(factory)),
               Status::NotFound);
        return;
    }

    Status status = Status::Ok;
    QByteArray body;
    switch (route) {
    case Route::WireguardIps:
        body = wireguardIpsBody(status);
        break;
    case Route::ConfigGet:
        body = QJsonDocument(m_config.toJson()).toJson(QJsonDocument::Compact);
        break;
    case Route::ConfigPatch:
        body = configPatchBody(request, status);
        break;
    }
    answer(request, responder, body, status);
}

void FakeFoundriesApi::answer(const QHttpServerRequest &request, QHttpServerResponder &responder,
                              const QByteArray &body, QHttpServerResponder::StatusCode status)
{
    // One line per request, so a failing lab test shows what the hub asked for.
    QTextStream(stdout) << methodName(request.method()) << ' ' << request.url().path() << " -> "
                        << static_cast<int>(status) << Qt::endl;
    responder.write(body, QByteArrayLiteral("application/json"), status);
}

QByteArray FakeFoundriesApi::wireguardIpsBody(QHttpServerResponder::StatusCode &status) const
{
    // Served as the file holds it, even if it is not JSON: the test decides.
    QFile file(m_options.ipsFile);
    if (!file.open(QIODevice::ReadOnly)) {
        status = QHttpServerResponder::StatusCode::InternalServerError;
        return errorBody(
            QStringLiteral("fake API: cannot read the inventory file %1").arg(m_options.ipsFile));
    }
    status = QHttpServerResponder::StatusCode::Ok;
    return file.readAll();
}

QByteArray FakeFoundriesApi::configPatchBody(const QHttpServerRequest &request,
                                             QHttpServerResponder::StatusCode &status)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(request.body(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        status = QHttpServerResponder::StatusCode::BadRequest;
        return errorBody(QStringLiteral("the body is not a JSON object"));
    }
    const Result<QJsonObject> version = m_config.patch(doc.object(), QStringLiteral("fake-api-user"));
    if (!version) {
        status = version.error().code == ErrorCode::InvalidInput
            ? QHttpServerResponder::StatusCode::BadRequest
            : QHttpServerResponder::StatusCode::InternalServerError;
        return errorBody(version.error().message);
    }
    // Any 2xx means success to the clients; 201 checks the hub does not insist on 200.
    status = QHttpServerResponder::StatusCode::Created;
    return QJsonDocument(*version).toJson(QJsonDocument::Compact);
}

} // namespace fvpn
