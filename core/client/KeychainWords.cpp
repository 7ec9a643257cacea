#include "KeychainWords.h"

#include <QCoreApplication>
#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QDBusVariant>
#include <QPointer>

namespace fvpn::KeychainWords {

QString describe(SecretStore::Problem problem)
{
    using Problem = SecretStore::Problem;
    switch (problem) {
    case Problem::None:
        return {};
    case Problem::NoSession:
        return QCoreApplication::translate(
            "fvpn::KeychainWords",
            "Factory VPN cannot reach your keychain because it is not running in a desktop session. Start "
            "it from your desktop's menu (not over SSH or from a plain console).");
    case Problem::NoService:
        return QCoreApplication::translate(
            "fvpn::KeychainWords",
            "This computer has no keychain service running (such as GNOME Keyring or KWallet). Install "
            "one — on Debian or Ubuntu: sudo apt install gnome-keyring — log out and back in, then click "
            "Try again.");
    case Problem::NoKeyring:
        return QCoreApplication::translate(
            "fvpn::KeychainWords",
            "Your keychain has no keyring yet, and the window asking for a password for a new one was "
            "closed. Click Try again and choose a password: it protects your VPN key on this computer.");
    case Problem::Locked:
        return QCoreApplication::translate(
            "fvpn::KeychainWords",
            "Your keychain is locked, and the window asking to unlock it was closed. Click Try again and "
            "unlock it with its password (usually your login password).");
    case Problem::Refused:
        return QCoreApplication::translate(
            "fvpn::KeychainWords",
            "Access to your keychain was refused. Click Try again and allow Factory VPN to use it.");
    case Problem::Other:
        return QCoreApplication::translate(
            "fvpn::KeychainWords",
            "Your keychain reported an error. Click Try again; if it happens again, the app's log has "
            "the details.");
    }
    return {};
}

Error translated(const Error &error)
{
    const SecretStore::Problem problem = SecretStore::problemOf(error);
    if (problem == SecretStore::Problem::None)
        return error;
    return makeError(error.code, describe(problem));
}

bool canTryAgain(SecretStore::Problem problem)
{
    return problem != SecretStore::Problem::None;
}

void isDefaultKeyringLocked(QObject *context, std::function<void(bool locked)> done)
{
    QDBusMessage call = QDBusMessage::createMethodCall(
        QStringLiteral("org.freedesktop.secrets"), QStringLiteral("/org/freedesktop/secrets/aliases/default"),
        QStringLiteral("org.freedesktop.DBus.Properties"), QStringLiteral("Get"));
    call << QStringLiteral("org.freedesktop.Secret.Collection") << QStringLiteral("Locked");
    // Not auto-started: asking must never bring up a keyring (or a prompt) by itself.
    call.setAutoStartService(false);
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected()) {
        QMetaObject::invokeMethod(
            context, [done]() { done(false); }, Qt::QueuedConnection);
        return;
    }
    auto *watcher = new QDBusPendingCallWatcher(bus.asyncCall(call, 5000), context);
    QObject::connect(watcher, &QDBusPendingCallWatcher::finished, context,
                     [watcher, done](QDBusPendingCallWatcher *) {
                         watcher->deleteLater();
                         const QDBusPendingReply<QDBusVariant> reply = *watcher;
                         done(!reply.isError() && reply.value().variant().toBool());
                     });
}

} // namespace fvpn::KeychainWords
