#include "LineMerge.h"

#include <QRandomGenerator>
#include <QtTest>

using namespace fvpn;

class TestLineMerge : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void merges_data()
    {
        QTest::addColumn<QString>("base");
        QTest::addColumn<QString>("mine");
        QTest::addColumn<QString>("theirs");
        QTest::addColumn<QString>("merged");

        QTest::newRow("nobody changed") << "a\nb\n"
                                        << "a\nb\n"
                                        << "a\nb\n"
                                        << "a\nb\n";
        QTest::newRow("only mine") << "a\nb\nc\n"
                                   << "a\nB\nc\n"
                                   << "a\nb\nc\n"
                                   << "a\nB\nc\n";
        QTest::newRow("only theirs") << "a\nb\nc\n"
                                     << "a\nb\nc\n"
                                     << "a\nb\nC\n"
                                     << "a\nb\nC\n";
        QTest::newRow("apart") << "a\nb\nc\nd\n"
                               << "A\nb\nc\nd\n"
                               << "a\nb\nc\nD\n"
                               << "A\nb\nc\nD\n";
        QTest::newRow("both appended") << "a\n"
                                       << "a\nmine\n"
                                       << "a\ntheirs\n"
                                       << "a\ntheirs\nmine\n";
        QTest::newRow("both inserted in the middle") << "a\nz\n"
                                                     << "a\nm\nz\n"
                                                     << "a\nt\nz\n"
                                                     << "a\nt\nm\nz\n";
        QTest::newRow("same change") << "a\nb\n"
                                     << "a\nX\n"
                                     << "a\nX\n"
                                     << "a\nX\n";
        QTest::newRow("both deleted the same") << "a\nb\nc\n"
                                               << "a\nc\n"
                                               << "a\nc\n"
                                               << "a\nc\n";
        QTest::newRow("I delete, they append") << "a\nb\n"
                                               << "b\n"
                                               << "a\nb\nc\n"
                                               << "b\nc\n";
        QTest::newRow("I append, they delete") << "a\nb\n"
                                               << "a\nb\nc\n"
                                               << "b\n"
                                               << "b\nc\n";
        QTest::newRow("from empty") << ""
                                    << "x\n"
                                    << ""
                                    << "x\n";
        QTest::newRow("both from empty") << ""
                                         << "x\n"
                                         << "y\n"
                                         << "y\nx\n";
        QTest::newRow("mine emptied, theirs same") << "a\n"
                                                   << ""
                                                   << "a\n"
                                                   << "";
        QTest::newRow("repeated lines") << "#\na\n#\nb\n#\n"
                                        << "#\na\n#\nB\n#\n"
                                        << "#\nA\n#\nb\n#\n"
                                        << "#\nA\n#\nB\n#\n";
        QTest::newRow("no final newline") << "a\nb"
                                          << "a\nB"
                                          << "a\nb"
                                          << "a\nB";
    }

    void merges()
    {
        QFETCH(QString, base);
        QFETCH(QString, mine);
        QFETCH(QString, theirs);
        QFETCH(QString, merged);
        Result<QString> out = LineMerge::merge(base, mine, theirs);
        QVERIFY2(out.ok(), qPrintable(out ? QString() : out.error().message));
        QCOMPARE(*out, merged);
    }

    void reportsClashes_data()
    {
        QTest::addColumn<QString>("base");
        QTest::addColumn<QString>("mine");
        QTest::addColumn<QString>("theirs");
        QTest::addColumn<int>("line");

        QTest::newRow("same line changed") << "a\nb\nc\n"
                                           << "a\nX\nc\n"
                                           << "a\nY\nc\n"
                                           << 2;
        QTest::newRow("I change, they delete") << "a\nb\nc\n"
                                               << "a\nX\nc\n"
                                               << "a\nc\n"
                                               << 2;
        QTest::newRow("first line") << "a\nb\n"
                                    << "X\nb\n"
                                    << "Y\nb\n"
                                    << 1;
    }

    void reportsClashes()
    {
        QFETCH(QString, base);
        QFETCH(QString, mine);
        QFETCH(QString, theirs);
        QFETCH(int, line);
        Result<QString> out = LineMerge::merge(base, mine, theirs);
        QVERIFY(!out.ok());
        QCOMPARE(out.error().code, ErrorCode::Conflict);
        QCOMPARE(out.error().lineErrors.size(), 1);
        QCOMPARE(out.error().lineErrors.constFirst().line, line);
    }

    // Against a brute-force reference: random edits to disjoint halves of a file
    // always merge to "their half changed + my half changed".
    void disjointRandomEditsMerge()
    {
        QRandomGenerator random(42);
        for (int round = 0; round < 200; ++round) {
            QStringList base;
            const int size = 4 + int(random.bounded(40));
            for (int i = 0; i < size; ++i)
                base.append(QStringLiteral("line %1").arg(random.bounded(8))); // repeats on purpose
            const int half = size / 2;
            auto edit = [&random](QStringList part, const QString &tag) {
                const int edits = 1 + int(random.bounded(3));
                for (int e = 0; e < edits && !part.isEmpty(); ++e) {
                    const int at = int(random.bounded(part.size()));
                    switch (random.bounded(3)) {
                    case 0:
                        part[at] = tag + QString::number(e);
                        break;
                    case 1:
                        part.removeAt(at);
                        break;
                    default:
                        part.insert(at, tag + QString::number(e));
                        break;
                    }
                }
                return part;
            };
            // A fixed separator no edit touches keeps the halves apart.
            const QStringList head = base.mid(0, half);
            const QStringList tail = base.mid(half);
            const QStringList sep { QStringLiteral("=== separator ===") };
            const QStringList mine = edit(head, QStringLiteral("mine ")) + sep + tail;
            const QStringList theirs = head + sep + edit(tail, QStringLiteral("theirs "));
            const LineMerge::Outcome out = LineMerge::mergeLines(head + sep + tail, mine, theirs);
            QVERIFY2(out.conflicts.isEmpty(), qPrintable(QStringLiteral("round %1").arg(round)));
            QCOMPARE(out.lines,
                     mine.mid(0, mine.indexOf(sep.constFirst())) + sep
                         + theirs.mid(theirs.indexOf(sep.constFirst()) + 1));
        }
    }

    void matchIsACommonSubsequence()
    {
        const QStringList a { QStringLiteral("x"), QStringLiteral("a"), QStringLiteral("b"),
                              QStringLiteral("c") };
        const QStringList b { QStringLiteral("a"), QStringLiteral("c"), QStringLiteral("x") };
        const QList<int> match = LineMerge::matchLines(a, b);
        QCOMPARE(match, QList<int>({ -1, 0, -1, 1 }));
    }
};

QTEST_GUILESS_MAIN(TestLineMerge)
#include "tst_linemerge.moc"
