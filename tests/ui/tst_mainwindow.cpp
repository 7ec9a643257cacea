#include "MainWindow.h"

#include <QtTest>

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void showsTitledWindow()
    {
        fvpn::MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(window.windowTitle(), QStringLiteral("Factory VPN"));
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
