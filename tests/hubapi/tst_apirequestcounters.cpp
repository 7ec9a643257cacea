// ApiRequestCounters: route classes from route patterns (never an id), and the
// counts as the router keeps them: handler answers, 404/405, server refusals.
#include "ApiHttpServer.h"
#include "ApiRequestCounters.h"
#include "HttpWorker.h"
#include "PrometheusText.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QtTest>

using namespace fvpn;

namespace {

QByteArray className(int index)
{
    return ApiRequestCounters::routeClasses().value(index);
}

} // namespace

class TestApiRequestCounters : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void classes_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("health") << QByteArray("GET") << u"/api/v1/health"_qs << QByteArray("health");
        QTest::newRow("register") << QByteArray("POST") << u"/api/v1/registrations"_qs
                                  << QByteArray("register");
        QTest::newRow("poll") << QByteArray("GET") << u"/api/v1/registrations/{}"_qs
                              << QByteArray("request_status");
        QTest::newRow("cancel") << QByteArray("DELETE") << u"/api/v1/registrations/{}"_qs
                                << QByteArray("request_status");
        QTest::newRow("approve") << QByteArray("POST") << u"/api/v1/requests/{}/approve"_qs
                                 << QByteArray("approve_reject");
        QTest::newRow("reject") << QByteArray("POST") << u"/api/v1/requests/{}/reject"_qs
                                << QByteArray("approve_reject");
        QTest::newRow("requests") << QByteArray("GET") << u"/api/v1/requests"_qs << QByteArray("requests");
        QTest::newRow("one request") << QByteArray("GET") << u"/api/v1/requests/{}"_qs
                                     << QByteArray("requests");
        QTest::newRow("revoke") << QByteArray("DELETE") << u"/api/v1/clients/{}"_qs << QByteArray("revoke");
        QTest::newRow("clients") << QByteArray("GET") << u"/api/v1/clients"_qs << QByteArray("clients");
        QTest::newRow("clients file")
            << QByteArray("PUT") << u"/api/v1/clients-file"_qs << QByteArray("clients_file");
        QTest::newRow("tokens") << QByteArray("DELETE") << u"/api/v1/tokens/{}"_qs << QByteArray("tokens");
        QTest::newRow("metrics") << QByteArray("GET") << u"/metrics"_qs << QByteArray("metrics");
        QTest::newRow("new area") << QByteArray("GET") << u"/api/v1/directory"_qs << QByteArray("other");
        QTest::newRow("not v1") << QByteArray("GET") << u"/api/v2/devices"_qs << QByteArray("other");
        // A route named like a class that is not one of the routes' own stays "other".
        QTest::newRow("unmatched is no area")
            << QByteArray("GET") << u"/api/v1/unmatched"_qs << QByteArray("other");
    }
    void classes()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, pattern);
        QFETCH(QByteArray, expected);
        QCOMPARE(className(ApiRequestCounters::classOf(method, pattern)), expected);
    }

    // Through a real router on a real socket: what is counted, and where.
    void countsWhatTheRouterAnswers()
    {
        auto counters = std::make_shared<ApiRequestCounters>();
        ApiHttpServer server(std::make_shared<HttpWorkerPool>(1));
        server.setRequestCounters(counters, ApiRequestCounters::Admin);
        server.addRoute(ApiMethod::Get, u"/api/v1/devices"_qs,
                        [](const ApiRequest &) { return ApiResponse::json(QJsonObject {}); });
        server.addRoute(ApiMethod::Post, u"/api/v1/requests/{}/approve"_qs, [](const ApiRequest &) {
            return ApiResponse::error(ApiError::make(409, u"conflict"_qs, u"no"_qs));
        });
        auto port = server.listen(QHostAddress::LocalHost, 0, std::nullopt, ListenerLimits {});
        QVERIFY(port.ok());
        QNetworkAccessManager nam;
        const auto send = [&](const QByteArray &method, const QString &path) {
            QNetworkReply *reply = nam.sendCustomRequest(
                QNetworkRequest(QUrl(u"http://127.0.0.1:%1%2"_qs.arg(*port).arg(path))), method);
            QSignalSpy done(reply, &QNetworkReply::finished);
            if (!reply->isFinished())
                done.wait(10'000);
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            reply->deleteLater();
            return status;
        };
        QCOMPARE(send("GET", u"/api/v1/devices"_qs), 200);
        QCOMPARE(send("GET", u"/api/v1/devices"_qs), 200);
        QCOMPARE(send("POST", u"/api/v1/requests/abc/approve"_qs), 409);
        QCOMPARE(send("GET", u"/nowhere"_qs), 404);
        QCOMPARE(send("DELETE", u"/api/v1/devices"_qs), 405);

        const int devices = ApiRequestCounters::classOf("GET", u"/api/v1/devices"_qs);
        const int approve = ApiRequestCounters::classOf("POST", u"/api/v1/requests/{}/approve"_qs);
        QCOMPARE(counters->value(ApiRequestCounters::Admin, devices, 1), quint64(2));
        QCOMPARE(counters->value(ApiRequestCounters::Admin, approve, 3), quint64(1));
        QCOMPARE(counters->value(ApiRequestCounters::Admin, ApiRequestCounters::unmatchedClass(), 3),
                 quint64(2));
        QCOMPARE(counters->value(ApiRequestCounters::Public, devices, 1), quint64(0));

        PrometheusText out;
        counters->write(out);
        const QByteArray text = out.text();
        QVERIFY(text.contains(
            "factory_vpn_api_requests_total{listener=\"admin\",route=\"devices\",status_class=\"2xx\"} 2\n"));
        QVERIFY(text.contains("factory_vpn_api_requests_total{listener=\"admin\",route=\"approve_reject\","
                              "status_class=\"4xx\"} 1\n"));
        QVERIFY(text.contains("factory_vpn_api_requests_total{listener=\"admin\",route=\"unmatched\",status_"
                              "class=\"4xx\"} 2\n"));
        // Only the classes a listener serves (plus unmatched and refused), 2xx to 5xx.
        QVERIFY(!text.contains("listener=\"admin\",route=\"register\""));
        QVERIFY(!text.contains("status_class=\"1xx\""));
        QVERIFY(text.contains("listener=\"public\",route=\"refused\",status_class=\"5xx\"} 0\n"));
    }
};

QTEST_GUILESS_MAIN(TestApiRequestCounters)
#include "tst_apirequestcounters.moc"
