// The engineer's first run as a newcomer meets it: the keychain's questions and
// each way they can go wrong (reproduced for real: gnome-keyring with no keyring
// and its password window cancelled, a locked keyring, no keychain service, no
// session bus), the name, an address typed without https://, the certificate
// check (Cancel, nothing moves), and a window that keeps its size.
#include "EngineerRig.h"
#include "KeychainWords.h"
#include "KeyringDesktop.h"
#include "MessageBox.h"

#include <QApplication>
#include <QDir>
#include <QLabel>
#include <QProcess>
#include <QTcpServer>
#include <QTcpSocket>

#include <cstdio>
#include <optional>

using namespace fvpn;
using namespace fvpn::test;
using namespace std::chrono_literals;

namespace {

constexpr auto ScenarioVariable = "FVPN_KEYCHAIN_SCENARIO";

// A TCP listener that accepts and never says a word: a TLS handshake with it
// hangs until the client gives up (or the person clicks Cancel).
class SilentServer : public QTcpServer
{
public:
    SilentServer()
    {
        listen(QHostAddress::LocalHost, 0);
        connect(this, &QTcpServer::newConnection, this, [this]() {
            while (QTcpSocket *socket = nextPendingConnection())
                socket->setParent(this);
        });
    }
};

// One keychain situation, in a child process of its own (own D-Bus session, own
// home, for the keyring's windows an Xvfb display): the engineer clicks Generate
// key, the keyring's window is cancelled, and the engineer reads what the window says.
class KeychainScenario : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void run()
    {
        const QString scenario = qEnvironmentVariable(ScenarioVariable);
        if (scenario == u"locked") {
            QVERIFY(unlockKeyring("pw"));
            QVERIFY(lockKeyring());
        }
        const bool prompts = scenario == u"declined" || scenario == u"locked";
        if (prompts) // the keyring's window needs the display the parent started
            QVERIFY2(displayAnswers(qEnvironmentVariable("DISPLAY")), "the display does not answer");
        EngineerRig rig(makeTlsIdentity());
        QVERIFY(QTest::qWaitForWindowExposed(&rig.window));
        QTest::mouseClick(rig.find<QPushButton>("generate"), Qt::LeftButton);
        if (prompts)
            QVERIFY(answerKeyringWindow({})); // the person closes the keyring's window
        QTRY_VERIFY_WITH_TIMEOUT(!rig.view->lastError().isEmpty(), 120000);
        const QString shown = rig.find<QLabel>("error")->text();
        std::printf("shown: %s\n", qPrintable(shown));
        std::fflush(stdout);
        QVERIFY(rig.find<QWidget>("errorRow")->isVisible());
        // Never the machinery: no D-Bus object path, no D-Bus error name.
        QVERIFY2(!shown.contains(QStringLiteral("/org/freedesktop")), qPrintable(shown));
        QVERIFY2(!shown.contains(QStringLiteral("org.freedesktop.")), qPrintable(shown));
        QVERIFY(rig.session->profile().publicKey.isNull());
        QVERIFY(rig.find<QPushButton>("tryAgain")->isVisible());

        using Problem = SecretStore::Problem;
        const Problem expected = scenario == u"declined" ? Problem::NoKeyring
            : scenario == u"locked"                      ? Problem::Locked
            : scenario == u"noservice"                   ? Problem::NoService
                                                         : Problem::NoSession;
        QVERIFY2(shown.contains(KeychainWords::describe(expected)), qPrintable(shown));
        if (expected == Problem::NoService)
            QVERIFY(shown.contains(QStringLiteral("sudo apt install gnome-keyring")));
        if (!prompts)
            return;

