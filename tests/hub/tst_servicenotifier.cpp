#include "ServiceNotifier.h"

#include <QtTest>

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

using namespace fvpn;
using namespace Qt::StringLiterals;

// systemd's side of sd_notify: a datagram socket whose path is $NOTIFY_SOCKET.
class NotifySocket
{
public:
    explicit NotifySocket(const QString &path)
        : m_fd(::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0))
    {
        sockaddr_un address {};
        address.sun_family = AF_UNIX;
        const QByteArray native = QFile::encodeName(path);
        std::memcpy(address.sun_path, native.constData(), size_t(native.size()));
        if (m_fd < 0 || ::bind(m_fd, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0)
            qFatal("cannot bind the notify socket");
    }
    ~NotifySocket() { ::close(m_fd); }

    // Every datagram that arrived so far, appended to what was read before.
    QStringList received()
    {
        char buffer[4096];
        for (;;) {
            const ssize_t n = ::recv(m_fd, buffer, sizeof buffer, 0);
            if (n <= 0)
                break;
            m_messages << QString::fromUtf8(buffer, qsizetype(n));
        }
        return m_messages;
    }
    void clear()
    {
        received();
        m_messages.clear();
    }

private:
    int m_fd;
    QStringList m_messages;
};

class TestServiceNotifier : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    static HubStatus running(quint64 reconciles)
    {
        HubStatus status;
        status.phase = u"running"_s;
        status.interfaceName = u"fioacme"_s;
        status.peerDevices = 3;
        status.peerClients = 1;
        status.livePeers = 4;
        status.reconcileCount = reconciles;
        status.lastApplyAt = QDateTime(QDate(2026, 12, 6), QTime(12, 0, 3), Qt::UTC);
        status.lastAdded = 1;
        return status;
    }

private Q_SLOTS:
    void cleanup()
    {
        qunsetenv("NOTIFY_SOCKET");
        qunsetenv("WATCHDOG_USEC");
        qunsetenv("WATCHDOG_PID");
    }

    void silentWithoutSystemd()
    {
        ServiceNotifier notifier;
        QVERIFY(!notifier.isActive());
        QCOMPARE(notifier.watchdogMs(), 0);
        notifier.update(running(1)); // nothing to send to, nothing happens
    }

    void statusLine()
    {
        QCOMPARE(
            ServiceNotifier::statusLine(running(1)),
            u"3 devices, 1 clients, 4 live peers on fioacme; last apply 2026-12-06T12:00:03Z ok (+1 ~0 -0)"_s);
        HubStatus failed = running(2);
        failed.lastApplyOk = false;
        failed.lastApplyError = u"wg set failed"_s;
        failed.inventoryError = u"HTTP 503"_s;
        QCOMPARE(
            ServiceNotifier::statusLine(failed),
            u"3 devices, 1 clients, 4 live peers on fioacme; last apply 2026-12-06T12:00:03Z FAILED: wg set "
            "failed; inventory: HTTP 503"_s);
        HubStatus waiting;
        waiting.phase = u"waiting-for-config"_s;
        waiting.inventoryError = u"connection refused"_s;
        QCOMPARE(ServiceNotifier::statusLine(waiting),
                 u"waiting for the factory config: connection refused"_s);
    }

    // READY=1 once, with the first reconcile; STATUS= whenever it changes.
    void readyAfterTheFirstReconcile()
    {
        const QString path = m_dir.filePath(u"notify"_s);
        NotifySocket systemd(path);
        qputenv("NOTIFY_SOCKET", QFile::encodeName(path));
        ServiceNotifier notifier;
        QVERIFY(notifier.isActive());

        HubStatus starting;
        notifier.update(starting);
        QCOMPARE(systemd.received(), QStringList { u"STATUS=starting\n"_s });

        systemd.clear();
        notifier.update(running(0)); // running, but no reconcile yet
        QCOMPARE(systemd.received().size(), 1);
        QVERIFY(!systemd.received().constFirst().contains(u"READY=1"_s));

        systemd.clear();
        notifier.update(running(1));
        QCOMPARE(systemd.received().size(), 1);
        QVERIFY(systemd.received().constFirst().endsWith(u"READY=1\n"_s));

        systemd.clear();
        notifier.update(running(2)); // same line, already ready: nothing to say
        QVERIFY(systemd.received().isEmpty());
        HubStatus changed = running(3);
        changed.livePeers = 5;
        notifier.update(changed);
        QCOMPARE(systemd.received(),
                 QStringList { u"STATUS=%1\n"_s.arg(ServiceNotifier::statusLine(changed)) });

        systemd.clear();
        notifier.stopping();
        QVERIFY(systemd.received().constFirst().startsWith(u"STOPPING=1\n"_s));
    }

    void watchdogFromTheEventLoop()
    {
        const QString path = m_dir.filePath(u"notify-wd"_s);
        NotifySocket systemd(path);
        qputenv("NOTIFY_SOCKET", QFile::encodeName(path));
        qputenv("WATCHDOG_USEC", "200000");
        qputenv("WATCHDOG_PID", QByteArray::number(QCoreApplication::applicationPid()));
        ServiceNotifier notifier;
        QCOMPARE(notifier.watchdogMs(), 200);
        QTRY_VERIFY_WITH_TIMEOUT(systemd.received().count(u"WATCHDOG=1\n"_s) >= 2, 10000);
    }

    void watchdogForAnotherProcessIsNotOurs()
    {
        qputenv("NOTIFY_SOCKET", QFile::encodeName(m_dir.filePath(u"x"_s)));
        qputenv("WATCHDOG_USEC", "200000");
        qputenv("WATCHDOG_PID", "1");
        ServiceNotifier notifier;
        QCOMPARE(notifier.watchdogMs(), 0);
    }

    // Waiting for the factory config is alive, not stuck: the start timeout is
    // extended, READY waits for the first reconcile.
    void waitingExtendsTheStartTimeout()
    {
        const QString path = m_dir.filePath(u"notify-wait"_s);
        NotifySocket systemd(path);
        qputenv("NOTIFY_SOCKET", QFile::encodeName(path));
        ServiceNotifier notifier;
        HubStatus waiting;
        waiting.phase = u"waiting-for-config"_s;
        waiting.inventoryError = u"connection refused"_s;
        notifier.update(waiting);
        const QStringList got = systemd.received();
        QCOMPARE(got.size(), 1);
        QCOMPARE(got.first(),
                 u"STATUS=waiting for the factory config: connection refused\nEXTEND_TIMEOUT_USEC=%1\n"_s.arg(
                     ServiceNotifier::StartExtensionMs * 1000));
    }
};

QTEST_GUILESS_MAIN(TestServiceNotifier)
#include "tst_servicenotifier.moc"
