#include "BackendChoice.h"
#include "RouteConflicts.h"
#include "TunnelController.h"
#include "WgQuickBackend.h"

#include <QtTest>

using namespace fvpn;

class TestBackendChoice : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void choose_data()
    {
        QTest::addColumn<int>("preference");
        QTest::addColumn<bool>("nmRunning");
        QTest::addColumn<bool>("nmAvailable");
        QTest::addColumn<int>("expected"); // -1 = none
        QTest::addColumn<QString>("explanationPart");
        const int automatic = int(BackendPreference::Automatic), wgQuick = int(BackendPreference::WgQuick),
                  nm = int(BackendPreference::NetworkManager);
        const int useWg = int(BackendKind::WgQuick), useNm = int(BackendKind::NetworkManager);
        QTest::newRow("auto, no NM") << automatic << false << false << useWg << QStringLiteral("not running");
        QTest::newRow("auto, NM without backend")
            << automatic << true << false << useWg << QStringLiteral("cannot drive it yet");
        QTest::newRow("auto, NM with backend")
            << automatic << true << true << useNm << QStringLiteral("manages this computer");
        QTest::newRow("wg-quick forced, NM there")
            << wgQuick << true << true << useWg << QStringLiteral("chosen in the settings");
        QTest::newRow("NM forced, not running") << nm << false << true << -1 << QStringLiteral("not running");
        QTest::newRow("NM forced, no backend")
            << nm << true << false << -1 << QStringLiteral("cannot drive it yet");
        QTest::newRow("NM forced, all there")
            << nm << true << true << useNm << QStringLiteral("chosen in the settings");
    }

    void choose()
    {
        QFETCH(int, preference);
        QFETCH(bool, nmRunning);
        QFETCH(bool, nmAvailable);
        QFETCH(int, expected);
        QFETCH(QString, explanationPart);
        const BackendDecision decision = chooseBackend(BackendPreference(preference), nmRunning, nmAvailable);
        QCOMPARE(decision.kind ? int(*decision.kind) : -1, expected);
        QVERIFY2(decision.explanation.contains(explanationPart), qPrintable(decision.explanation));
    }

    // The controller as the app builds it: the NetworkManager backend is available
    // now, so where NetworkManager runs, Automatic asks the factory for it.
    void controllerAsksTheFactory_data()
    {
        QTest::addColumn<int>("preference");
        QTest::addColumn<bool>("nmRunning");
        QTest::addColumn<int>("expected"); // -1 = no backend
        const int automatic = int(BackendPreference::Automatic), wgQuick = int(BackendPreference::WgQuick),
                  nm = int(BackendPreference::NetworkManager);
        const int useWg = int(BackendKind::WgQuick), useNm = int(BackendKind::NetworkManager);
        QTest::newRow("auto, no NM") << automatic << false << useWg;
        QTest::newRow("auto, NM runs") << automatic << true << useNm;
        QTest::newRow("wg-quick, NM runs") << wgQuick << true << useWg;
        QTest::newRow("NM, NM runs") << nm << true << useNm;
        QTest::newRow("NM, not running") << nm << false << -1;
    }

    void controllerAsksTheFactory()
    {
        QFETCH(int, preference);
        QFETCH(bool, nmRunning);
        QFETCH(int, expected);
        QList<BackendKind> asked;
        TunnelController controller(nullptr, [&asked](BackendKind kind, QObject *parent) -> TunnelBackend * {
            asked.append(kind);
            return new WgQuickBackend(ToolRunner::direct(), QStringLiteral("fvtest"),
                                      QStringLiteral("/nonexistent"), parent);
        });
        controller.setPreference(BackendPreference(preference));
        controller.setNetworkManagerRunning(nmRunning);
        QCOMPARE(controller.decision().kind ? int(*controller.decision().kind) : -1, expected);
        QCOMPARE(controller.backend() != nullptr, expected != -1);
        if (expected != -1)
            QCOMPARE(int(asked.constLast()), expected);
        QVERIFY2(!controller.decision().explanation.contains(QStringLiteral("cannot drive it yet")),
                 qPrintable(controller.decision().explanation));
    }

    void preferenceNames()
    {
        for (const BackendPreference preference :
             { BackendPreference::Automatic, BackendPreference::WgQuick, BackendPreference::NetworkManager })
            QCOMPARE(parseBackendPreference(backendPreferenceName(preference)), preference);
        QVERIFY(!parseBackendPreference(u"WG-QUICK"));
        QVERIFY(!parseBackendPreference(u""));
    }

    void routeConflicts_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QStringList>("expected"); // "route dev"
        QTest::newRow("none") << QByteArray(R"([{"dst":"default","gateway":"192.0.2.254","dev":"eth0"},
                                               {"dst":"192.0.2.0/24","dev":"eth0","protocol":"kernel"}])")
                              << QStringList();
        QTest::newRow("our own route")
            << QByteArray(R"([{"dst":"10.42.42.0/24","dev":"factoryvpn"}])") << QStringList();
        QTest::newRow("same subnet on the LAN") << QByteArray(R"([{"dst":"10.42.42.0/24","dev":"eth0"}])")
                                                << QStringList { QStringLiteral("10.42.42.0/24 eth0") };
        QTest::newRow("wider LAN") << QByteArray(R"([{"dst":"10.0.0.0/8","dev":"wlan0","scope":"link"}])")
                                   << QStringList { QStringLiteral("10.0.0.0/8 wlan0") };
        QTest::newRow("host route inside") << QByteArray(R"([{"dst":"10.42.42.9","dev":"docker0"}])")
                                           << QStringList { QStringLiteral("10.42.42.9/32 docker0") };
        QTest::newRow("neighbour subnet")
            << QByteArray(R"([{"dst":"10.42.43.0/24","dev":"eth0"}])") << QStringList();
        QTest::newRow("unreachable type ignored")
            << QByteArray(R"([{"type":"unreachable","dst":"10.42.42.0/24"}])") << QStringList();
        QTest::newRow("garbage entries skipped")
            << QByteArray(R"([{"dst":"nonsense","dev":"eth0"},{},3])") << QStringList();
    }

    void routeConflicts()
    {
        QFETCH(QByteArray, json);
        QFETCH(QStringList, expected);
        const QList<IpNetwork> vpn { IpNetwork::parse(u"10.42.42.0/24").value() };
        const Result<QList<RouteConflict>> conflicts
            = findRouteConflicts(json, vpn, QStringLiteral("factoryvpn"));
        QVERIFY(conflicts);
        QStringList found;
        for (const RouteConflict &conflict : *conflicts)
            found.append(conflict.route.toString() + u' ' + conflict.device);
        QCOMPARE(found, expected);
    }

    void routeTableNotJson()
    {
        const Result<QList<RouteConflict>> conflicts = findRouteConflicts("default via 1.2.3.4", {}, {});
        QVERIFY(!conflicts);
        QVERIFY(conflicts.error().message.contains(QStringLiteral("routing table")));
    }
};

QTEST_GUILESS_MAIN(TestBackendChoice)
#include "tst_backendchoice.moc"
