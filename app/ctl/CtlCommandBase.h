#pragma once

#include "AdminClient.h"
#include "CtlOptions.h"

#include <QEventLoop>
#include <QIODevice>
#include <QJsonObject>

#include <optional>

namespace fvpn {

// What every factory-vpn-ctl command has: the hub's AdminClient, one call at a
// time, and the two streams it answers on (tables or JSON on `out`, problems in
// words on `err`). The token is in the AdminClient only; nothing here prints it.
class CtlCommandBase
{
public:
    enum ExitCode
    {
        Ok = 0,
        Failed = 1, // the hub refused, could not be reached, or a local file could not be read
        Usage = 2,
    };

protected:
    CtlCommandBase(AdminClient *client, QIODevice *out, QIODevice *err);

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
