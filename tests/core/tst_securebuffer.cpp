#include "SecureBuffer.h"

#include <QtTest>

#include <algorithm>
#include <utility>

#ifdef Q_OS_LINUX
#include <csignal>
#include <sys/wait.h>
#include <unistd.h>
#endif

using namespace fvpn;

namespace {

bool allZero(QByteArrayView bytes)
{
    return std::all_of(bytes.begin(), bytes.end(), [](char c) { return c == 0; });
}

} // namespace

class TestSecureBuffer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initSodiumIsIdempotent()
    {
        QVERIFY(initSodium());
        QVERIFY(initSodium());
    }

    void allocatesZeroFilled()
    {
        SecureBuffer buffer(48);
        QVERIFY(!buffer.isNull());
        QCOMPARE(buffer.size(), std::size_t(48));
        QCOMPARE(buffer.view().size(), qsizetype(48));
        QVERIFY(allZero(buffer.view()));
    }

    void zeroSizeIsNull()
    {
        SecureBuffer empty(0);
        QVERIFY(empty.isNull());
        QCOMPARE(empty.size(), std::size_t(0));
        QVERIFY(SecureBuffer().isNull());
        QVERIFY(SecureBuffer::fromBytes({}).isNull());
    }

    void fromBytesCopies()
    {
        QByteArray source("secret\0bytes", 12);
        SecureBuffer buffer = SecureBuffer::fromBytes(source);
        QCOMPARE(buffer.size(), std::size_t(12));
        QCOMPARE(buffer.view(), QByteArrayView(source));
        QVERIFY(buffer.view().data() != source.constData());
        source[0] = 'S';
        QCOMPARE(buffer.view().at(0), 's');
    }

    void moveTransfersOwnership()
    {
        SecureBuffer a = SecureBuffer::fromBytes("abc");
        const unsigned char *storage = a.data();
        SecureBuffer b(std::move(a));
        QVERIFY(a.isNull()); // NOLINT(bugprone-use-after-move): checking the moved-from state
        QCOMPARE(a.size(), std::size_t(0));
        QCOMPARE(b.data(), storage);
        QCOMPARE(b.view(), QByteArrayView("abc"));

        SecureBuffer c = SecureBuffer::fromBytes("other");
        c = std::move(b);
        QVERIFY(b.isNull()); // NOLINT(bugprone-use-after-move)
        QCOMPARE(c.data(), storage);
        QCOMPARE(c.view(), QByteArrayView("abc"));

        SecureBuffer &alias = c;
        c = std::move(alias);
        QCOMPARE(c.view(), QByteArrayView("abc"));
    }

    void equals_data()
    {
        QTest::addColumn<QByteArray>("a");
        QTest::addColumn<QByteArray>("b");
        QTest::addColumn<bool>("equal");
        QTest::newRow("same") << QByteArray("0123456789abcdef") << QByteArray("0123456789abcdef") << true;
        QTest::newRow("last byte differs")
            << QByteArray("0123456789abcdef") << QByteArray("0123456789abcdeF") << false;
        QTest::newRow("first byte differs") << QByteArray("x123") << QByteArray("0123") << false;
        QTest::newRow("prefix") << QByteArray("0123") << QByteArray("012") << false;
        QTest::newRow("both empty") << QByteArray() << QByteArray() << true;
        QTest::newRow("one empty") << QByteArray("a") << QByteArray() << false;
        QTest::newRow("embedded NUL") << QByteArray("a\0b", 3) << QByteArray("a\0c", 3) << false;
    }

    void equals()
    {
        QFETCH(QByteArray, a);
        QFETCH(QByteArray, b);
        QFETCH(bool, equal);
        const SecureBuffer x = SecureBuffer::fromBytes(a);
        const SecureBuffer y = SecureBuffer::fromBytes(b);
        QCOMPARE(x.equals(y), equal);
        QCOMPARE(y.equals(x), equal);
        QVERIFY(x.equals(x));
    }

    void wipeZeroesOwnStorage()
    {
        QByteArray bytes("a secret that must go");
        const char *storage = bytes.constData();
        const qsizetype size = bytes.size();
        SecureBuffer::wipe(bytes);
        QCOMPARE(bytes.constData(), storage); // no copy: the original memory was zeroed
        QCOMPARE(bytes.size(), size);
        QVERIFY(allZero(bytes));
    }

    void wipeReachesBytesPastTheSize()
    {
        QByteArray bytes(64, 'k');
        bytes.truncate(8); // keeps the allocation and the old bytes behind the end
        const char *storage = bytes.constData();
        SecureBuffer::wipe(bytes);
        bytes.resize(64); // grows within the capacity: the old bytes come back into view
        QCOMPARE(bytes.constData(), storage);
        QVERIFY(allZero(bytes));
    }

    void wipeLeavesSharedCopiesAlone()
    {
        QByteArray original("shared secret");
        QByteArray copy = original; // implicitly shared
        SecureBuffer::wipe(copy);
        QVERIFY(allZero(copy));
        QCOMPARE(copy.size(), original.size());
        QCOMPARE(original, QByteArray("shared secret"));
    }

    void wipeNeverWritesIntoRawData()
    {
        static const char constant[] = "read-only";
        QByteArray raw = QByteArray::fromRawData(constant, sizeof constant - 1);
        SecureBuffer::wipe(raw); // must detach instead of writing into read-only memory
        QVERIFY(allZero(raw));
        QCOMPARE(QByteArrayView(constant), QByteArrayView("read-only"));
    }

    void wipeOfNullIsHarmless()
    {
        QByteArray null;
        SecureBuffer::wipe(null);
        QVERIFY(null.isNull());
    }

#ifdef Q_OS_LINUX
    // sodium_malloc puts a guard page right after the buffer: an overrun must crash
    // instead of silently touching other memory.
    void overrunHitsGuardPage()
    {
        SecureBuffer buffer(32);
        QVERIFY(!buffer.isNull());
        const pid_t child = fork();
        QVERIFY(child >= 0);
        if (child == 0) {
            // Die of the signal itself, not through QtTest's crash reporter.
            std::signal(SIGSEGV, SIG_DFL);
            std::signal(SIGBUS, SIG_DFL);
            volatile unsigned char *p = buffer.data();
            p[buffer.size()] = 1;
            _exit(0); // reached only if the guard page is missing
        }
        int status = 0;
        QCOMPARE(waitpid(child, &status, 0), child);
        QVERIFY2(WIFSIGNALED(status), "writing past the end did not fault");
        QVERIFY(WTERMSIG(status) == SIGSEGV || WTERMSIG(status) == SIGBUS);
    }
#endif
};

QTEST_GUILESS_MAIN(TestSecureBuffer)
#include "tst_securebuffer.moc"