        if (expected == Problem::Locked) {
            // A read from the locked keyring, its window closed too, is "locked", not "no key".
            std::optional<Result<PrivateKey>> read;
            rig.session->keys()->load(&rig.window,
                                      [&read](Result<PrivateKey> key) { read = std::move(key); });
            // With no entry to unlock for, gnome-keyring answers at once; with one it asks first.
            QVERIFY(QTest::qWaitFor([&read]() { return read.has_value() || keyringWindowShown(); }, 120000));
            if (!read)
                QVERIFY(answerKeyringWindow({}));
            QTRY_VERIFY_WITH_TIMEOUT(read.has_value(), 120000);
            QVERIFY(!*read);
            QVERIFY2(read->error().message.contains(KeychainWords::describe(Problem::Locked)),
                     qPrintable(read->error().message));
        }
        // Try again, and this time the person answers the keyring's window: the key is made.
        const QStringList passwords = expected == Problem::NoKeyring
            ? QStringList { QStringLiteral("pw"), QStringLiteral("pw") }
            : QStringList { QStringLiteral("pw") };
        for (int attempt = 0; attempt < 3; ++attempt) {
            QTest::mouseClick(rig.find<QPushButton>("tryAgain"), Qt::LeftButton);
            QVERIFY(answerKeyringWindow(passwords));
            if (QTest::qWaitFor([] { return !keyringWindowShown(); }, 20000))
                break;
            // Still open: a key typed into a loaded machine got lost, and the keyring
            // says the password is wrong (or the two differ). Close it, as a person
            // would, and try again.
            std::printf("attempt %d: the keyring's window is still open; trying again\n", attempt + 1);
            std::fflush(stdout);
            QVERIFY(answerKeyringWindow({}));
            QTRY_VERIFY_WITH_TIMEOUT(rig.find<QPushButton>("tryAgain")->isVisible(), 120000);
        }
        QTRY_VERIFY_WITH_TIMEOUT(!rig.session->profile().publicKey.isNull(), 120000);
        QVERIFY(!rig.find<QWidget>("errorRow")->isVisible());
        QVERIFY(rig.find<QLabel>("key")->text().contains(rig.session->profile().publicKey.fingerprint()));
    }
};

} // namespace

class TestEngineerFirstRun : public QObject
{
    Q_OBJECT

private:
    TlsIdentity m_identity;

private Q_SLOTS:
    void initTestCase()
    {
        m_identity = makeTlsIdentity();
        QVERIFY(!m_identity.fingerprint.isEmpty());
    }

    // What QtKeychain (libsecret, gnome-keyring 42) really answers, as seen on
    // this machine, sorted into problems each with its own next step.
    void keychainAnswersAreToldApart_data()
    {
        QTest::addColumn<int>("jobError"); // QKeychain::Error
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("problem");
        using P = SecretStore::Problem;
        QTest::newRow("no bus, no display")
            << 7 << QStringLiteral("Cannot autolaunch D-Bus without X11 $DISPLAY") << int(P::NoSession);
        QTest::newRow("no bus, a display")
            << 7
            << QStringLiteral("Error spawning command line “dbus-launch --autolaunch=3d12 --binary-syntax "
                              "--close-stderr”: Child process exited with code 1")
            << int(P::NoSession);
        QTest::newRow("bus gone") << 7 << QStringLiteral("Could not connect: No such file or directory")
                                  << int(P::NoSession);
        QTest::newRow("no secret service")
            << 7 << QStringLiteral("The name org.freedesktop.secrets was not provided by any .service files")
            << int(P::NoService);
        QTest::newRow("new keyring declined")
            << 7
            << QStringLiteral("Object does not exist at path “/org/freedesktop/secrets/collection/login”")
            << int(P::NoKeyring);
        QTest::newRow("locked") << 4 << QStringLiteral("Cannot create an item in a locked collection")
                                << int(P::Locked);
        QTest::newRow("refused") << 3 << QStringLiteral("Access denied") << int(P::Refused);
        QTest::newRow("no backend") << 5 << QString() << int(P::NoService);
        QTest::newRow("something else") << 7 << QStringLiteral("Unexpected reply") << int(P::Other);
        QTest::newRow("not found is no problem") << 1 << QStringLiteral("Entry not found") << int(P::None);
    }

    void keychainAnswersAreToldApart()
    {
        QFETCH(int, jobError);
        QFETCH(QString, text);
        QFETCH(int, problem);
        const SecretStore::Problem found = SecretStore::classify(jobError, text);
        QCOMPARE(int(found), problem);
        if (found == SecretStore::Problem::None)
            return;
        // The store's message leads back to the problem, and neither it nor the
        // app's words show an object path.
        const QString message = SecretStore::describe(found);
        QVERIFY(!message.contains(QStringLiteral("/org/")));
        QVERIFY(!KeychainWords::describe(found).contains(QStringLiteral("/org/")));
        QVERIFY(!KeychainWords::describe(found).isEmpty());
        QCOMPARE(SecretStore::problemOf(makeError(ErrorCode::PermissionDenied, message)), found);
        QCOMPARE(SecretStore::problemOf(makeError(ErrorCode::Unavailable, message)), found);
        QCOMPARE(SecretStore::problemOf(makeError(ErrorCode::NotFound, message)), SecretStore::Problem::None);
    }

