#pragma once

#include "AsyncWait.h"
#include "EngineerFixtures.h"
#include "EngineerSession.h"
#include "EngineerView.h"
#include "FakeHub.h"
#include "FakeTunnelBackend.h"
#include "HubLink.h"
#include "KeyManager.h"
#include "MainWindow.h"
#include "RegistrationTracker.h"
#include "SecretStore.h"
#include "TrayIcon.h"

#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QSettings>
#include <QTemporaryDir>
#include <QUuid>
#include <QtTest>

#include <memory>
#include <optional>

namespace fvpn::test {

using namespace std::chrono_literals;

// One engineer's app against a fake hub, with a real keyring and a fake tunnel.
struct EngineerRig
{
    // `connectWhenApproved`: the engineer's choice; these tests click Connect
    // themselves unless they test that choice (nullopt: a new profile's default, on).
    explicit EngineerRig(const TlsIdentity &identity, const SystemIdentity &person = testIdentity(),
                         std::optional<bool> connectWhenApproved = false)
        : hub(identity)
        , secrets(QStringLiteral("factory-vpn-uitest-") + QUuid::createUuid().toString(QUuid::WithoutBraces))
        , settings(dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat)
    {
        EngineerSession::Dependencies dependencies;
        dependencies.secrets = &secrets;
        dependencies.settings = &settings;
        dependencies.identity = person;
        dependencies.backendFactory = [this](BackendKind, QObject *parent) -> TunnelBackend * {
            backend = new FakeTunnelBackend(parent);
            return backend;
        };
        session = std::make_unique<EngineerSession>(dependencies);
        if (connectWhenApproved)
            session->setConnectWhenApproved(*connectWhenApproved);
        RegistrationTracker::Backoff fast;
        fast.first = 20ms;
        fast.max = 100ms;
        fast.approvedInterval = 100ms;
        session->tracker()->setBackoff(fast);
        session->tunnel()->monitor()->setPollInterval(100ms);
        window.addPage(view = new EngineerView(session.get(), ToolRunner::direct()),
                       QStringLiteral("VPN access"));
        tray = std::make_unique<TrayIcon>(session.get());
        // Clicks only reach visible widgets.
        window.show();
    }

    EngineerRig(const TlsIdentity &identity, std::optional<bool> connectWhenApproved)
        : EngineerRig(identity, testIdentity(), connectWhenApproved)
    { }

    template<typename T> T *find(const char *name) const
    {
        return window.findChild<T *>(QString::fromLatin1(name));
    }

    QString link() const { return HubLink(hub.url(), hub.fingerprint(), QString()).toString(); }

    // Types the link, generates a key and registers through the widgets.
    void registerThroughWidgets(const QString &text)
    {
        find<QLineEdit>("link")->clear();
        QTest::keyClicks(find<QLineEdit>("link"), text);
        QTest::mouseClick(find<QPushButton>("generate"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(find<QPushButton>("register")->isEnabled(), 60000);
        QTest::mouseClick(find<QPushButton>("register"), Qt::LeftButton);
    }

    ~EngineerRig()
    {
        const Result<void> removed
            = waitFor<void>([&](QObject *context, auto done) { session->keys()->remove(context, done); });
        Q_UNUSED(removed);
    }

    QTemporaryDir dir;
    FakeHub hub;
    SecretStore secrets;
    QSettings settings;
    std::unique_ptr<EngineerSession> session;
    MainWindow window;
    EngineerView *view = nullptr;
    std::unique_ptr<TrayIcon> tray;
    QPointer<FakeTunnelBackend> backend;
};

} // namespace fvpn::test
