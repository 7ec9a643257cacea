#pragma once

#include "AdminProfile.h"
#include "Result.h"

#include <QList>
#include <QObject>

#include <functional>

class QSettings;

namespace fvpn {

class SecretStore;

// The admin's hubs. The list (names, URLs, pins) is kept in QSettings; each
// token in the OS keychain under "admin-token:<profile id>", never in the
// settings file.
class AdminProfileStore : public QObject
{
    Q_OBJECT

public:
    // Neither `settings` nor `secrets` is owned; both must outlive the store.
    AdminProfileStore(QSettings *settings, SecretStore *secrets, QObject *parent = nullptr);

    QList<AdminProfile> profiles() const { return m_profiles; }
    std::optional<AdminProfile> find(const QString &id) const;

    // Adds (an empty id gets a new one) or replaces the profile with the same id.
    // Two profiles cannot share a name. Returns the profile as stored.
    Result<AdminProfile> save(AdminProfile profile);
    // Removes the profile and its keychain entry; `done` says whether the token
    // could be removed (the profile is gone either way).
    void remove(const QString &id, QObject *context, std::function<void(Result<void>)> done);

    QString currentId() const { return m_currentId; }
    void setCurrentId(const QString &id);

    void storeToken(const QString &id, const QString &token, QObject *context,
                    std::function<void(Result<void>)> done);
    void loadToken(const QString &id, QObject *context, std::function<void(Result<QString>)> done);

    static QString tokenKey(const QString &id);

Q_SIGNALS:
    void profilesChanged();

private:
    void read();
    void write();

    QSettings *m_settings;
    SecretStore *m_secrets;
    QList<AdminProfile> m_profiles;
    QString m_currentId;
};

} // namespace fvpn