    void keychainScenarios_data()
    {
        QTest::addColumn<QString>("scenario");
        QTest::newRow("new keyring, its password window cancelled") << QStringLiteral("declined");
        QTest::newRow("locked, its unlock window cancelled") << QStringLiteral("locked");
        QTest::newRow("no keychain service") << QStringLiteral("noservice");
        QTest::newRow("no session bus") << QStringLiteral("nosession");
    }

    // Each for real, in a child with its own session and home: gnome-keyring's
    // password windows (on an Xvfb display) are closed with Escape and then
    // answered, as a person would, with xdotool.
    void keychainScenarios()
    {
        QFETCH(QString, scenario);
        QTemporaryDir home;
        QVERIFY(home.isValid());
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const char *name :
             { "DBUS_SESSION_BUS_ADDRESS", "DISPLAY", "WAYLAND_DISPLAY", "GNOME_KEYRING_CONTROL",
               "XDG_CURRENT_DESKTOP", "DESKTOP_SESSION", "IN_KEYRING_SESSION" })
            env.remove(QString::fromLatin1(name));
        const QString runtime = home.filePath(QStringLiteral("run"));
        QVERIFY(QDir().mkpath(runtime));
        QFile::setPermissions(runtime, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        env.insert(QStringLiteral("HOME"), home.path());
        env.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral("data")));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("config")));
        env.insert(QStringLiteral("XDG_CACHE_HOME"), home.filePath(QStringLiteral("cache")));
        env.insert(QStringLiteral("XDG_RUNTIME_DIR"), runtime);
        env.insert(QString::fromLatin1(ScenarioVariable), scenario);

        QProcess xvfb; // declared first: ended after the child, whatever happens
        QProcess child;
        child.setProcessEnvironment(env);
        child.setProcessChannelMode(QProcess::MergedChannels);
        const QString self = QCoreApplication::applicationFilePath();
        if (scenario == u"nosession") {
            env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"),
                       QStringLiteral("unix:path=/nonexistent/fvpn-bus"));
            child.setProcessEnvironment(env);
            child.start(self, {});
        } else if (scenario == u"noservice") {
            // A session bus that knows no services at all: nothing provides org.freedesktop.secrets.
            QFile config(home.filePath(QStringLiteral("bus.conf")));
            QVERIFY(config.open(QIODevice::WriteOnly));
            config.write("<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\" "
                         "\"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n"
                         "<busconfig><type>session</type><listen>unix:tmpdir=/tmp</listen>"
                         "<policy context=\"default\"><allow send_destination=\"*\" eavesdrop=\"true\"/>"
                         "<allow eavesdrop=\"true\"/><allow own=\"*\"/></policy></busconfig>\n");
            config.close();
            child.start(QStringLiteral("dbus-run-session"),
                        { QStringLiteral("--config-file=") + config.fileName(), QStringLiteral("--"), self });
        } else {
            // gnome-keyring's password windows need a display; the app itself stays
            // offscreen.
            const QString display = startDisplay(xvfb);
            QVERIFY2(!display.isEmpty(), "no Xvfb display answered in three tries");
            env.insert(QStringLiteral("DISPLAY"), display);
            child.setProcessEnvironment(env);
            child.start(QStringLiteral("dbus-run-session"), { QStringLiteral("--"), self });
        }
        // With the event loop running, so that Xvfb's output is read meanwhile (a
        // full pipe would stop the X server).
        QVERIFY(child.waitForStarted(30000));
        QVERIFY(QTest::qWaitFor([&child] { return child.state() == QProcess::NotRunning; }, 240000));
        const QByteArray output = child.readAll();
        QByteArray xvfbSays; // for a failure: how the display fared meanwhile
        if (xvfb.state() != QProcess::NotRunning) {
            xvfbSays = "Xvfb still running; its display "
                + QByteArray(displayAnswers(env.value(QStringLiteral("DISPLAY"))) ? "answers"
                                                                                  : "does not answer");
            xvfb.terminate();
            xvfb.waitForFinished(10000);
        } else if (env.contains(QStringLiteral("DISPLAY"))) {
            xvfbSays = "Xvfb had exited (" + QByteArray::number(xvfb.exitCode()) + ")";
        }
        if (env.contains(QStringLiteral("DISPLAY")))
            xvfbSays += "; it said: " + xvfb.readAllStandardError().right(600);
        // The end of the child's output says what failed (its start is the bus's
        // chatter); printed whole, as a QVERIFY2 message is cut short.
        const bool childPassed = child.exitStatus() == QProcess::NormalExit && child.exitCode() == 0;
        if (!childPassed) {
            std::printf("--- the end of the scenario's output:\n%s\n--- %s\n", output.right(3000).constData(),
                        xvfbSays.constData());
            std::fflush(stdout);
        }
        QVERIFY2(childPassed, "the scenario failed (its output above)");
        QVERIFY2(output.contains("shown: "), output.constData());
    }

    void nameIsTheAccountsFullName_data()
    {
        QTest::addColumn<QString>("gecos");
        QTest::addColumn<QString>("login");
        QTest::addColumn<QString>("expected");
        QTest::newRow("full name with rooms") << QStringLiteral("Alice Example,Room 4,,")
                                              << QStringLiteral("alice") << QStringLiteral("Alice Example");
        QTest::newRow("just the name")
            << QStringLiteral("Jürgen Groß") << QStringLiteral("jgross") << QStringLiteral("Jürgen Groß");
        QTest::newRow("root's") << QStringLiteral("root") << QStringLiteral("root") << QString();
        QTest::newRow("login name again") << QStringLiteral("Bob,,,") << QStringLiteral("bob") << QString();
        QTest::newRow("empty") << QString() << QStringLiteral("carol") << QString();
        QTest::newRow("only commas") << QStringLiteral(",,,") << QStringLiteral("dave") << QString();
        QTest::newRow("spaces inside") << QStringLiteral("  Erin   Example ,x") << QStringLiteral("erin")
                                       << QStringLiteral("Erin Example");
    }

    void nameIsTheAccountsFullName()
    {
        QFETCH(QString, gecos);
        QFETCH(QString, login);
        QFETCH(QString, expected);
        QCOMPARE(SystemIdentity::fullNameFrom(gecos, login), expected);
    }

    // No full name (root, say): the field is empty and asks, instead of offering "root".
    void withoutAFullNameTheWindowAsks()
    {
        EngineerRig rig(m_identity,
                        SystemIdentity { QString(), QStringLiteral("lab-pc"), QStringLiteral("Debian") });
        auto *name = rig.find<QLineEdit>("name");
        QVERIFY(name->text().isEmpty());
        QVERIFY(!name->placeholderText().isEmpty());
        rig.find<QLineEdit>("link")->setText(rig.link());
        QTest::mouseClick(rig.find<QPushButton>("generate"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!rig.session->profile().publicKey.isNull(), 60000);
        QVERIFY(!rig.find<QPushButton>("register")->isEnabled()); // no name yet
        QTest::keyClicks(name, QStringLiteral("Lab Engineer"));
        QVERIFY(rig.find<QPushButton>("register")->isEnabled());
    }

    // Said before the keychain asks: what it will ask and why.
    void keychainQuestionIsAnnounced()
    {
        EngineerRig rig(m_identity);
        QLabel *hint = rig.find<QLabel>("keyHint");
        QVERIFY(hint->isVisible());
        QVERIFY(hint->text().contains(QStringLiteral("keychain")));
        QVERIFY(hint->text().contains(QStringLiteral("password")));
        QTest::mouseClick(rig.find<QPushButton>("generate"), Qt::LeftButton);
        // While the keychain may be asking, the line above says so.
        QVERIFY(rig.find<QLabel>("busy")->text().contains(QStringLiteral("keychain")));
        QTRY_VERIFY_WITH_TIMEOUT(!rig.session->profile().publicKey.isNull(), 60000);
        QVERIFY(!hint->isVisible());
        QVERIFY(rig.find<QLabel>("busy")->text().isEmpty());
    }

    // "192.0.2.1:8443" means https://192.0.2.1:8443.
    void addressWithoutSchemeMeansHttps()
    {
        EngineerRig rig(m_identity);
        MessageBox::setNextAnswer(QMessageBox::No);
        rig.registerThroughWidgets(QStringLiteral("127.0.0.1:%1").arg(rig.hub.port));
        QTRY_VERIFY_WITH_TIMEOUT(!rig.view->lastError().isEmpty(), 60000);
        QCOMPARE(rig.session->profile().hubUrl, rig.hub.url());
        // It reached the hub over TLS: its certificate was shown, in the one format.
        QVERIFY2(MessageBox::lastText().contains(QStringLiteral("sha256:") + rig.hub.fingerprint()),
                 qPrintable(MessageBox::lastText()));
        QVERIFY(!MessageBox::lastText().contains(u':' + rig.hub.fingerprint().left(2).toUpper() + u':'));
    }

    // A hub that does not answer: the check can be cancelled, the fields stay
    // readable, and nothing on the page moves.
    void certificateCheckCanBeCancelled()
    {
        EngineerRig rig(m_identity);
        SilentServer silent;
        QVERIFY(silent.isListening());
        rig.session->hub()->setTimeout(10min); // only Cancel ends it here
        QVERIFY(QTest::qWaitForWindowExposed(&rig.window));
        rig.find<QLineEdit>("link")->setText(QStringLiteral("127.0.0.1:%1").arg(silent.serverPort()));
        QTest::mouseClick(rig.find<QPushButton>("generate"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(rig.find<QPushButton>("register")->isEnabled(), 60000);

        auto *link = rig.find<QLineEdit>("link");
        auto *registerButton = rig.find<QPushButton>("register");
        auto *pages = rig.find<QWidget>("journeySteps");
        const QPoint linkAt = link->mapTo(&rig.window, QPoint());
        const QPoint registerAt = registerButton->mapTo(&rig.window, QPoint());
        const QPoint stepsAt = pages->mapTo(&rig.window, QPoint());
        const QSize windowSize = rig.window.size();

        QTest::mouseClick(registerButton, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(rig.session->canCancelBusy(), 60000);
        QVERIFY(rig.find<QLabel>("busy")->text().contains(QStringLiteral("certificate")));
        auto *cancel = rig.find<QPushButton>("cancelBusy");
        QVERIFY(cancel->isVisible());
        // Readable, not greyed out: read-only while the hub is asked.
        QVERIFY(link->isEnabled());
        QVERIFY(link->isReadOnly());
        QVERIFY(rig.find<QLineEdit>("name")->isEnabled());
        QVERIFY(!registerButton->isEnabled());
        // Nothing moved.
        QCOMPARE(link->mapTo(&rig.window, QPoint()), linkAt);
        QCOMPARE(registerButton->mapTo(&rig.window, QPoint()), registerAt);
        QCOMPARE(pages->mapTo(&rig.window, QPoint()), stepsAt);
        QCOMPARE(rig.window.size(), windowSize);

        QTest::mouseClick(cancel, Qt::LeftButton);
        QVERIFY(!rig.session->isBusy());
        QVERIFY(!cancel->isVisible());
        QVERIFY(rig.view->lastError().isEmpty()); // cancelling is no error
        QVERIFY(!link->isReadOnly());
        QVERIFY(registerButton->isEnabled());
        QCOMPARE(rig.view->currentPage(), EngineerView::Page::Enroll);
        QCOMPARE(link->mapTo(&rig.window, QPoint()), linkAt);
        QCOMPARE(registerButton->mapTo(&rig.window, QPoint()), registerAt);
        // Nothing was asked about a certificate, and nothing reached any hub.
        QTest::qWait(200);
        QVERIFY(rig.view->lastError().isEmpty());
        QCOMPARE(rig.hub.requests().size(), 0);
    }

    // The window is sized once and keeps its size through the whole journey:
    // no long text (the whole key, say) pushes it wider.
    void windowKeepsItsSize()
    {
        EngineerRig rig(m_identity);
        QVERIFY(QTest::qWaitForWindowExposed(&rig.window));
        const QSize size = rig.window.size();
        auto fits = [&rig]() {
            return rig.window.minimumSizeHint().width() <= rig.window.width()
                && rig.window.minimumSizeHint().height() <= rig.window.height();
        };
        QVERIFY(fits());
        rig.hub.preApprovedInvite = QStringLiteral("pre.approved");
        rig.hub.preApprovedTunnel = approvedTunnelJson();
        rig.find<QLineEdit>("link")->setText(
            HubLink(rig.hub.url(), rig.hub.fingerprint(), QStringLiteral("pre.approved")).toString());
        QTest::mouseClick(rig.find<QPushButton>("generate"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!rig.session->profile().publicKey.isNull(), 60000);
        QCoreApplication::processEvents();
        QCOMPARE(rig.window.size(), size);
        QVERIFY(fits());
        QTest::mouseClick(rig.find<QPushButton>("register"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(rig.view->currentPage(), EngineerView::Page::Tunnel, 60000);
        QCoreApplication::processEvents();
        QCOMPARE(rig.window.size(), size);
        QVERIFY(fits());
        QTest::mouseClick(rig.find<QPushButton>("connect"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(rig.session->state(), AppState::Connected, 60000);
        QCoreApplication::processEvents();
        QCOMPARE(rig.window.size(), size);
        QVERIFY(fits());
    }
};

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    if (qEnvironmentVariableIsSet(ScenarioVariable)) {
        KeychainScenario scenario;
        return QTest::qExec(&scenario);
    }
    TestEngineerFirstRun test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_engineerfirstrun.moc"
