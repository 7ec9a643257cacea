#include "AdminProfileStore.h"
#include "AdminTestUtil.h"
#include "SecretStore.h"

#include <QSettings>
#include <QTemporaryDir>
#include <QtTest>

using namespace fvpn;
using namespace fvpn::test;

class TestAdminProfileStore : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    std::unique_ptr<QSettings> settings()
    {
        return std::make_unique<QSettings>(m_dir.filePath(QStringLiteral("fvpn.ini")), QSettings::IniFormat);
    }

private Q_SLOTS:
    void profilesAreValidated_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("pin");
        QTest::addColumn<QString>("message");
        const QString pin(64, u'a');
        QTest::newRow("ok") << "Plant 2"
                            << "https://10.42.42.1:8443" << pin << QString();
        QTest::newRow("ok http, pin with colons")
            << "Plant 2"
            << "http://10.42.42.1:8080/" << QString(QStringLiteral("AB:").repeated(31) + QStringLiteral("AB"))
            << QString();
        QTest::newRow("empty name") << ""
                                    << "https://hub" << QString() << "hub name:";
        QTest::newRow("newline in name") << "a\nb"
                                         << "https://hub" << QString() << "hub name:";
        QTest::newRow("no scheme") << "x"
                                   << "10.42.42.1:8443" << QString() << "admin URL: expected";
        QTest::newRow("ftp") << "x"
                             << "ftp://hub" << QString() << "admin URL: expected";
        QTest::newRow("user info") << "x"
                                   << "https://admin:pw@hub" << QString() << "admin URL: leave out";
        QTest::newRow("query") << "x"
                               << "https://hub/?token=1" << QString() << "admin URL: leave out";
        QTest::newRow("space") << "x"
                               << "https://hub /x" << QString() << "admin URL: spaces";
        QTest::newRow("short pin") << "x"
                                   << "https://hub"
                                   << "abcd"
                                   << "certificate pin:";
        QTest::newRow("pin not hex") << "x"
                                     << "https://hub" << QString(64, u'g') << "certificate pin:";
    }

    void profilesAreValidated()
    {
        QFETCH(QString, name);
        QFETCH(QString, url);
        QFETCH(QString, pin);
        QFETCH(QString, message);
        Result<AdminProfile> p = AdminProfile::make(QString(), name, url, pin);
        if (message.isEmpty()) {
            QVERIFY2(p.ok(), qPrintable(p ? QString() : p.error().message));
            QCOMPARE(p->pin.size(), pin.isEmpty() ? 0 : 64);
            QVERIFY(!p->adminUrl.path().endsWith(u'/'));
        } else {
            QVERIFY(!p.ok());
            QVERIFY2(p.error().message.startsWith(message), qPrintable(p.error().message));
        }
    }

    void tokensAreChecked_data()
    {
        QTest::addColumn<QString>("token");
        QTest::addColumn<bool>("ok");
        QTest::newRow("typical") << QStringLiteral("fvpn_adm_0123456789abcdef") << true;
        QTest::newRow("padded") << QStringLiteral("  fvpn_adm_0123456789  ") << true;
        QTest::newRow("short") << QStringLiteral("abc") << false;
        QTest::newRow("space inside") << QStringLiteral("abcd efgh ijkl") << false;
        QTest::newRow("non-ascii") << QStringLiteral("abcdéfghijkl") << false;
        QTest::newRow("too long") << QString(513, u'a') << false;
    }

    void tokensAreChecked()
    {
        QFETCH(QString, token);
        QFETCH(bool, ok);
        Result<QString> checked = AdminProfile::checkToken(token);
        QCOMPARE(checked.ok(), ok);
        if (!ok)
            QVERIFY(!checked.error().message.contains(token.trimmed()));
    }

    void storesProfilesAndTokensApart()
    {
        SecretStore secrets(QStringLiteral("factory-vpn-test-admin"));
        QString id;
        {
            auto s = settings();
            AdminProfileStore store(s.get(), &secrets);
            QVERIFY(store.profiles().isEmpty());
            QSignalSpy changed(&store, &AdminProfileStore::profilesChanged);
            auto saved = store.save({ QString(), QStringLiteral("Plant 2"),
                                      QUrl(QStringLiteral("https://10.42.42.1:8443")), QString() });
            QVERIFY(saved.ok());
            QCOMPARE(changed.size(), 1);
            id = saved->id;
            QVERIFY(!id.isEmpty());
            QCOMPARE(store.currentId(), id);

            auto clash
                = store.save({ QString(), QStringLiteral("plant 2"), QUrl(QStringLiteral("https://x")), {} });
            QCOMPARE(clash.error().code, ErrorCode::Conflict);

            auto stored = waitFor<void>([&](auto done) {
                store.storeToken(id, QStringLiteral("fvpn_adm_secret_0123456789"), this, done);
            });
            QVERIFY2(stored.ok(), qPrintable(stored ? QString() : stored.error().message));
            auto bad
                = waitFor<void>([&](auto done) { store.storeToken(id, QStringLiteral("x y"), this, done); });
            QCOMPARE(bad.error().code, ErrorCode::InvalidInput);
        }
        // The token is not in the settings file.
        QFile ini(m_dir.filePath(QStringLiteral("fvpn.ini")));
        QVERIFY(ini.open(QIODevice::ReadOnly));
        const QByteArray content = ini.readAll();
        QVERIFY(content.contains("Plant 2"));
        QVERIFY(!content.contains("fvpn_adm_secret"));

        // A new store (next start of the app) reads both back.
        auto s = settings();
        AdminProfileStore store(s.get(), &secrets);
        QCOMPARE(store.profiles().size(), 1);
        QCOMPARE(store.profiles().constFirst().name, QStringLiteral("Plant 2"));
        auto token = waitFor<QString>([&](auto done) { store.loadToken(id, this, done); });
        QVERIFY2(token.ok(), qPrintable(token ? QString() : token.error().message));
        QCOMPARE(*token, QStringLiteral("fvpn_adm_secret_0123456789"));

        auto removed = waitFor<void>([&](auto done) { store.remove(id, this, done); });
        QVERIFY(removed.ok());
        QVERIFY(store.profiles().isEmpty());
        auto gone = waitFor<QString>([&](auto done) { store.loadToken(id, this, done); });
        QCOMPARE(gone.error().code, ErrorCode::NotFound);
        QVERIFY(gone.error().message.contains(QStringLiteral("No admin token is stored")));
    }

    void damagedEntriesAreSkipped()
    {
        SecretStore secrets(QStringLiteral("factory-vpn-test-admin"));
        auto s = settings();
        s->beginGroup(QStringLiteral("admin"));
        s->beginWriteArray(QStringLiteral("profiles"), 2);
        s->setArrayIndex(0);
        s->setValue(QStringLiteral("id"), QStringLiteral("a"));
        s->setValue(QStringLiteral("name"), QStringLiteral("Good"));
        s->setValue(QStringLiteral("url"), QStringLiteral("https://hub:8443"));
        s->setArrayIndex(1);
        s->setValue(QStringLiteral("id"), QStringLiteral("b"));
        s->setValue(QStringLiteral("name"), QStringLiteral("Bad"));
        s->setValue(QStringLiteral("url"), QStringLiteral("javascript:alert(1)"));
        s->endArray();
        s->endGroup();
        AdminProfileStore store(s.get(), &secrets);
        QCOMPARE(store.profiles().size(), 1);
        QCOMPARE(store.profiles().constFirst().id, QStringLiteral("a"));
    }
};

QTEST_GUILESS_MAIN(TestAdminProfileStore)
#include "tst_adminprofilestore.moc"
