#pragma once

#include "FakeConfigStore.h"
#include "Result.h"

#include <QHostAddress>
#include <QHttpServer>
#include <QHttpServerResponder>
#include <QObject>
#include <QString>

#include <memory>
#include <vector>

namespace fvpn {

// A stand-in for the FoundriesFactory API, for the lab: serves the device
// inventory (wireguard-ips) from a file re-read on every request and keeps the
// factory config in a FakeConfigStore. A control file switches every answer to
// a failure mode, so a test can take "the API" down without killing it.
class FakeFoundriesApi : public QObject
{
    Q_OBJECT

public:
    struct Options
    {
        QString factory;
        QString token;
        QString ipsFile;
        QString controlFile;
        QString configFile;
    };

    // What the control file asks for: its trimmed content, "ok" when absent or empty.
    enum class Mode
    {
        Ok,
        ServerError, // "500": every request answers 500 with an error body
        Garbage, // "garbage": 200 with a body that is not JSON
        Hang, // "hang": requests are read and never answered
    };

    explicit FakeFoundriesApi(Options options, QObject *parent = nullptr);
    ~FakeFoundriesApi() override;

    // Returns the port listened on (the one asked for, or a free one for 0).
    Result<quint16> start(const QHostAddress &address, quint16 port);

private:
    enum class Route
    {
        WireguardIps,
        ConfigGet,
        ConfigPatch,
    };

    Mode currentMode() const;
    bool isAuthorized(const QHttpServerRequest &request) const;
    void handle(Route route, const QString &factory, const QHttpServerRequest &request,
                QHttpServerResponder &&responder);
    void answer(const QHttpServerRequest &request, QHttpServerResponder &responder, const QByteArray &body,
                QHttpServerResponder::StatusCode status);
    QByteArray wireguardIpsBody(QHttpServerResponder::StatusCode &status) const;
    QByteArray configPatchBody(const QHttpServerRequest &request, QHttpServerResponder::StatusCode &status);

    Options m_options;
    QHttpServer m_server;
    FakeConfigStore m_config;
    // Requests held open in "hang" mode; released (never answered) at exit.
    std::vector<std::unique_ptr<QHttpServerResponder>> m_hung;
};

} // namespace fvpn
