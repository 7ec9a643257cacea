#include "ClientsFileTableModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QtTest>

using namespace fvpn;

namespace {

QString keyA()
{
    return QStringLiteral("WlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlpaWlo=");
}
QString keyB()
{
    return QStringLiteral("MzMzMzMzMzMzMzMzMzMzMzMzMzMzMzMzMzMzMzMzMzM=");
}

QString sample()
{
    return QStringLiteral("# engineers\n") + keyA() + QStringLiteral("  10.42.42.100\talice  laptop\n\n")
        + keyB() + QStringLiteral(" 10.42.42.101 #bob\n");
}

} // namespace

class TestClientsFileTable : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void showsLinesAsRows()
    {
        ClientsFileTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setText(sample());
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(model.text(), sample());
        QCOMPARE(model.headerData(1, Qt::Vertical).toInt(), 2);
        auto cell = [&model](int row, int column) {
            return model.index(row, column).data().toString();
        };
        QCOMPARE(cell(0, ClientsFileTableModel::KeyColumn), QStringLiteral("# engineers"));
        QCOMPARE(cell(0, ClientsFileTableModel::CommentColumn), QString());
        QCOMPARE(cell(1, ClientsFileTableModel::KeyColumn), keyA());
        QCOMPARE(cell(1, ClientsFileTableModel::AddressColumn), QStringLiteral("10.42.42.100"));
        QCOMPARE(cell(1, ClientsFileTableModel::CommentColumn), QStringLiteral("alice  laptop"));
        QCOMPARE(cell(3, ClientsFileTableModel::CommentColumn), QStringLiteral("#bob"));
        QVERIFY(model.flags(model.index(0, ClientsFileTableModel::KeyColumn)) & Qt::ItemIsEditable);
        QVERIFY(!(model.flags(model.index(0, ClientsFileTableModel::AddressColumn)) & Qt::ItemIsEditable));
        QVERIFY(!(model.flags(model.index(0, ClientsFileTableModel::CommentColumn)) & Qt::ItemIsEditable));
        QVERIFY(model.flags(model.index(2, ClientsFileTableModel::KeyColumn)) & Qt::ItemIsEditable);
        QVERIFY(!(model.flags(model.index(1, ClientsFileTableModel::ProblemColumn)) & Qt::ItemIsEditable));
    }

    void cellEditRewritesOnlyItsLine()
    {
        ClientsFileTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setText(sample());
        QSignalSpy edited(&model, &ClientsFileTableModel::textEdited);
        QVERIFY(model.setData(model.index(3, ClientsFileTableModel::AddressColumn),
                              QStringLiteral("10.42.42.150")));
        QCOMPARE(edited.size(), 1);
        const QStringList lines = model.text().split(u'\n');
        QCOMPARE(lines[1],
                 keyA() + QStringLiteral("  10.42.42.100\talice  laptop")); // untouched, spacing and all
        QCOMPARE(lines[3], keyB() + QStringLiteral(" 10.42.42.150 #bob"));
        QCOMPARE(edited.constFirst().constFirst().toString(), model.text());

        // Typing a key into a blank line makes it a peer line; newlines cannot split it.
        QVERIFY(model.setData(model.index(2, ClientsFileTableModel::KeyColumn), QString(keyA() + u'\n')));
        QCOMPARE(model.lines()[2], keyA());
        // A comment line is edited whole, in its first cell.
        QVERIFY(model.setData(model.index(0, ClientsFileTableModel::KeyColumn), QStringLiteral("# people")));
        QCOMPARE(model.lines()[0], QStringLiteral("# people"));
        QVERIFY(!model.setData(model.index(0, ClientsFileTableModel::CommentColumn), keyA()));
        // Setting the same value is not an edit.
        edited.clear();
        QVERIFY(model.setData(model.index(0, ClientsFileTableModel::KeyColumn), QStringLiteral("# people")));
        QCOMPARE(edited.size(), 0);
    }

    void rawTextChangesAreIncremental()
    {
        ClientsFileTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setText(sample());
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        QSignalSpy edited(&model, &ClientsFileTableModel::textEdited);

        QString text = sample();
        text.replace(QStringLiteral("alice"), QStringLiteral("alicia"));
        model.setText(text);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.constFirst().constFirst().value<QModelIndex>().row(), 1);
        QCOMPARE(inserted.size() + removed.size() + reset.size(), 0);

        changed.clear();
        model.setText(text + QStringLiteral("# one\n# two\n"));
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(inserted.constFirst().at(1).toInt(), 4);
        QCOMPARE(inserted.constFirst().at(2).toInt(), 5);
        QCOMPARE(changed.size(), 0);

        model.setText(text.mid(text.indexOf(u'\n') + 1)); // first line deleted
        QCOMPARE(removed.size(), 1);
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(edited.size(), 0); // changes from outside are not echoed back
        QCOMPARE(reset.size(), 0);

        model.setText(QString());
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.text(), QString());
    }

    void trailingNewlineIsKept_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("with") << QStringLiteral("a\nb\n");
        QTest::newRow("without") << QStringLiteral("a\nb");
        QTest::newRow("blank lines") << QStringLiteral("\n\n\n");
        QTest::newRow("one newline") << QStringLiteral("\n");
        QTest::newRow("empty") << QString();
    }

    void trailingNewlineIsKept()
    {
        QFETCH(QString, text);
        ClientsFileTableModel model;
        model.setText(text);
        QCOMPARE(model.text(), text);
    }

    void problemsFollowTheirLines()
    {
        ClientsFileTableModel model;
        model.setText(sample());
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setProblems(
            { { 2, QStringLiteral("bad") }, { 2, QStringLiteral("worse") }, { 99, QStringLiteral("gone") } });
        QCOMPARE(model.problemRowCount(), 1);
        QCOMPARE(model.index(1, ClientsFileTableModel::ProblemColumn).data().toString(),
                 QStringLiteral("bad; worse"));
        QVERIFY(model.index(1, ClientsFileTableModel::KeyColumn).data(Qt::BackgroundRole).isValid());
        QVERIFY(!model.index(0, ClientsFileTableModel::KeyColumn).data(Qt::BackgroundRole).isValid());
        QCOMPARE(changed.size(), 1);
        // A line inserted above moves the problem down with its line.
        model.setText(QStringLiteral("# new first line\n") + sample());
        QCOMPARE(model.problemsAt(2), QStringList({ QStringLiteral("bad"), QStringLiteral("worse") }));
        QVERIFY(model.problemsAt(1).isEmpty());
        // Editing the line drops its (now stale) problems until the next check.
        QVERIFY(model.setData(model.index(2, ClientsFileTableModel::CommentColumn), QStringLiteral("x")));
        QVERIFY(model.problemsAt(2).isEmpty());
    }

    void rowsCanBeAddedAndRemoved()
    {
        ClientsFileTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setText(sample());
        QSignalSpy edited(&model, &ClientsFileTableModel::textEdited);
        const int row = model.appendPeer(keyA(), QStringLiteral("10.42.42.200"), QStringLiteral("carol"));
        QCOMPARE(row, 4);
        QVERIFY(model.text().endsWith(keyA() + QStringLiteral(" 10.42.42.200 carol\n")));
        QVERIFY(model.removeRows(0, 2));
        QCOMPARE(model.rowCount(), 3);
        QVERIFY(model.insertRows(3, 1));
        QCOMPARE(model.lines()[3], QString());
        QVERIFY(!model.removeRows(3, 5));
        QVERIFY(!model.insertRows(-1, 1));
        QCOMPARE(edited.size(), 3);
    }

    void splitAndJoin_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("address");
        QTest::addColumn<QString>("comment");
        QTest::newRow("blank") << QStringLiteral("  \t") << int(ClientsFileTableModel::LineKind::Blank)
                               << QString() << QString() << QString();
        QTest::newRow("comment") << QStringLiteral("  # x") << int(ClientsFileTableModel::LineKind::Comment)
                                 << QString() << QString() << QStringLiteral("  # x");
        QTest::newRow("key only") << QStringLiteral("abc") << int(ClientsFileTableModel::LineKind::Peer)
                                  << QStringLiteral("abc") << QString() << QString();
        QTest::newRow("tabs") << QStringLiteral("k\t\ta\tc d") << int(ClientsFileTableModel::LineKind::Peer)
                              << QStringLiteral("k") << QStringLiteral("a") << QStringLiteral("c d");
    }

    void splitAndJoin()
    {
        QFETCH(QString, line);
        QFETCH(int, kind);
        QFETCH(QString, key);
        QFETCH(QString, address);
        QFETCH(QString, comment);
        const ClientsFileTableModel::Fields f = ClientsFileTableModel::split(line);
        QCOMPARE(int(f.kind), kind);
        QCOMPARE(f.key, key);
        QCOMPARE(f.address, address);
        QCOMPARE(f.comment, comment);
    }
};

QTEST_MAIN(TestClientsFileTable)
#include "tst_clientsfiletable.moc"
