#include "HubProfileImport.h"

#include "AdminProfileStore.h"
#include "SecureBuffer.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QFile>

#include <cstdio>

namespace fvpn {

namespace {

QString valueAfter(const QStringList &arguments, const QString &option)
{
    const qsizetype at = arguments.indexOf(option);
    return at >= 0 && at + 1 < arguments.size() ? arguments.at(at + 1) : QString();
}

int fail(const QString &message)
{
    std::fprintf(stderr, "factory-vpn: %s\n", qPrintable(message));
    return 2;
}

} // namespace

std::optional<int> HubProfileImport::run(const QStringList &arguments, QSettings *settings,
                                         SecretStore *secrets)
{
    if (!arguments.contains(QStringLiteral("--add-hub")))
        return std::nullopt;
    const QString name = valueAfter(arguments, QStringLiteral("--add-hub"));
    const QString url = valueAfter(arguments, QStringLiteral("--admin-url"));
    if (name.isEmpty() || url.isEmpty())
        return fail(
            QStringLiteral("usage: factory-vpn --add-hub NAME --admin-url URL [--pin SHA256] < token"));

    QFile input;
    if (!input.open(stdin, QIODevice::ReadOnly))
        return fail(QStringLiteral("cannot read the token from standard input"));
    // One line, at most what a token may be; read into a buffer that is wiped after.
    QByteArray line = input.readLine(1024);
    const QString token = QString::fromUtf8(line).trimmed();
    SecureBuffer::wipe(line);
    if (token.isEmpty())
        return fail(QStringLiteral("no token on standard input (pipe it in: ... < token-file)"));

    AdminProfileStore store(settings, secrets);
    QString id;
    for (const AdminProfile &existing : store.profiles()) {
        if (existing.name == name)
            id = existing.id;
    }
    Result<AdminProfile> profile
        = AdminProfile::make(id, name, url, valueAfter(arguments, QStringLiteral("--pin")));
    if (!profile)
        return fail(profile.error().message);
    if (Result<QString> checked = AdminProfile::checkToken(token); !checked)
        return fail(checked.error().message);
    Result<AdminProfile> saved = store.save(*profile);
    if (!saved)
        return fail(saved.error().message);

    QEventLoop loop;
    int code = 1;
    store.storeToken(saved->id, token, &loop, [&](Result<void> stored) {
        if (stored) {
            store.setCurrentId(saved->id);
            std::printf("hub profile '%s' saved (%s); its token is in the keychain\n",
                        qPrintable(saved->name), qPrintable(saved->adminUrl.toString()));
            code = 0;
        } else {
            std::fprintf(stderr, "factory-vpn: the token could not be stored in the keychain: %s\n",
                         qPrintable(stored.error().message));
            // A profile without its token would only fail later, at connect.
            store.remove(saved->id, nullptr, [](Result<void>) {});
        }
        loop.quit();
    });
    loop.exec();
    return code;
}

} // namespace fvpn
