#include "RateLimiter.h"

#include <QtTest>

using namespace fvpn;

class TestRateLimiter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void burstThenRefill()
    {
        RateLimiter limiter(3, 10'000);
        const QString a = QStringLiteral("198.51.100.1");
        qint64 now = 1'000'000;
        for (int i = 0; i < 3; ++i)
            QCOMPARE(limiter.take(a, now), 0);
        QCOMPARE(limiter.take(a, now), 10);
        now += 4'000;
        QCOMPARE(limiter.take(a, now), 6);
        now += 6'000;
        QCOMPARE(limiter.take(a, now), 0);
        QCOMPARE(limiter.take(a, now), 10);
    }

    void keysAreIndependent()
    {
        RateLimiter limiter(1, 60'000);
        QCOMPARE(limiter.take(QStringLiteral("a"), 0), 0);
        QVERIFY(limiter.take(QStringLiteral("a"), 0) > 0);
        QCOMPARE(limiter.take(QStringLiteral("b"), 0), 0);
    }

    void retryAfterIsAtLeastOneSecond()
    {
        RateLimiter limiter(1, 100);
        QCOMPARE(limiter.take(QStringLiteral("a"), 0), 0);
        QCOMPARE(limiter.take(QStringLiteral("a"), 50), 1);
    }

    void clockGoingBackwardsDoesNotMint()
    {
        RateLimiter limiter(1, 10'000);
        QCOMPARE(limiter.take(QStringLiteral("a"), 100'000), 0);
        QVERIFY(limiter.take(QStringLiteral("a"), 0) > 0);
        QVERIFY(limiter.take(QStringLiteral("a"), 50'000) > 0);
    }

    void boundedMemory()
    {
        RateLimiter limiter(1, 60'000, 100);
        // A flood from many addresses: each gets its first request, the table stays small,
        // and the busiest recent addresses are still limited.
        for (int i = 0; i < 1000; ++i)
            QCOMPARE(limiter.take(QStringLiteral("10.0.%1.%2").arg(i / 256).arg(i % 256), i), 0);
        QVERIFY(limiter.take(QStringLiteral("10.0.3.231"), 1000) > 0);
    }
};

QTEST_GUILESS_MAIN(TestRateLimiter)
#include "tst_ratelimiter.moc"
