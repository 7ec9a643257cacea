#include "NetworkManagerActivation.h"

#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QDBusVariant>

namespace fvpn {

namespace {

QString failurePrefix()
{
    return QStringLiteral("NetworkManager could not activate the tunnel");
}

} // namespace

NetworkManagerActivation::NetworkManagerActivation(QDBusConnection bus, QString activePath,
                                                   std::chrono::milliseconds timeout, QObject *parent)
    : QObject(parent)
    , m_bus(std::move(bus))
    , m_path(std::move(activePath))
{
    m_timeout.setSingleShot(true);
    m_timeout.setInterval(timeout);
    connect(&m_timeout, &QTimer::timeout, this, [this]() {
        finish(makeError(
            ErrorCode::Unavailable,
            QStringLiteral("%1: it was still not connected after %2 seconds.")
                .arg(failurePrefix())
                .arg(std::chrono::duration_cast<std::chrono::seconds>(m_timeout.intervalAsDuration())
                         .count())));
    });
}

NetworkManagerActivation::~NetworkManagerActivation()
{
    if (m_subscribed)
        m_bus.disconnect(QString::fromLatin1(nm::Service), m_path, QString::fromLatin1(nm::ActiveInterface),
                         QStringLiteral("StateChanged"), this, SLOT(onStateChanged(uint, uint)));
}

void NetworkManagerActivation::start()
{
    m_timeout.start();
    // QtDBus matches a signal to a slot by its D-Bus signature, which the
    // string-based connect carries.
    m_subscribed
        = m_bus.connect(QString::fromLatin1(nm::Service), m_path, QString::fromLatin1(nm::ActiveInterface),
                        QStringLiteral("StateChanged"), this, SLOT(onStateChanged(uint, uint)));
    if (!m_subscribed)
        return finish(nm::dbusError(failurePrefix(), m_bus.lastError()));

    QDBusMessage get
        = QDBusMessage::createMethodCall(QString::fromLatin1(nm::Service), m_path,
                                         QString::fromLatin1(nm::PropertiesInterface), QStringLiteral("Get"));
    get << QString::fromLatin1(nm::ActiveInterface) << QStringLiteral("State");
    auto *watcher = new QDBusPendingCallWatcher(m_bus.asyncCall(get), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [this](QDBusPendingCallWatcher *call) {
        call->deleteLater();
        const QDBusPendingReply<QDBusVariant> reply = *call;
        if (reply.isError()) {
            // The object is gone: NetworkManager removes an active connection
            // as soon as it has failed, before we could ask.
            if (reply.error().type() == QDBusError::UnknownObject
                || reply.error().type() == QDBusError::UnknownMethod)
                return finish(makeError(ErrorCode::IoError,
                                        QStringLiteral("%1: the activation ended at once (NetworkManager's "
                                                       "log says why).")
                                            .arg(failurePrefix())));
            return finish(nm::dbusError(failurePrefix(), reply.error()));
        }
        apply(reply.value().variant().toUInt(), std::nullopt);
    });
}

void NetworkManagerActivation::onStateChanged(uint state, uint reason)
{
    apply(state, reason);
}

void NetworkManagerActivation::apply(uint state, std::optional<uint> reason)
{
    switch (nm::ActiveState(state)) {
    case nm::ActiveState::Activated:
        return finish({});
    case nm::ActiveState::Deactivating:
    case nm::ActiveState::Deactivated:
        return finish(
            makeError(ErrorCode::IoError,
                      QStringLiteral("%1: %2.").arg(failurePrefix(),
                                                    reason ? nm::activeStateReasonText(*reason)
                                                           : QStringLiteral("it was deactivated"))));
    case nm::ActiveState::Unknown:
    case nm::ActiveState::Activating:
        break;
    }
}

void NetworkManagerActivation::finish(Result<void> outcome)
{
    if (m_done)
        return;
    m_done = true;
    m_timeout.stop();
    Q_EMIT finished(std::move(outcome));
}

} // namespace fvpn
