#include "FactoryConfig.h"

#include "StrictJson.h"
#include "TextRules.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace fvpn::FactoryConfig {

namespace {

QJsonObject serverFileBody(const QString &reason, const QString &value)
{
    const QJsonObject file {
        { u"name"_s, ServerFileName.toString() },
        { u"unencrypted"_s, true },
        { u"value"_s, value },
        { u"on-changed"_s, QJsonArray { OnChangedHandler.toString() } },
    };
    return QJsonObject { { u"reason"_s, reason }, { u"files"_s, QJsonArray { file } } };
}

} // namespace

Result<WireguardServerConfig> serverConfigFromJson(const QByteArray &json)
{
    const Result<QString> text = serverFileFromJson(json);
    if (!text)
        return text.error();
    return parseServerFile(*text);
}

Result<WireguardServerConfig> parseServerFile(const QString &serverFile)
{
    const Result<WireguardServerConfig> config = WireguardServerConfig::parse(serverFile);
    if (!config)
        return makeError(
            ErrorCode::InvalidInput,
            u"the factory's wireguard-server config is malformed: %1"_s.arg(config.error().toString()));
    return config;
}

Result<QString> serverFileFromJson(const QByteArray &json)
{
    const Result<QJsonValue> document = StrictJson::parse(json);
    if (!document)
        return makeError(ErrorCode::InvalidInput,
                         u"the factory config answer is not valid JSON (%1)"_s.arg(document.error().message));
    if (!document->isObject() || !document->toObject().value(u"config").isArray())
        return makeError(ErrorCode::InvalidInput, u"the factory config answer is not {\"config\": [...]}"_s);
    const QJsonArray history = document->toObject().value(u"config").toArray();
    if (history.isEmpty())
        return makeError(ErrorCode::NotFound, u"the factory has no config yet: run 'enable' first"_s);
    const QJsonArray files = history.first().toObject().value(u"files").toArray();
    for (const QJsonValue &file : files) {
        const QJsonObject object = file.toObject();
        if (object.value(u"name").toString() == ServerFileName)
            return object.value(u"value").toString();
    }
    return makeError(ErrorCode::NotFound,
                     u"the factory config has no wireguard-server file: run 'enable' first"_s);
}

QJsonObject enableBody(const WireguardServerConfig &config)
{
    return serverFileBody(u"Enable Wireguard for factory"_s, config.toText().trimmed());
}

QJsonObject updateEndpointBody(const QString &serverFile)
{
    return serverFileBody(u"Update Wireguard endpoint for factory"_s, serverFile);
}

QString withEndpoint(const QString &serverFile, const Endpoint &endpoint)
{
    QStringList lines = serverFile.split(u'\n');
    for (QString &line : lines) {
        const qsizetype equals = line.indexOf(u'=');
        if (equals < 0 || QStringView(line).left(equals).trimmed() != u"endpoint")
            continue;
        // The value's span as WireguardServerConfig::parse reads it: between '=' and
        // trailing white space.
        qsizetype start = equals + 1;
        while (start < line.size() && line.at(start).isSpace())
            ++start;
        qsizetype end = line.size();
        while (end > start && line.at(end - 1).isSpace())
            --end;
        line.replace(start, end - start, endpoint.toString());
        return lines.join(u'\n');
    }
    return u"endpoint="_s + endpoint.toString() + u'\n' + serverFile;
}

QString describeHttpError(int status, const QByteArray &body)
{
    QString detail;
    const Result<QJsonValue> document = StrictJson::parse(body);
    if (document && document->isObject()) {
        const QJsonObject object = document->toObject();
        detail = object.value(u"msg").toString();
        if (detail.isEmpty())
            detail = object.value(u"message").toString();
        if (detail.isEmpty() && object.contains(u"errors"))
            detail = QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
    }
    if (detail.isEmpty())
        detail = QString::fromUtf8(body);
    QString clean;
    for (const QChar c : std::as_const(detail))
        clean += TextRules::containsControlCharacters(QStringView(&c, 1)) ? u' ' : c;
    clean = clean.simplified();
    constexpr int MaxLength = 200;
    if (clean.size() > MaxLength)
        clean = clean.left(MaxLength) + u"..."_s;
    return clean.isEmpty() ? u"HTTP %1"_s.arg(status) : u"HTTP %1: %2"_s.arg(status).arg(clean);
}

} // namespace fvpn::FactoryConfig
