#include "SingleInstance.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QLocalServer>
#include <QLocalSocket>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include <csignal>
#include <cstdio>
#include <memory>
#include <optional>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

using namespace fvpn;
using namespace Qt::StringLiterals;

namespace {

using Role = SingleInstance::Role;
using Request = SingleInstance::Request;

const QString HelperFlag = u"--instance-helper"_s;
constexpr int ProcessDeadlineMs = 30000; // only keeps a broken run from hanging

QString enrollLink()
{
    return u"factory-vpn://enroll?url=https%3A%2F%2Fhub.example.com%3A8443&fp=sha256%3A"_s + QString(64, u'a')
        + u"&invite=Zw8-k_2"_s;
}

// The test binary run again as another instance: `--instance-helper CHANNEL [LINK]`
// claims the channel with "activate" (or "open-link LINK"), prints its role and,
// as primary, keeps answering until it is killed.
int runHelper(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList arguments = QCoreApplication::arguments();
    SingleInstance instance(arguments.value(2));
    const Request request = arguments.size() > 3 ? Request::openLink(arguments.at(3)) : Request::activate();
    const Result<Role> role = instance.claim(request);
    if (!role) {
        std::fprintf(stdout, "error %s\n", qPrintable(role.error().message));
        return 1;
    }
    std::fprintf(stdout, "%s\n", *role == Role::Primary ? "primary" : "secondary");
    std::fflush(stdout);
    if (*role == Role::Secondary)
        return 0;
    return QCoreApplication::exec();
}

// A primary in a thread of its own, so that a secondary in the test's thread can
// wait for its answer.
class PrimaryThread
{
public:
    explicit PrimaryThread(const QString &channel)
        : m_instance(new SingleInstance(channel))
    {
        m_instance->moveToThread(&m_thread);
        QObject::connect(&m_thread, &QThread::finished, m_instance, &QObject::deleteLater);
        // Queued into the test's thread, where the lists are read.
        QObject::connect(m_instance, &SingleInstance::activationRequested, &m_receiver,
                         [this]() { ++activations; });
        QObject::connect(m_instance, &SingleInstance::linkReceived, &m_receiver,
                         [this](const QString &link) { links.append(link); });
        m_thread.start();
    }

    ~PrimaryThread()
    {
        m_thread.quit();
        m_thread.wait();
    }

    Result<Role> claim()
    {
        std::optional<Result<Role>> role;
        QMetaObject::invokeMethod(
            m_instance, [&]() { role.emplace(m_instance->claim(Request::activate())); },
            Qt::BlockingQueuedConnection);
        return *role;
    }

    int activations = 0;
    QStringList links;

private:
    QThread m_thread;
    SingleInstance *m_instance;
    QObject m_receiver;
};

struct Spies
{
    explicit Spies(SingleInstance *instance)
        : activations(instance, &SingleInstance::activationRequested)
        , links(instance, &SingleInstance::linkReceived)
        , refusals(instance, &SingleInstance::requestRefused)
    { }

    QSignalSpy activations;
    QSignalSpy links;
    QSignalSpy refusals;
};

// What a crashed instance leaves behind: a bound socket file nobody listens on.
bool leaveStaleSocket(const QString &path)
{
    const QByteArray name = QFile::encodeName(path);
    sockaddr_un address {};
    address.sun_family = AF_UNIX;
    if (size_t(name.size()) >= sizeof(address.sun_path))
        return false;
    std::copy(name.cbegin(), name.cend(), address.sun_path);
    const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    if (fd < 0)
        return false;
    const bool bound = ::bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof(address)) == 0;
    ::close(fd);
    return bound && QFileInfo::exists(path);
}

QString roleText(const Result<Role> &role)
{
    if (!role)
        return u"error: "_s + role.error().message;
    return *role == Role::Primary ? u"primary"_s : u"secondary"_s;
}

} // namespace

