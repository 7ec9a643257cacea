#include "AsyncWait.h"
#include "KeyManager.h"
#include "SecretStore.h"

#include <QDirIterator>
#include <QProcess>
#include <QRegularExpression>
#include <QUuid>
#include <QtTest>

using namespace fvpn;
using namespace fvpn::test;

namespace {

const char ChildModeVariable[] = "FVPN_TST_KEYMANAGER_CHILD";

QString uniqueService()
{
    return QStringLiteral("factory-vpn-test-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
}

Result<PublicKey> generate(KeyManager &keys)
{
    return waitFor<PublicKey>([&](QObject *context, auto done) { keys.generate(context, done); });
}

Result<PrivateKey> load(KeyManager &keys)
{
    return waitFor<PrivateKey>([&](QObject *context, auto done) { keys.load(context, done); });
}

Result<void> remove(KeyManager &keys)
{
    return waitFor<void>([&](QObject *context, auto done) { keys.remove(context, done); });
}

// Child mode: generate a key where there is no keychain and print the outcome.
int runChild()
{
    SecretStore store(uniqueService());
    KeyManager keys(&store);
    const Result<PublicKey> key = generate(keys);
    std::printf("%s\t%s\n", key ? "generated" : qPrintable(errorCodeName(key.error().code)),
                key ? "" : qPrintable(key.error().message));
    return 0;
}

} // namespace

class TestKeyManager : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void generateStoresTheKeyInTheKeychain()
    {
        SecretStore store(uniqueService());
        KeyManager keys(&store);
        const Result<PublicKey> publicKey = generate(keys);
        QVERIFY2(publicKey, qPrintable(failure(publicKey)));
        QVERIFY(!publicKey->isNull());

        // The keychain entry is the key in wg's own text form, and it is the
        // private half of exactly the public key handed out.
        const Result<SecureBuffer> entry = waitFor<SecureBuffer>(
            [&](QObject *context, auto done) { store.load(keys.entry(), context, done); });
        QVERIFY2(entry, qPrintable(failure(entry)));
        QCOMPARE(entry->size(), std::size_t(44));
        static const QRegularExpression keyShape(QStringLiteral("^[A-Za-z0-9+/]{43}=$"));
        QVERIFY(keyShape.match(QString::fromLatin1(entry->view())).hasMatch());

        const Result<PrivateKey> privateKey = load(keys);
        QVERIFY2(privateKey, qPrintable(failure(privateKey)));
        QCOMPARE(privateKey->publicKey(), *publicKey);

        QVERIFY(remove(keys));
        const Result<PrivateKey> gone = load(keys);
        QVERIFY(!gone);
        QCOMPARE(gone.error().code, ErrorCode::NotFound);
        QVERIFY2(gone.error().message.contains(QStringLiteral("Generate a key first")),
                 qPrintable(gone.error().message));
    }

    void generateReplacesTheKey()
    {
        SecretStore store(uniqueService());
        KeyManager keys(&store);
        const Result<PublicKey> first = generate(keys);
        const Result<PublicKey> second = generate(keys);
        QVERIFY(first && second);
        QVERIFY(!(*first == *second));
        const Result<PrivateKey> loaded = load(keys);
        QVERIFY(loaded);
        QCOMPARE(loaded->publicKey(), *second);
        QVERIFY(remove(keys));
    }

    void entriesAreSeparate()
    {
        SecretStore store(uniqueService());
        KeyManager current(&store);
        KeyManager next(&store, QStringLiteral("wireguard-private-key-next"));
        const Result<PublicKey> a = generate(current);
        const Result<PublicKey> b = generate(next);
        QVERIFY(a && b);
        QCOMPARE(load(current)->publicKey(), *a);
        QCOMPARE(load(next)->publicKey(), *b);
        QVERIFY(remove(next));
        QCOMPARE(load(current)->publicKey(), *a);
        QVERIFY(remove(current));
    }

    void damagedEntryIsReported()
    {
        SecretStore store(uniqueService());
        KeyManager keys(&store);
        const SecureBuffer junk = SecureBuffer::fromBytes("not a key at all");
        QVERIFY(waitFor<void>(
            [&](QObject *context, auto done) { store.store(keys.entry(), junk, context, done); }));
        const Result<PrivateKey> loaded = load(keys);
        QVERIFY(!loaded);
        QCOMPARE(loaded.error().code, ErrorCode::InvalidInput);
        QVERIFY2(loaded.error().message.contains(QStringLiteral("damaged")),
                 qPrintable(loaded.error().message));
        QVERIFY(!loaded.error().message.contains(QStringLiteral("not a key at all")));
        QVERIFY(remove(keys));
    }

    // No keychain: a clear message, and the key is not kept anywhere else.
    void noKeychainMeansNoKey()
    {
        QTemporaryDir home;
        QVERIFY(home.isValid());
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const char *name : { "DBUS_SESSION_BUS_ADDRESS", "DISPLAY", "WAYLAND_DISPLAY",
                                  "XDG_CURRENT_DESKTOP", "DESKTOP_SESSION", "GNOME_KEYRING_CONTROL" })
            env.remove(QString::fromLatin1(name));
        env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"),
                   QStringLiteral("unix:path=/nonexistent/fvpn-bus"));
        env.insert(QStringLiteral("HOME"), home.path());
        env.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral("data")));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("config")));
        env.insert(QStringLiteral("XDG_CACHE_HOME"), home.filePath(QStringLiteral("cache")));
        env.insert(QStringLiteral("XDG_RUNTIME_DIR"), home.path());
        env.insert(QString::fromLatin1(ChildModeVariable), QStringLiteral("1"));
        QProcess child;
        child.setProcessEnvironment(env);
        child.start(QCoreApplication::applicationFilePath(), {});
        QVERIFY(child.waitForFinished(180000));
        QCOMPARE(child.exitCode(), 0);
        const QString line = QString::fromUtf8(child.readAllStandardOutput()).trimmed();
        QVERIFY2(line.startsWith(QStringLiteral("unavailable\t")), qPrintable(line));
        QVERIFY2(line.contains(QStringLiteral("not running in a desktop session")), qPrintable(line));
        QVERIFY2(line.contains(QStringLiteral("never in a plain file")), qPrintable(line));

        // Nothing that looks like a WireGuard key was written under the home folder.
        static const QRegularExpression keyText(QStringLiteral("[A-Za-z0-9+/]{43}="));
        QDirIterator files(home.path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (files.hasNext()) {
            QFile file(files.next());
            QVERIFY(file.open(QIODevice::ReadOnly));
            QVERIFY2(!keyText.match(QString::fromLatin1(file.readAll())).hasMatch(),
                     qPrintable(file.fileName()));
        }
    }
};

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (qEnvironmentVariableIsSet(ChildModeVariable))
        return runChild();
    TestKeyManager test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_keymanager.moc"
