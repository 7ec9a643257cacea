#include "Result.h"

#include <QtTest>

#include <memory>

using namespace fvpn;

class TestResult : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void holdsValue()
    {
        Result<int> r = 42;
        QVERIFY(r.ok());
        QCOMPARE(r.value(), 42);
        QCOMPARE(r.valueOr(7), 42);
    }

    void holdsError()
    {
        Result<int> r = makeError(ErrorCode::Conflict, QStringLiteral("taken"));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::Conflict);
        QCOMPARE(r.error().message, QStringLiteral("taken"));
        QCOMPARE(r.valueOr(7), 7);
    }

    void holdsMoveOnlyValue()
    {
        Result<std::unique_ptr<int>> r = std::make_unique<int>(5);
        QVERIFY(r.ok());
        std::unique_ptr<int> p = std::move(r).value();
        QCOMPARE(*p, 5);
    }

    void voidResult()
    {
        Result<void> good;
        QVERIFY(good.ok());
        Result<void> bad = makeError(ErrorCode::IoError, QStringLiteral("disk full"));
        QVERIFY(!bad.ok());
        QCOMPARE(bad.error().code, ErrorCode::IoError);
    }

    void errorTextListsLines()
    {
        Error e = makeError(ErrorCode::InvalidInput, QStringLiteral("2 bad lines"));
        e.lineErrors = { { 3, QStringLiteral("bad key") }, { 9, QStringLiteral("duplicate address") } };
        QCOMPARE(e.toString(), QStringLiteral("2 bad lines\nline 3: bad key\nline 9: duplicate address"));
    }

    void codeNamesAreStable()
    {
        QCOMPARE(errorCodeName(ErrorCode::PreconditionFailed), QStringLiteral("precondition_failed"));
        QCOMPARE(errorCodeName(ErrorCode::InvalidInput), QStringLiteral("invalid_input"));
    }
};

QTEST_GUILESS_MAIN(TestResult)
#include "tst_result.moc"
