#include "AtomicFile.h"
#include "ClientsFileWatcher.h"
#include "StaticInventorySource.h"
#include "TestKeys.h"
#include "WatchedFile.h"

#include <QDir>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <cstdio>

using namespace fvpn;
using namespace Qt::StringLiterals;

class TestClientsFileWatcher : public QObject
{
    Q_OBJECT

private:
    static ClientsFile::ParseOptions rules()
    {
        ClientsFile::ParseOptions options;
        options.subnet = IpNetwork::parse(u"10.42.42.0/24").value();
        options.hubAddress = IpAddress::parse(u"10.42.42.1").value();
        return options;
    }

    static void writeFile(const QString &path, const QString &text)
    {
        QVERIFY(AtomicFile::write(path, text.toUtf8()).ok());
    }

    // Waits for the debounced signal; the bound only keeps a broken watcher from
    // hanging the test, it is not a speed requirement.
    static constexpr int WaitBoundMs = 10000;

private Q_SLOTS:
    void missingFileMeansNoClients()
    {
        QTemporaryDir dir;
        ClientsFileWatcher watcher(dir.filePath(u"clients.conf"_s), rules());
        watcher.reload();
        QVERIFY(watcher.clients().isEmpty());
        QVERIFY(!watcher.error());
    }

    void loadsAndFollowsAtomicReplacement()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"clients.conf"_s);
        writeFile(path, u"# engineers\n%1 10.42.42.10 alice laptop\n"_s.arg(testkeys::A));
        ClientsFileWatcher watcher(path, rules());
        QSignalSpy changed(&watcher, &ClientsFileWatcher::clientsChanged);
        watcher.reload();
        QCOMPARE(changed.size(), 1);
        QCOMPARE(watcher.clients().size(), 1);
        QCOMPARE(watcher.clients().first().name(), u"alice"_s);

        // Rename over the file (a new inode), the way editors and the app save.
        writeFile(path, u"%1 10.42.42.10 alice\n%2 10.42.42.11 bob\n"_s.arg(testkeys::A, testkeys::B));
        QVERIFY(changed.wait(WaitBoundMs));
        QCOMPARE(watcher.clients().size(), 2);

        // And again: the watch must survive the first replacement.
        writeFile(path, u"%1 10.42.42.11 bob\n"_s.arg(testkeys::B));
        QVERIFY(changed.wait(WaitBoundMs));
        QCOMPARE(watcher.clients().size(), 1);
        QCOMPARE(watcher.clients().first().address.toString(), u"10.42.42.11"_s);

        // In-place writes are seen too.
        QFile file(path);
        QVERIFY(file.open(QIODevice::Append));
        file.write(u"%1 10.42.42.12 carol\n"_s.arg(testkeys::C).toUtf8());
        file.close();
        QVERIFY(changed.wait(WaitBoundMs));
        QCOMPARE(watcher.clients().size(), 2);
    }

    void brokenFileKeepsTheLastGoodSet()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"clients.conf"_s);
        writeFile(path, u"%1 10.42.42.10 alice\n"_s.arg(testkeys::A));
        ClientsFileWatcher watcher(path, rules());
        watcher.reload();
        QCOMPARE(watcher.clients().size(), 1);

        QSignalSpy errors(&watcher, &ClientsFileWatcher::errorChanged);
        QSignalSpy changed(&watcher, &ClientsFileWatcher::clientsChanged);
        writeFile(path,
                  u"%1 10.42.42.10 alice\nnot-a-key 10.42.42.11 bob\n%2 10.42.99.1 outside\n"_s.arg(
                      testkeys::A, testkeys::C));
        QVERIFY(errors.wait(WaitBoundMs));
        QVERIFY(watcher.error().has_value());
        QCOMPARE(watcher.error()->code, ErrorCode::InvalidInput);
        QCOMPARE(watcher.error()->lineErrors.size(), 2);
        QCOMPARE(watcher.error()->lineErrors.at(0).line, 2);
        QCOMPARE(watcher.error()->lineErrors.at(1).line, 3);
        QCOMPARE(watcher.clients().size(), 1); // unchanged
        QCOMPARE(changed.size(), 0);

        // Fixing the file clears the error and applies it.
        writeFile(path, u"%1 10.42.42.10 alice\n%2 10.42.42.11 bob\n"_s.arg(testkeys::A, testkeys::B));
        QVERIFY(changed.wait(WaitBoundMs));
        QVERIFY(!watcher.error());
        QCOMPARE(watcher.clients().size(), 2);
    }

    void watchReportsOnlyFinishedWrites()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"clients.conf"_s);
        WatchedFile watch(path);
        QVERIFY(watch.isWatching());
        QSignalSpy changed(&watch, &WatchedFile::changed);
        writeFile(path, u"first\n"_s);
        QVERIFY(changed.wait(WaitBoundMs)); // created complete (QSaveFile links it in)
        changed.clear();
        // Rewritten in place: nothing is reported while the writer holds the file.
        FILE *file = std::fopen(path.toLocal8Bit().constData(), "w");
        QVERIFY(file);
        std::fputs("half a li", file);
        std::fflush(file);
        QTest::qWait(200);
        QCoreApplication::processEvents();
        QCOMPARE(changed.size(), 0);
        std::fputs("ne\n", file);
        std::fclose(file);
        QVERIFY(changed.wait(WaitBoundMs));
        // Removed: reported (no file means no engineers).
        changed.clear();
        QVERIFY(QFile::remove(path));
        QVERIFY(changed.wait(WaitBoundMs));
    }

    void lastGoodSetSurvivesARestart()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"clients.conf"_s);
        const QString saved = dir.filePath(u"state/clients-last-good.conf"_s);
        QDir(dir.path()).mkpath(u"state"_s);
        const QString good
            = u"# team\n%1 10.42.42.10 alice\n%2 10.42.42.11 bob\n"_s.arg(testkeys::A, testkeys::B);
        writeFile(path, good);
        {
            ClientsFileWatcher watcher(path, rules(), saved);
            watcher.reload();
            QCOMPARE(watcher.clients().size(), 2);
            QCOMPARE(watcher.lines(), (QList<int> { 2, 3 }));
            QVERIFY(!watcher.fromSavedCopy());
        }
        // The good file is kept, private, byte for byte.
        QCOMPARE(AtomicFile::read(saved).value(), good.toUtf8());
        QCOMPARE(QFile::permissions(saved) & (QFileDevice::ReadGroup | QFileDevice::ReadOther),
                 QFileDevice::Permissions());

        // A bad edit while the hub is down; the file was written an hour ago.
        writeFile(path, u"%1 10.42.42.10 alice\nnot-a-key 10.42.42.12 eve\n"_s.arg(testkeys::A));
        const QDateTime editedAt = QDateTime::currentDateTimeUtc().addSecs(-3600);
        QFile edited(path);
        QVERIFY(edited.open(QIODevice::ReadWrite));
        QVERIFY(edited.setFileTime(editedAt.toLocalTime(), QFileDevice::FileModificationTime));
        edited.close();

        ClientsFileWatcher restarted(path, rules(), saved);
        QSignalSpy changed(&restarted, &ClientsFileWatcher::clientsChanged);
        restarted.reload();
        QCOMPARE(changed.size(), 1);
        QVERIFY(restarted.known());
        QVERIFY(restarted.fromSavedCopy());
        QCOMPARE(restarted.clients().size(), 2); // both engineers, bob included
        QVERIFY(restarted.error().has_value());
        QCOMPARE(restarted.error()->lineErrors.first().line, 2);
        QVERIFY(qAbs(restarted.errorSince().secsTo(editedAt)) <= 2);
        // The saved set is not overwritten by the bad file.
        QCOMPARE(AtomicFile::read(saved).value(), good.toUtf8());

        // Repaired: applied, saved, no longer from the copy.
        const QString fixed = u"%1 10.42.42.10 alice\n"_s.arg(testkeys::A);
        writeFile(path, fixed);
        restarted.reload();
        QVERIFY(!restarted.error());
        QVERIFY(!restarted.errorSince().isValid());
        QVERIFY(!restarted.fromSavedCopy());
        QCOMPARE(restarted.clients().size(), 1);
        QCOMPARE(AtomicFile::read(saved).value(), fixed.toUtf8());
    }

    void badFileWithoutSavedSetIsUnknown()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"clients.conf"_s);
        writeFile(path, u"garbage\n"_s);
        ClientsFileWatcher watcher(path, rules(), dir.filePath(u"clients-last-good.conf"_s));
        watcher.reload();
        QVERIFY(!watcher.known());
        QVERIFY(watcher.error().has_value());
        QVERIFY(!QFile::exists(dir.filePath(u"clients-last-good.conf"_s)));
    }

    void hubAddressIsRefused()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"clients.conf"_s);
        writeFile(path, u"%1 10.42.42.1 sneaky\n"_s.arg(testkeys::A));
        ClientsFileWatcher watcher(path, rules());
        watcher.reload();
        QVERIFY(watcher.error().has_value());
        QVERIFY(watcher.clients().isEmpty());
    }

    // Issue 15: a hand edit that gives a client the hub's own key, or a device's,
    // is not applied: the last good set stays, the error names the line.
    void hubAndDeviceKeysAreNotApplied()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"clients.conf"_s);
        ClientsFile::ParseOptions options = rules();
        options.hubKey = testkeys::key(testkeys::E);
        writeFile(path, u"%1 10.42.42.10 alice\n"_s.arg(testkeys::A));
        ClientsFileWatcher watcher(path, options);
        watcher.reload();
        QCOMPARE(watcher.clients().size(), 1);

        QSignalSpy errors(&watcher, &ClientsFileWatcher::errorChanged);
        QSignalSpy changed(&watcher, &ClientsFileWatcher::clientsChanged);
        writeFile(path, u"%1 10.42.42.10 alice\n%2 10.42.42.11 the-hub\n"_s.arg(testkeys::A, testkeys::E));
        QVERIFY(errors.wait(WaitBoundMs));
        QVERIFY(watcher.error().has_value());
        QCOMPARE(watcher.error()->lineErrors.size(), 1);
        QCOMPARE(watcher.error()->lineErrors.at(0).line, 2);
        QVERIFY(watcher.error()->lineErrors.at(0).message.contains(u"hub's own public key"_s));
        QCOMPARE(watcher.clients().size(), 1);
        QCOMPARE(watcher.clients().first().name(), u"alice"_s);
        QCOMPARE(changed.size(), 0);

        // A good edit with bob; then the inventory gains a device with bob's key:
        // the file breaks the new rules, so it stays as last applied (bob in) and
        // says why, until the file or the inventory is fixed.
        writeFile(path, u"%1 10.42.42.10 alice\n%2 10.42.42.11 bob\n"_s.arg(testkeys::A, testkeys::B));
        QVERIFY(changed.wait(WaitBoundMs));
        QVERIFY(!watcher.error());
        QCOMPARE(watcher.clients().size(), 2);
        ClientsFile::ParseOptions withDevice = options;
        withDevice.deviceKeys.insert(testkeys::key(testkeys::B), u"press-07"_s);
        withDevice.deviceAddresses.insert(IpAddress::parse(u"10.42.42.70").value(), u"press-07"_s);
        watcher.setOptions(withDevice);
        QVERIFY(watcher.error().has_value());
        QCOMPARE(watcher.error()->lineErrors.at(0).line, 2);
        QVERIFY(watcher.error()->lineErrors.at(0).message.contains(u"belongs to device press-07"_s));
        QCOMPARE(watcher.clients().size(), 2);
        watcher.setOptions(options);
        QVERIFY(!watcher.error());
        QCOMPARE(watcher.clients().size(), 2);
    }

    void staticInventoryFollowsTheFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"inventory.json"_s);
        writeFile(path, u"[]"_s);
        StaticInventorySource source(path);
        QSignalSpy fetched(&source, &InventorySource::inventoryFetched);
        QSignalSpy failed(&source, &InventorySource::fetchFailed);
        source.start();
        QCOMPARE(fetched.size(), 1);
        QCOMPARE(fetched.first().first().toByteArray(), QByteArray("[]"));

        writeFile(path, u"[{\"name\":\"d\"}]"_s);
        QVERIFY(fetched.wait(WaitBoundMs));
        QCOMPARE(fetched.last().first().toByteArray(), QByteArray("[{\"name\":\"d\"}]"));

        // Another file written in the same folder (the hub's status, say) is not a change.
        WatchedFile sameFolder(path);
        QSignalSpy ownEvent(&sameFolder, &WatchedFile::changed);
        writeFile(dir.filePath(u"status.json"_s), u"{}"_s);
        writeFile(path, u"[{\"name\":\"d\"}]"_s); // same bytes: an event, no new content
        QVERIFY(ownEvent.wait(WaitBoundMs));
        QCOMPARE(ownEvent.size(), 1);
        QCoreApplication::processEvents();
        QCOMPARE(fetched.size(), 2);
        // The periodic sync over an unchanged file reads and reports nothing.
        source.refresh();
        QCOMPARE(fetched.size(), 2);

        QVERIFY(QFile::remove(path));
        source.refresh();
        QVERIFY(!failed.isEmpty());
        QVERIFY(failed.last().first().toString().contains(u"inventory.json"_s));
    }
};

QTEST_GUILESS_MAIN(TestClientsFileWatcher)
#include "tst_clientsfilewatcher.moc"
