#include "PrivateKey.h"
#include "SecretStore.h"

#include <QEventLoop>
#include <QProcess>
#include <QTemporaryDir>
#include <QTimer>
#include <QUuid>
#include <QtTest>

#include <chrono>
#include <cstdio>
#include <optional>

using namespace fvpn;
using namespace std::chrono_literals;

namespace {

// QVERIFY2 evaluates its message even when the check passes, and error() of a
// successful Result must not be called.
template<typename R> QString failure(const R &result)
{
    return result.ok() ? QString() : result.error().toString();
}

const char ChildModeVariable[] = "FVPN_TST_SECRETSTORE_CHILD";

// Waits for one asynchronous SecretStore call. The deadline only keeps a broken
// keychain from hanging the test run; it is not a speed requirement.
template<typename T, typename Start> Result<T> waitFor(Start start)
{
    std::optional<Result<T>> outcome;
    QEventLoop loop;
    QObject context;
    start(&context, [&outcome, &loop](Result<T> result) {
        outcome.emplace(std::move(result));
        loop.quit();
    });
    QTimer::singleShot(2min, &loop, &QEventLoop::quit);
    if (!outcome)
        loop.exec();
    if (!outcome)
        return makeError(ErrorCode::Internal, QStringLiteral("test: no answer from the keychain"));
    return std::move(*outcome);
}

Result<void> store(SecretStore &secrets, const QString &key, QByteArrayView bytes)
{
    const SecureBuffer secret = SecureBuffer::fromBytes(bytes);
    return waitFor<void>([&](QObject *context, auto done) { secrets.store(key, secret, context, done); });
}

Result<SecureBuffer> load(SecretStore &secrets, const QString &key)
{
    return waitFor<SecureBuffer>([&](QObject *context, auto done) { secrets.load(key, context, done); });
}

Result<void> remove(SecretStore &secrets, const QString &key)
{
    return waitFor<void>([&](QObject *context, auto done) { secrets.remove(key, context, done); });
}

QString uniqueService()
{
    return QStringLiteral("factory-vpn-test-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QByteArray allByteValues()
{
    QByteArray bytes;
    for (int i = 0; i < 256; ++i)
        bytes.append(char(i));
    return bytes;
}

// Child mode: run every operation against whatever keychain the environment
// offers and print "<operation> <error code>\t<message>" per line.
int runChild()
{
    SecretStore secrets(QStringLiteral("factory-vpn-test-child"));
    const SecureBuffer secret = SecureBuffer::fromBytes("child secret");
    auto print = [](const char *operation, const Error *error) {
        const QString line
            = QStringLiteral("%1 %2\t%3\n")
                  .arg(QLatin1String(operation), error ? errorCodeName(error->code) : QStringLiteral("ok"),
                       error ? error->message : QString());
        std::fputs(line.toUtf8().constData(), stdout);
        std::fflush(stdout);
    };
    int pending = 3;
    auto finishOne = [&pending]() {
        if (--pending == 0)
            QCoreApplication::quit();
    };
    secrets.store(QStringLiteral("entry"), secret, &secrets, [&](Result<void> r) {
        print("store", r.ok() ? nullptr : &r.error());
        finishOne();
    });
    secrets.load(QStringLiteral("entry"), &secrets, [&](Result<SecureBuffer> r) {
        print("load", r.ok() ? nullptr : &r.error());
        finishOne();
    });
    secrets.remove(QStringLiteral("entry"), &secrets, [&](Result<void> r) {
        print("remove", r.ok() ? nullptr : &r.error());
        finishOne();
    });
    QTimer::singleShot(2min, &secrets, []() { QCoreApplication::exit(2); });
    return QCoreApplication::exec();
}

} // namespace

class TestSecretStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTripOfBinaryData()
    {
        SecretStore secrets(uniqueService());
        const QString key = QStringLiteral("device-key");
        const QByteArray bytes = allByteValues(); // NUL, high bytes, everything

        Result<void> stored = store(secrets, key, bytes);
        QVERIFY2(stored.ok(), qPrintable(failure(stored)));

        Result<SecureBuffer> loaded = load(secrets, key);
        QVERIFY2(loaded.ok(), qPrintable(failure(loaded)));
        QCOMPARE(loaded->view(), QByteArrayView(bytes));

        Result<void> removed = remove(secrets, key);
        QVERIFY2(removed.ok(), qPrintable(failure(removed)));

        Result<SecureBuffer> gone = load(secrets, key);
        QVERIFY(!gone.ok());
        QCOMPARE(gone.error().code, ErrorCode::NotFound);
        QVERIFY2(gone.error().message.contains(key), qPrintable(gone.error().message));
    }

    void privateKeySurvivesTheKeychain()
    {
        SecretStore secrets(uniqueService());
        Result<PrivateKey> key = PrivateKey::generate();
        QVERIFY(key.ok());
        Result<void> stored = waitFor<void>([&](QObject *context, auto done) {
            secrets.store(QStringLiteral("wg"), key->toBase64(), context, done);
        });
        QVERIFY2(stored.ok(), qPrintable(failure(stored)));
        Result<SecureBuffer> loaded = load(secrets, QStringLiteral("wg"));
        QVERIFY2(loaded.ok(), qPrintable(failure(loaded)));
        Result<PrivateKey> back = PrivateKey::fromBase64(loaded->view());
        QVERIFY(back.ok());
        QVERIFY(back->raw().equals(key->raw()));
        QCOMPARE(back->publicKey(), key->publicKey());
    }

    void storeOverwrites()
    {
        SecretStore secrets(uniqueService());
        QVERIFY(store(secrets, QStringLiteral("token"), "first").ok());
        QVERIFY(store(secrets, QStringLiteral("token"), "second").ok());
        Result<SecureBuffer> loaded = load(secrets, QStringLiteral("token"));
        QVERIFY2(loaded.ok(), qPrintable(failure(loaded)));
        QCOMPARE(loaded->view(), QByteArrayView("second"));
    }

    void loadOfMissingEntryIsNotFound()
    {
        SecretStore secrets(uniqueService());
        Result<SecureBuffer> loaded = load(secrets, QStringLiteral("never-stored"));
        QVERIFY(!loaded.ok());
        QCOMPARE(loaded.error().code, ErrorCode::NotFound);
    }

    void removeOfMissingEntrySucceeds()
    {
        SecretStore secrets(uniqueService());
        Result<void> removed = remove(secrets, QStringLiteral("never-stored"));
        QVERIFY2(removed.ok(), qPrintable(failure(removed)));
    }

    void servicesAreSeparate()
    {
        SecretStore first(uniqueService());
        SecretStore second(uniqueService());
        QVERIFY(store(first, QStringLiteral("same-name"), "one").ok());
        Result<SecureBuffer> other = load(second, QStringLiteral("same-name"));
        QVERIFY(!other.ok());
        QCOMPARE(other.error().code, ErrorCode::NotFound);
        QVERIFY(remove(second, QStringLiteral("same-name")).ok());
        Result<SecureBuffer> own = load(first, QStringLiteral("same-name"));
        QVERIFY2(own.ok(), qPrintable(failure(own)));
        QCOMPARE(own->view(), QByteArrayView("one"));
    }

    void invalidRequestsFailAsynchronously()
    {
        SecretStore secrets(uniqueService());
        QObject context;
        std::optional<Result<void>> emptyKey;
        std::optional<Result<void>> nullSecret;
        std::optional<Result<SecureBuffer>> emptyLoad;
        secrets.store({}, SecureBuffer::fromBytes("x"), &context,
                      [&](Result<void> r) { emptyKey.emplace(r); });
        secrets.store(QStringLiteral("k"), SecureBuffer(), &context,
                      [&](Result<void> r) { nullSecret.emplace(r); });
        secrets.load({}, &context, [&](Result<SecureBuffer> r) { emptyLoad.emplace(std::move(r)); });
        // Never from inside the call: callers may rely on that.
        QVERIFY(!emptyKey && !nullSecret && !emptyLoad);
        QTRY_VERIFY_WITH_TIMEOUT(emptyKey && nullSecret && emptyLoad, 60000);
        QVERIFY(!emptyKey->ok() && !nullSecret->ok() && !emptyLoad->ok());
        QCOMPARE(emptyKey->error().code, ErrorCode::InvalidInput);
        QCOMPARE(nullSecret->error().code, ErrorCode::InvalidInput);
        QCOMPARE(emptyLoad->error().code, ErrorCode::InvalidInput);
    }

    void callbacksAreAsynchronous()
    {
        SecretStore secrets(uniqueService());
        QObject context;
        std::optional<Result<void>> outcome;
        secrets.store(QStringLiteral("k"), SecureBuffer::fromBytes("v"), &context,
                      [&](Result<void> r) { outcome.emplace(r); });
        QVERIFY(!outcome);
        QTRY_VERIFY_WITH_TIMEOUT(outcome.has_value(), 60000);
        QVERIFY(outcome->ok());
    }

    void noCallbackAfterContextIsDestroyed()
    {
        SecretStore secrets(uniqueService());
        int calls = 0;
        auto *context = new QObject;
        secrets.store(QStringLiteral("orphan"), SecureBuffer::fromBytes("value"), context,
                      [&calls](Result<void>) { ++calls; });
        secrets.load(QStringLiteral("orphan"), context, [&calls](Result<SecureBuffer>) { ++calls; });
        secrets.remove(QStringLiteral("absent"), context, [&calls](Result<void>) { ++calls; });
        secrets.store({}, SecureBuffer::fromBytes("value"), context, [&calls](Result<void>) { ++calls; });
        delete context;

        // QtKeychain runs jobs one after another, so once this later call is done
        // the orphaned ones are done too.
        Result<SecureBuffer> later = load(secrets, QStringLiteral("orphan"));
        QVERIFY2(later.ok(), qPrintable(failure(later))); // the orphaned store still happened
        QCOMPARE(later->view(), QByteArrayView("value"));
        QCoreApplication::sendPostedEvents();
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
        QCOMPARE(calls, 0);
    }

    void noKeychainIsUnavailable_data()
    {
        QTest::addColumn<QString>("busAddress"); // empty: no session bus configured at all
        QTest::addColumn<bool>("ownBus");
        QTest::addColumn<QStringList>("unavailable"); // operations that must fail that way
        QTest::addColumn<QString>("code"); // how they fail
        QTest::addColumn<int>("problem");
        const QStringList all { QStringLiteral("store"), QStringLiteral("load"), QStringLiteral("remove") };
        QTest::newRow("bus address points nowhere")
            << QStringLiteral("unix:path=/nonexistent/fvpn-test-bus") << false << all
            << QStringLiteral("unavailable") << int(SecretStore::Problem::NoSession);
        QTest::newRow("no session bus") << QString() << false << all << QStringLiteral("unavailable")
                                        << int(SecretStore::Problem::NoSession);
        // A bus on which the keyring daemon starts on demand but has no keyring
        // (and no display to ask for a password for a new one): reading finds
        // nothing, storing cannot work, exactly as when that window is cancelled.
        QTest::newRow("keyring daemon without a keyring")
            << QString() << true << QStringList { QStringLiteral("store") }
            << QStringLiteral("permission_denied") << int(SecretStore::Problem::NoKeyring);
    }

    void noKeychainIsUnavailable()
    {
        QFETCH(QString, busAddress);
        QFETCH(bool, ownBus);
        QFETCH(QStringList, unavailable);
        QFETCH(QString, code);
        QFETCH(int, problem);
        QTemporaryDir home;
        QVERIFY(home.isValid());

        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const char *name : { "DBUS_SESSION_BUS_ADDRESS", "DISPLAY", "WAYLAND_DISPLAY",
                                  "XDG_CURRENT_DESKTOP", "DESKTOP_SESSION", "KDE_SESSION_VERSION",
                                  "KDE_FULL_SESSION", "GNOME_DESKTOP_SESSION_ID", "GNOME_KEYRING_CONTROL" })
            env.remove(QString::fromLatin1(name));
        if (!busAddress.isEmpty())
            env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"), busAddress);
        // A fresh home and runtime folder: no bus at $XDG_RUNTIME_DIR/bus, no keyring
        // files from the session this test runs in.
        env.insert(QStringLiteral("HOME"), home.path());
        env.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral("data")));
        env.insert(QStringLiteral("XDG_CACHE_HOME"), home.filePath(QStringLiteral("cache")));
        env.insert(QStringLiteral("XDG_RUNTIME_DIR"), home.path());
        env.insert(QString::fromLatin1(ChildModeVariable), QStringLiteral("1"));

        QProcess child;
        child.setProcessEnvironment(env);
        if (ownBus)
            child.start(QStringLiteral("dbus-run-session"),
                        { QStringLiteral("--"), QCoreApplication::applicationFilePath() });
        else
            child.start(QCoreApplication::applicationFilePath(), {});
        QVERIFY(child.waitForFinished(180000));
        QCOMPARE(child.exitStatus(), QProcess::NormalExit);
        QCOMPARE(child.exitCode(), 0);

        const QStringList lines
            = QString::fromUtf8(child.readAllStandardOutput()).split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 3);
        for (const QString &line : lines) {
            const QString operation = line.section(u' ', 0, 0);
            if (!unavailable.contains(operation))
                continue;
            QVERIFY2(line.section(u'\t', 0, 0) == operation + u' ' + code, qPrintable(line));
            const QString message = line.section(u'\t', 1);
            QVERIFY2(message == SecretStore::describe(SecretStore::Problem(problem)), qPrintable(line));
            // The message is for people: no D-Bus object paths or error names in it.
            QVERIFY2(!message.contains(QStringLiteral("/org/")), qPrintable(line));
            QVERIFY2(!message.contains(QStringLiteral("org.freedesktop")), qPrintable(line));
        }
    }
};

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (qEnvironmentVariableIsSet(ChildModeVariable))
        return runChild();
    TestSecretStore test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_secretstore.moc"
