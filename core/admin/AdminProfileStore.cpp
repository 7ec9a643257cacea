#include "AdminProfileStore.h"

#include "SecretStore.h"
#include "SecureBuffer.h"

#include <QPointer>
#include <QSettings>
#include <QUuid>

namespace fvpn {

namespace {

constexpr QLatin1StringView Group("admin");
constexpr QLatin1StringView ArrayName("profiles");

} // namespace

AdminProfileStore::AdminProfileStore(QSettings *settings, SecretStore *secrets, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
    , m_secrets(secrets)
{
    read();
}

QString AdminProfileStore::tokenKey(const QString &id)
{
    return QStringLiteral("admin-token:") + id;
}

std::optional<AdminProfile> AdminProfileStore::find(const QString &id) const
{
    for (const AdminProfile &p : m_profiles) {
        if (p.id == id)
            return p;
    }
    return std::nullopt;
}

void AdminProfileStore::read()
{
    m_profiles.clear();
    m_settings->beginGroup(Group);
    const int count = m_settings->beginReadArray(ArrayName);
    for (int i = 0; i < count; ++i) {
        m_settings->setArrayIndex(i);
        // A hand-edited or damaged entry is skipped rather than shown half-read.
        Result<AdminProfile> profile
            = AdminProfile::make(m_settings->value(QStringLiteral("id")).toString(),
                                 m_settings->value(QStringLiteral("name")).toString(),
                                 m_settings->value(QStringLiteral("url")).toString(),
                                 m_settings->value(QStringLiteral("pin")).toString());
        if (profile && !profile->id.isEmpty() && !find(profile->id))
            m_profiles.append(*profile);
    }
    m_settings->endArray();
    m_currentId = m_settings->value(QStringLiteral("current")).toString();
    m_settings->endGroup();
    if (!find(m_currentId))
        m_currentId = m_profiles.isEmpty() ? QString() : m_profiles.constFirst().id;
}

void AdminProfileStore::write()
{
    m_settings->beginGroup(Group);
    m_settings->remove(ArrayName);
    m_settings->beginWriteArray(ArrayName, int(m_profiles.size()));
    for (int i = 0; i < m_profiles.size(); ++i) {
        const AdminProfile &p = m_profiles[i];
        m_settings->setArrayIndex(i);
        m_settings->setValue(QStringLiteral("id"), p.id);
        m_settings->setValue(QStringLiteral("name"), p.name);
        m_settings->setValue(QStringLiteral("url"), p.adminUrl.toString());
        m_settings->setValue(QStringLiteral("pin"), p.pin);
    }
    m_settings->endArray();
    m_settings->setValue(QStringLiteral("current"), m_currentId);
    m_settings->endGroup();
    m_settings->sync();
}

Result<AdminProfile> AdminProfileStore::save(AdminProfile profile)
{
    Result<AdminProfile> checked
        = AdminProfile::make(profile.id, profile.name, profile.adminUrl.toString(), profile.pin);
    if (!checked)
        return checked;
    profile = *checked;
    if (profile.id.isEmpty())
        profile.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    for (const AdminProfile &other : std::as_const(m_profiles)) {
        if (other.id != profile.id && other.name.compare(profile.name, Qt::CaseInsensitive) == 0) {
            return makeError(
                ErrorCode::Conflict,
                QStringLiteral("hub name: a hub called '%1' is already in the list").arg(other.name));
        }
    }
    bool replaced = false;
    for (AdminProfile &existing : m_profiles) {
        if (existing.id == profile.id) {
            existing = profile;
            replaced = true;
        }
    }
    if (!replaced)
        m_profiles.append(profile);
    if (m_currentId.isEmpty())
        m_currentId = profile.id;
    write();
    Q_EMIT profilesChanged();
    return profile;
}

void AdminProfileStore::remove(const QString &id, QObject *context, std::function<void(Result<void>)> done)
{
    m_profiles.removeIf([&id](const AdminProfile &p) { return p.id == id; });
    if (m_currentId == id)
        m_currentId = m_profiles.isEmpty() ? QString() : m_profiles.constFirst().id;
    write();
    Q_EMIT profilesChanged();
    m_secrets->remove(tokenKey(id), context, std::move(done));
}

void AdminProfileStore::setCurrentId(const QString &id)
{
    if (id == m_currentId || !find(id))
        return;
    m_currentId = id;
    write();
}

void AdminProfileStore::storeToken(const QString &id, const QString &token, QObject *context,
                                   std::function<void(Result<void>)> done)
{
    Result<QString> checked = AdminProfile::checkToken(token);
    if (!checked) {
        QPointer<QObject> guard(context ? context : this);
        QMetaObject::invokeMethod(
            this,
            [guard, done, error = checked.error()]() {
                if (guard)
                    done(error);
            },
            Qt::QueuedConnection);
        return;
    }
    QByteArray bytes = checked->toUtf8();
    const SecureBuffer secret = SecureBuffer::fromBytes(bytes);
    SecureBuffer::wipe(bytes);
    m_secrets->store(tokenKey(id), secret, context, std::move(done));
}

void AdminProfileStore::loadToken(const QString &id, QObject *context,
                                  std::function<void(Result<QString>)> done)
{
    m_secrets->load(tokenKey(id), context, [done = std::move(done)](Result<SecureBuffer> secret) {
        if (!secret) {
            Error error = secret.error();
            if (error.code == ErrorCode::NotFound)
                error.message = QStringLiteral("No admin token is stored for this hub; enter it in the hub "
                                               "profile.");
            done(error);
            return;
        }
        done(QString::fromUtf8(secret->view()));
    });
}

} // namespace fvpn
