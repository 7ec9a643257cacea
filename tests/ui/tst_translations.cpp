// The app in German: the embedded translation loads for a German system locale
// (the test runs with LC_ALL=de_DE.UTF-8, see tests/ui/CMakeLists.txt), and the
// window, the tray, the diagnostics and the words core produces come out German.
#include "AppState.h"
#include "Diagnostics.h"
#include "EngineerFixtures.h"
#include "EngineerSession.h"
#include "EngineerView.h"
#include "FakeTunnelBackend.h"
#include "MainWindow.h"
#include "SecretStore.h"
#include "Translations.h"
#include "TrayIcon.h"
#include "TunnelStatus.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLibraryInfo>
#include <QMenu>
#include <QPushButton>
#include <QSettings>
#include <QTemporaryDir>
#include <QUuid>
#include <QtTest>

#include <memory>

using namespace fvpn;
using namespace fvpn::test;

namespace {

// The engineer's window and tray over a session whose profile is stored in a
// scratch settings file. Nothing here reads the keychain: there is no request
// to follow and no key is generated.
struct Rig
{
    explicit Rig(const std::optional<ClientProfile> &profile = std::nullopt)
        : secrets(QStringLiteral("factory-vpn-i18ntest-")
                  + QUuid::createUuid().toString(QUuid::WithoutBraces))
        , settings(dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat)
    {
        if (profile)
            profile->save(settings);
        EngineerSession::Dependencies dependencies;
        dependencies.secrets = &secrets;
        dependencies.settings = &settings;
        dependencies.identity = testIdentity();
        dependencies.backendFactory = [](BackendKind, QObject *parent) -> TunnelBackend * {
            return new FakeTunnelBackend(parent);
        };
        session = std::make_unique<EngineerSession>(dependencies);
        window.addPage(view = new EngineerView(session.get(), ToolRunner::direct()), QStringLiteral("VPN"));
        tray = std::make_unique<TrayIcon>(session.get());
        window.show();
    }

    template<typename T> T *find(const char *name) const
    {
        T *found = window.findChild<T *>(QString::fromLatin1(name));
        if (!found)
            qFatal("no widget named %s", name);
        return found;
    }

    QTemporaryDir dir;
    SecretStore secrets;
    QSettings settings;
    std::unique_ptr<EngineerSession> session;
    MainWindow window;
    EngineerView *view = nullptr;
    std::unique_ptr<TrayIcon> tray;
};

ClientProfile approvedProfile()
{
    // No hub address: the session then has no request to follow, so it never
    // asks the keychain for the poll secret.
    ClientProfile profile;
    profile.displayName = QStringLiteral("Alice Example");
    profile.publicKey = freshPublicKey();
    profile.requestId = QStringLiteral("req-1");
    RegistrationStatus status;
    status.id = QStringLiteral("req-1");
    status.state = RegistrationState::Approved;
    status.tunnel = TunnelParameters::fromJson(approvedTunnelJson()).value();
    profile.lastStatus = status;
    return profile;
}

QStringList actionTexts(const QMenu *menu)
{
    QStringList texts;
    for (const QAction *action : menu->actions()) {
        if (!action->isSeparator())
            texts.append(action->text());
    }
    return texts;
}

} // namespace

