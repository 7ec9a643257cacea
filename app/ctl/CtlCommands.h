#pragma once

#include "AdminClient.h"
#include "CtlOptions.h"

#include <QEventLoop>
#include <QIODevice>

#include <optional>

namespace fvpn {

// Runs one checked factory-vpn-ctl command against the hub's admin API and prints
// the outcome: tables or JSON on `out`, problems in words on `err`. The token is
// in the AdminClient only; nothing here prints it.
class CtlCommands
{
public:
    enum ExitCode
    {
        Ok = 0,
        Failed = 1, // the hub refused, could not be reached, or a local file could not be read
        Usage = 2,
    };

    CtlCommands(AdminClient *client, QIODevice *out, QIODevice *err);

    int run(const CtlOptions &options);

private:
    int devices();
    int clients();
    int requests();
    int approve();
    int reject();
    int revoke();
    int settings();
    int deviceToDevice();
    int pool();
    int audit();
    int clientsFileGet();
    int clientsFilePut();

    // Waits for one asynchronous AdminClient call: `call(context, done)`.
    template<typename T, typename Call> Result<T> wait(Call call)
    {
        std::optional<Result<T>> result;
        QEventLoop loop;
        call(&loop, [&](Result<T> r) {
            result.emplace(std::move(r));
            loop.quit();
        });
        if (!result)
            loop.exec();
        return std::move(*result);
    }

    int fail(const Error &error);
    void print(const QString &text);
    void printJson(const QJsonObject &object);
    void printError(const QString &text);

    AdminClient *m_client;
    QIODevice *m_out;
    QIODevice *m_err;
    CtlOptions m_options;
};

} // namespace fvpn
