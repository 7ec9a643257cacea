#include "MainWindow.h"

#include <QTabWidget>
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

    void bringToFrontShowsTheAskedPage()
    {
        fvpn::MainWindow window;
        auto *first = new QWidget;
        auto *second = new QWidget;
        window.addPage(first, QStringLiteral("First"));
        window.addPage(second, QStringLiteral("Second"));
        window.showMinimized();
        window.hide(); // closed to the tray
        window.bringToFront(second);
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(!window.isMinimized());
        QCOMPARE(window.tabs()->currentWidget(), second);
        window.bringToFront();
        QCOMPARE(window.tabs()->currentWidget(), second);
        window.bringToFront(first);
        QCOMPARE(window.tabs()->currentWidget(), first);
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
