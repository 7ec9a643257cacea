#include "CtlCommandBase.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace fvpn {

CtlCommandBase::CtlCommandBase(AdminClient *client, QIODevice *out, QIODevice *err)
    : m_client(client)
    , m_out(out)
    , m_err(err)
{ }

int CtlCommandBase::fail(const Error &error)
{
    QString text = error.message;
    for (const LineError &line : error.lineErrors)
        text += u'\n' + line.toString();
    // AdminClient words its hints for the app's hub profile; say where they go here.
    if (error.code == ErrorCode::PermissionDenied && error.message.contains(u"token"))
        text += u"\n(the token comes from --token-file FILE or $%1)"_s.arg(
            QLatin1StringView(CtlOptions::TokenVariable));
    if (error.code == ErrorCode::PermissionDenied && error.message.contains(u"certificate"))
        text += u"\n(pin the hub's certificate with --pin SHA256; the hub logs its fingerprint at start)"_s;
    printError(text);
    return Failed;
}

void CtlCommandBase::print(const QString &text)
{
    m_out->write(text.toUtf8());
}

void CtlCommandBase::printJson(const QJsonObject &object)
{
    m_out->write(QJsonDocument(object).toJson(QJsonDocument::Indented));
}

void CtlCommandBase::printError(const QString &text)
{
    m_err->write(u"factory-vpn-ctl: %1\n"_s.arg(text).toUtf8());
}

} // namespace fvpn
