#include "CtlRunner.h"

#include <QJsonDocument>
#include <QProcess>

using namespace Qt::StringLiterals;

QJsonObject CtlRun::json() const
{
    return QJsonDocument::fromJson(out).object();
}

QByteArray CtlRun::describe() const
{
    return "exit " + QByteArray::number(exitCode) + "\nstdout:\n" + out + "\nstderr:\n" + err;
}

CtlRunner::CtlRunner(const HubProcess *hub)
    : m_hub(hub)
{ }

QString CtlRunner::adminUrl() const
{
    return u"http://127.0.0.1:%1"_s.arg(m_hub->adminPort());
}

CtlRun CtlRunner::run(const QStringList &arguments, const QString &token, const QString &url,
                      const QByteArray &input) const
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(u"FACTORY_VPN_TOKEN"_s);
    if (!token.isNull())
        env.insert(u"FACTORY_VPN_TOKEN"_s, token);
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(FVPN_CTL_BINARY),
                  QStringList { u"--url"_s, url.isEmpty() ? adminUrl() : url } + arguments);
    process.write(input);
    process.closeWriteChannel();
    CtlRun run;
    if (!process.waitForFinished(60'000) || process.exitStatus() != QProcess::NormalExit)
        return run;
    run.exitCode = process.exitCode();
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}
