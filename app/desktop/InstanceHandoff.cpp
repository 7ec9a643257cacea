#include "InstanceHandoff.h"

#include "EngineerView.h"
#include "HubLink.h"
#include "MainWindow.h"

#include <QTimer>

#include <cstdio>

namespace fvpn {

SingleInstance::Request InstanceHandoff::requestFor(const QStringList &arguments)
{
    QStringList positional;
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString &argument = arguments.at(i);
        if (argument == u"--lang")
            ++i; // its value
        else if (!argument.startsWith(u'-'))
            positional.append(argument);
    }
    const QString scheme = QString::fromLatin1(HubLink::Scheme) + u':';
    if (positional.size() == 1 && positional.first().startsWith(scheme, Qt::CaseInsensitive))
        return SingleInstance::Request::openLink(positional.first());
    return SingleInstance::Request::activate();
}

std::optional<int> InstanceHandoff::claim(SingleInstance *instance, const SingleInstance::Request &request)
{
    const Result<SingleInstance::Role> role = instance->claim(request);
    if (role)
        return *role == SingleInstance::Role::Secondary ? std::optional<int>(0) : std::nullopt;
    if (role.error().code == ErrorCode::IoError) {
        // Better an app that a second start cannot find than no app at all.
        std::fprintf(stderr, "factory-vpn: %s; a second start will open another window\n",
                     qPrintable(role.error().message));
        return std::nullopt;
    }
    std::fprintf(stderr, "factory-vpn: %s\n", qPrintable(role.error().message));
    return 1;
}

InstanceHandoff::InstanceHandoff(SingleInstance *instance, MainWindow *window, EngineerView *engineer,
                                 QObject *parent)
    : QObject(parent)
    , m_window(window)
    , m_engineer(engineer)
{
    connect(instance, &SingleInstance::activationRequested, this, &InstanceHandoff::activate);
    connect(instance, &SingleInstance::linkReceived, this, &InstanceHandoff::openLink);
}

void InstanceHandoff::handleLater(const SingleInstance::Request &request)
{
    if (request.verb != SingleInstance::Request::Verb::OpenLink)
        return;
    QTimer::singleShot(0, this, [this, link = request.link]() { openLink(link); });
}

void InstanceHandoff::activate()
{
    m_window->bringToFront();
}

void InstanceHandoff::openLink(const QString &link)
{
    m_window->bringToFront(m_engineer);
    m_engineer->offerEnrollmentLink(link);
}

} // namespace fvpn
