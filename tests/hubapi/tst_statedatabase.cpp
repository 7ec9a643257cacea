#include <QtTest>
class TestStateDatabase : public QObject { Q_OBJECT };
QTEST_GUILESS_MAIN(TestStateDatabase)
#include "tst_statedatabase.moc"