class TestTranslations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void requestedLanguage_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("environment");
        QTest::addColumn<QString>("setting");
        QTest::addColumn<QString>("expected");
        const QString app = QStringLiteral("factory-vpn");
        QTest::newRow("nothing: the system's") << QStringList { app } << QString() << QString() << QString();
        QTest::newRow("setting") << QStringList { app } << QString() << QStringLiteral("fr")
                                 << QStringLiteral("fr");
        QTest::newRow("environment beats setting")
            << QStringList { app } << QStringLiteral("de") << QStringLiteral("fr") << QStringLiteral("de");
        QTest::newRow("--lang beats both")
            << QStringList { app, QStringLiteral("--lang"), QStringLiteral("de_AT") } << QStringLiteral("fr")
            << QStringLiteral("fr") << QStringLiteral("de_AT");
        QTest::newRow("--lang=") << QStringList { app, QStringLiteral("--admin"),
                                                  QStringLiteral("--lang=de") }
                                 << QString() << QString() << QStringLiteral("de");
        QTest::newRow("--lang without a value is ignored")
            << QStringList { app, QStringLiteral("--lang") } << QString() << QString() << QString();
        QTest::newRow("the program name is not an option")
            << QStringList { QStringLiteral("--lang=xx") } << QString() << QString() << QString();
    }

    void requestedLanguage()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, environment);
        QFETCH(QString, setting);
        QFETCH(QString, expected);
        QCOMPARE(Translations::requestedLanguage(arguments, environment, setting), expected);
    }

    void translationsAreEmbedded()
    {
        const QStringList available = Translations::available();
        QVERIFY2(available.contains(QStringLiteral("de")), qPrintable(available.join(u',')));
        QVERIFY2(available.contains(QStringLiteral("fr")), qPrintable(available.join(u',')));
    }

    // Runs before anything is installed: a language without a translation
    // leaves the app English, and installs nothing (not even Qt's own).
    void untranslatedLanguageStaysEnglish()
    {
        QVERIFY(!Translations::install(qApp, QStringLiteral("sv")));
        QCOMPARE(appStateText(AppState::Connected), QStringLiteral("Connected"));
        QCOMPARE(QCoreApplication::translate("QPlatformTheme", "&Yes"), QStringLiteral("&Yes"));
        Rig rig;
        QCOMPARE(rig.find<QPushButton>("register")->text(), QStringLiteral("&Register"));
        // English has real plural forms too, never "3 device(s)".
        QCOMPARE(QCoreApplication::translate("fvpn::DirectoryView", "%n device(s)", nullptr, 1),
                 QStringLiteral("1 device"));
        QCOMPARE(QCoreApplication::translate("fvpn::DirectoryView", "%n device(s)", nullptr, 3),
                 QStringLiteral("3 devices"));
        QVERIFY(!Translations::available().contains(QStringLiteral("en")));
    }

    // From here on German is installed, the way the app does it: from the
    // system locale, no language given.
    void systemLocaleLoadsGerman()
    {
        QCOMPARE(QLocale::system().language(), QLocale::German);
        const std::optional<QLocale> loaded = Translations::install(qApp);
        QVERIFY(loaded);
        QCOMPARE(loaded->language(), QLocale::German);
    }

    void enrollPageIsGerman()
    {
        Rig rig;
        QCOMPARE(rig.find<QPushButton>("register")->text(), QStringLiteral("&Registrieren"));
        QCOMPARE(rig.find<QPushButton>("generate")->text(), QStringLiteral("Schlüssel erzeu&gen"));
        QCOMPARE(rig.find<QLabel>("stateTitle")->text(), QStringLiteral("Nicht registriert"));
        QCOMPARE(rig.find<QLabel>("key")->text(), QStringLiteral("Noch kein Schlüssel."));
        QCOMPARE(rig.tray->toolTip(), QStringLiteral("Factory VPN: Nicht registriert"));
        QCOMPARE(actionTexts(rig.tray->menu()),
                 (QStringList { QStringLiteral("Verbinden"), QStringLiteral("Factory VPN öffnen"),
                                QStringLiteral("Meine VPN-Adresse kopieren"), QStringLiteral("Beenden") }));
    }

    void tunnelPageIsGerman()
    {
        Rig rig(approvedProfile());
        QCOMPARE(rig.session->state(), AppState::Disconnected);
        QCOMPARE(rig.find<QPushButton>("connect")->text(), QStringLiteral("&Verbinden"));
        QCOMPARE(rig.find<QLabel>("stateTitle")->text(), QStringLiteral("Getrennt"));
        QCOMPARE(rig.find<QLabel>("stateDetail")->text(),
                 QStringLiteral(
                     "Freigegeben. Klicken Sie auf „Verbinden“, um die Geräte der Fabrik zu erreichen."));
        QCOMPARE(rig.find<QPushButton>("diagnostics")->text(), QStringLiteral("Diagnose…"));
        QVERIFY(rig.tray->toolTip().startsWith(QStringLiteral("Factory VPN: Getrennt")));
    }

    void coreWordsAreGerman()
    {
        QCOMPARE(appStateText(AppState::Pending), QStringLiteral("Wartet auf Freigabe"));
        QCOMPARE(registrationStateText(RegistrationState::Rejected),
                 QStringLiteral("Ihre Anfrage wurde abgelehnt."));
        QCOMPARE(verdictText(DiagnosticCheck::Verdict::Fail), QStringLiteral("Problem"));
        QCOMPARE(verdictText(DiagnosticCheck::Verdict::Skipped), QStringLiteral("Nicht geprüft"));
        // Plurals: German has one form for one and another for the rest.
        QCOMPARE(formatHandshakeAge(-1), QStringLiteral("nie"));
        QCOMPARE(formatHandshakeAge(12), QStringLiteral("vor 12 s"));
        QCOMPARE(formatHandshakeAge(600), QStringLiteral("vor 10 min"));
        QCOMPARE(formatHandshakeAge(3 * 86400), QStringLiteral("vor 3 Tagen"));
        // German plurals win over the English plural forms installed beneath them.
        QCOMPARE(QCoreApplication::translate("fvpn::DirectoryView", "%n device(s)", nullptr, 1),
                 QStringLiteral("1 Gerät"));
        QCOMPARE(QCoreApplication::translate("fvpn::DirectoryView", "%n device(s)", nullptr, 3),
                 QStringLiteral("3 Geräte"));
    }

    void diagnosticsAreGerman()
    {
        Rig rig;
        Diagnostics diagnostics(rig.session.get(), ToolRunner::direct());
        QCOMPARE(diagnostics.checks().first().title, QStringLiteral("Hub erreichbar"));
        diagnostics.run();
        // No hub address: decided at once, without the network.
        QCOMPARE(diagnostics.checks().at(Diagnostics::HubReachable).verdict, DiagnosticCheck::Verdict::Fail);
        QCOMPARE(diagnostics.checks().at(Diagnostics::HubReachable).words,
                 QStringLiteral("Keine Hub-Adresse festgelegt. Fügen Sie die Adresse des Hubs oder Ihren "
                                "Einladungslink ein."));
    }

    // Qt's own texts (the standard buttons of the app's questions) are German
    // too when the distribution ships Qt's translations (qt6-translations-l10n).
    void standardButtonsAreGerman()
    {
        const QString qtTranslations = QLibraryInfo::path(QLibraryInfo::TranslationsPath);
        if (!QFile::exists(qtTranslations + QStringLiteral("/qtbase_de.qm")))
            QSKIP("Qt's own German translation is not installed (qt6-translations-l10n)");
        QDialogButtonBox buttons(QDialogButtonBox::Yes | QDialogButtonBox::No);
        QCOMPARE(buttons.button(QDialogButtonBox::Yes)->text(), QStringLiteral("&Ja"));
        QCOMPARE(buttons.button(QDialogButtonBox::No)->text(), QStringLiteral("&Nein"));
    }
};

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