class TestSingleInstance : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_runtime;
    int m_channels = 0;

    // Every test its own channel, so nothing one test leaves can answer in another.
    QString freshChannel() { return u"fvpn-test-%1"_s.arg(++m_channels); }

    std::unique_ptr<QProcess> startHelper(const QStringList &arguments)
    {
        auto process = std::make_unique<QProcess>();
        process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
        process->start(QCoreApplication::applicationFilePath(), QStringList { HelperFlag } + arguments);
        return process;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_runtime = std::make_unique<QTemporaryDir>();
        QVERIFY(m_runtime->isValid());
        // Before any SingleInstance exists; helper processes inherit it.
        qputenv("XDG_RUNTIME_DIR", QFile::encodeName(m_runtime->path()));
    }

    void decode_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<QString>("link"); // for open-link
        QTest::addColumn<QString>("error"); // part of the message; empty when accepted

        QTest::newRow("activate") << QByteArray("activate\n") << QString() << QString();
        QTest::newRow("activate without newline") << QByteArray("activate") << QString() << QString();
        QTest::newRow("open-link") << ("open-link " + enrollLink().toUtf8() + '\n') << enrollLink()
                                   << QString();
        QTest::newRow("open-link non-ASCII")
            << QByteArray("open-link factory-vpn://enroll?x=M\xc3\xbcnchen\n")
            << u"factory-vpn://enroll?x=München"_s << QString();
        QTest::newRow("exactly the limit")
            << ("open-link " + QByteArray(SingleInstance::MaxRequestSize - 11, 'a') + '\n')
            << QString(SingleInstance::MaxRequestSize - 11, u'a') << QString();
        QTest::newRow("one byte over")
            << ("open-link " + QByteArray(SingleInstance::MaxRequestSize - 10, 'a') + '\n') << QString()
            << u"longer than 8192 bytes"_s;
        QTest::newRow("unknown verb")
            << QByteArray("explode\n") << QString() << u"unknown request 'explode'"_s;
        QTest::newRow("empty line") << QByteArray("\n") << QString() << u"unknown request"_s;
        QTest::newRow("verb in capitals") << QByteArray("ACTIVATE\n") << QString() << u"unknown request"_s;
        QTest::newRow("activate with argument")
            << QByteArray("activate now\n") << QString() << u"unknown request 'activate'"_s;
        QTest::newRow("open-link without link")
            << QByteArray("open-link\n") << QString() << u"unknown request"_s;
        QTest::newRow("open-link empty link")
            << QByteArray("open-link \n") << QString() << u"exactly one link"_s;
        QTest::newRow("open-link two spaces")
            << QByteArray("open-link  factory-vpn://x\n") << QString() << u"exactly one link"_s;
        QTest::newRow("tab") << QByteArray("open-link a\tb\n") << QString() << u"U+0009"_s;
        QTest::newRow("carriage return") << QByteArray("activate\r\n") << QString() << u"U+000D"_s;
        QTest::newRow("second line") << QByteArray("activate\nactivate\n") << QString() << u"U+000A"_s;
        QTest::newRow("NUL") << QByteArray("activate\0x", 10) << QString() << u"U+0000"_s;
        QTest::newRow("escape") << QByteArray("open-link \x1b[2J\n") << QString() << u"U+001B"_s;
        QTest::newRow("bidi override")
            << QByteArray("open-link a\xe2\x80\xaeq\n") << QString() << u"U+202E"_s;
        QTest::newRow("not UTF-8") << QByteArray("open-link \xff\xfe\n") << QString() << u"not UTF-8"_s;
        QTest::newRow("overlong UTF-8") << QByteArray("open-link \xc0\xaf\n") << QString() << u"not UTF-8"_s;
    }

    void decode()
    {
        QFETCH(QByteArray, line);
        QFETCH(QString, link);
        QFETCH(QString, error);
        const Result<Request> request = Request::decode(line);
        if (!error.isEmpty()) {
            QVERIFY2(!request, "accepted");
            QVERIFY2(request.error().message.contains(error), qPrintable(request.error().message));
            return;
        }
        QVERIFY2(request, qPrintable(request ? QString() : request.error().message));
        QCOMPARE(request->verb, link.isEmpty() ? Request::Verb::Activate : Request::Verb::OpenLink);
        QCOMPARE(request->link, link);
        // What encode() makes of it reads back the same.
        QCOMPARE(*Request::decode(request->encode()), *request);
    }

    void socketIsInTheRuntimeDirectory()
    {
        SingleInstance instance(u"factory-vpn"_s);
        QCOMPARE(instance.serverName(), m_runtime->filePath(u"factory-vpn.socket"_s));
    }

    void badChannelNameIsRefused_data()
    {
        QTest::addColumn<QString>("channel");
        QTest::newRow("empty") << QString();
        QTest::newRow("slash") << u"../factory-vpn"_s;
        QTest::newRow("space") << u"factory vpn"_s;
        QTest::newRow("too long") << QString(65, u'a');
    }

    void badChannelNameIsRefused()
    {
        QFETCH(QString, channel);
        SingleInstance instance(channel);
        const Result<Role> role = instance.claim(Request::activate());
        QVERIFY(!role);
        QCOMPARE(role.error().code, ErrorCode::InvalidInput);
        QVERIFY(!instance.isPrimary());
    }

    void secondInstanceHandsOverToTheFirst()
    {
        const QString channel = freshChannel();
        PrimaryThread first(channel);
        QCOMPARE(roleText(first.claim()), u"primary"_s);
        QVERIFY(QFileInfo::exists(m_runtime->filePath(channel + u".socket"_s)));

        SingleInstance second(channel);
        QCOMPARE(roleText(second.claim(Request::openLink(enrollLink()))), u"secondary"_s);
        QVERIFY(!second.isPrimary());
        QTRY_COMPARE(first.links, QStringList { enrollLink() });
        QCOMPARE(first.activations, 0);

        SingleInstance third(channel);
        QCOMPARE(roleText(third.claim(Request::activate())), u"secondary"_s);
        QTRY_COMPARE(first.activations, 1);
        QCOMPARE(first.links.size(), 1);
    }

    void claimingTwiceStaysPrimary()
    {
        SingleInstance instance(freshChannel());
        QCOMPARE(roleText(instance.claim(Request::activate())), u"primary"_s);
        QCOMPARE(roleText(instance.claim(Request::activate())), u"primary"_s);
    }

    void staleSocketFileIsReclaimed()
    {
        const QString channel = freshChannel();
        QVERIFY(leaveStaleSocket(m_runtime->filePath(channel + u".socket"_s)));

        SingleInstance instance(channel);
        QCOMPARE(roleText(instance.claim(Request::activate())), u"primary"_s);
        // And it answers there.
        Spies spies(&instance);
        auto secondary = startHelper({ channel });
        QTRY_COMPARE_WITH_TIMEOUT(spies.activations.size(), 1, ProcessDeadlineMs);
        // Not waitForFinished(): this thread's event loop has to send the answer.
        QTRY_VERIFY_WITH_TIMEOUT(secondary->state() == QProcess::NotRunning, ProcessDeadlineMs);
        QCOMPARE(secondary->exitCode(), 0);
    }

    void socketOfKilledProcessIsReclaimed()
    {
        const QString channel = freshChannel();
        auto crashed = startHelper({ channel });
        QVERIFY(crashed->waitForReadyRead(ProcessDeadlineMs));
        QCOMPARE(crashed->readLine().trimmed(), QByteArray("primary"));
        ::kill(pid_t(crashed->processId()), SIGKILL); // no chance to clean up
        QVERIFY(crashed->waitForFinished(ProcessDeadlineMs));
        QVERIFY(QFileInfo::exists(m_runtime->filePath(channel + u".socket"_s)));

        SingleInstance instance(channel);
        QCOMPARE(roleText(instance.claim(Request::activate())), u"primary"_s);
    }

    void secondProcessHandsOverItsLink()
    {
        const QString channel = freshChannel();
        SingleInstance primary(channel);
        QCOMPARE(roleText(primary.claim(Request::activate())), u"primary"_s);
        Spies spies(&primary);

        auto secondary = startHelper({ channel, enrollLink() });
        QTRY_COMPARE_WITH_TIMEOUT(spies.links.size(), 1, ProcessDeadlineMs);
        QCOMPARE(spies.links.first().first().toString(), enrollLink());
        QTRY_VERIFY_WITH_TIMEOUT(secondary->state() == QProcess::NotRunning, ProcessDeadlineMs);
        QCOMPARE(secondary->exitStatus(), QProcess::NormalExit);
        QCOMPARE(secondary->exitCode(), 0);
        QCOMPARE(secondary->readAllStandardOutput().trimmed(), QByteArray("secondary"));
        QCOMPARE(spies.activations.size(), 0);
        QCOMPARE(spies.refusals.size(), 0);
    }

    void processesStartedTogetherFindOnePrimary()
    {
        const QString channel = freshChannel();
        // The worst case: each may find the stale socket and remove it; only one may listen.
        QVERIFY(leaveStaleSocket(m_runtime->filePath(channel + u".socket"_s)));
        std::vector<std::unique_ptr<QProcess>> processes;
        for (int i = 0; i < 4; ++i)
            processes.push_back(startHelper({ channel }));
        int primaries = 0;
        int secondaries = 0;
        for (const auto &process : processes) {
            QVERIFY(process->waitForReadyRead(ProcessDeadlineMs));
            const QByteArray role = process->readLine().trimmed();
            if (role == "primary") {
                ++primaries;
            } else {
                QCOMPARE(role, QByteArray("secondary"));
                QVERIFY(process->waitForFinished(ProcessDeadlineMs));
                QCOMPARE(process->exitCode(), 0);
                ++secondaries;
            }
        }
        for (const auto &process : processes) {
            if (process->state() != QProcess::NotRunning) {
                process->kill();
                process->waitForFinished(ProcessDeadlineMs);
            }
        }
        QCOMPARE(primaries, 1);
        QCOMPARE(secondaries, 3);
    }

    void channelsDoNotSeeEachOther()
    {
        SingleInstance first(freshChannel());
        SingleInstance second(freshChannel());
        QCOMPARE(roleText(first.claim(Request::activate())), u"primary"_s);
        Spies spies(&first);
        QCOMPARE(roleText(second.claim(Request::activate())), u"primary"_s);
        QVERIFY(first.serverName() != second.serverName());
        QCoreApplication::processEvents();
        QCOMPARE(spies.activations.size(), 0);
    }

    void hostileRequestsAreRefused_data()
    {
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<bool>("closeAfterWriting");
        // Whoever floods the socket may lose the answer when it is closed on them.
        const QByteArray huge = "open-link " + QByteArray(SingleInstance::MaxRequestSize, 'a');
        QTest::newRow("oversized line") << (huge + '\n') << false;
        QTest::newRow("oversized, no newline") << huge << false;
        QTest::newRow("a megabyte") << QByteArray(1024 * 1024, 'x') << false;
        QTest::newRow("control character") << QByteArray("open-link factory-vpn://a\x07\n") << false;
        QTest::newRow("unknown verb") << QByteArray("shutdown\n") << false;
        QTest::newRow("not UTF-8") << QByteArray("open-link \xff\n") << false;
        QTest::newRow("no newline before close") << QByteArray("activate") << true;
    }

    void hostileRequestsAreRefused()
    {
        QFETCH(QByteArray, data);
        QFETCH(bool, closeAfterWriting);
        SingleInstance primary(freshChannel());
        QCOMPARE(roleText(primary.claim(Request::activate())), u"primary"_s);
        Spies spies(&primary);

        QLocalSocket raw;
        QByteArray reply;
        connect(&raw, &QLocalSocket::readyRead, this, [&]() { reply += raw.readAll(); });
        raw.connectToServer(primary.serverName());
        QTRY_COMPARE(raw.state(), QLocalSocket::ConnectedState);
        raw.write(data);
        if (closeAfterWriting)
            raw.disconnectFromServer();
        QTRY_COMPARE(spies.refusals.size(), 1);
        if (!closeAfterWriting && data.size() <= 2 * SingleInstance::MaxRequestSize)
            QTRY_COMPARE(reply, QByteArray("refused\n"));
        QCOMPARE(spies.activations.size(), 0);
        QCOMPARE(spies.links.size(), 0);

        // The primary still serves well-formed requests afterwards.
        QLocalSocket good;
        good.connectToServer(primary.serverName());
        QTRY_COMPARE(good.state(), QLocalSocket::ConnectedState);
        good.write(Request::activate().encode());
        QTRY_COMPARE(spies.activations.size(), 1);
        QCOMPARE(spies.refusals.size(), 1);
    }
};

int main(int argc, char *argv[])
{
    if (argc > 2 && QString::fromLocal8Bit(argv[1]) == HelperFlag)
        return runHelper(argc, argv);
    QCoreApplication app(argc, argv);
    TestSingleInstance test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_singleinstance.moc"
