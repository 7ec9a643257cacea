#include "FactoryConfig.h"

#include "TextRules.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace fvpn::FactoryConfig {

Result<WireguardServerConfig> serverConfigFromJson(const QByteArray &json)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()
        || !document.object().value(u"config").isArray())
        return makeError(ErrorCode::InvalidInput, u"the factory config answer is not {\"config\": [...]}"_s);
    const QJsonArray history = document.object().value(u"config").toArray();
    if (history.isEmpty())
        return makeError(ErrorCode::NotFound, u"the factory has no config yet: run 'enable' first"_s);
    const QJsonArray files = history.first().toObject().value(u"files").toArray();
    for (const QJsonValue &file : files) {
        const QJsonObject object = file.toObject();
        if (object.value(u"name").toString() != ServerFileName)
            continue;
        const Result<WireguardServerConfig> config
            = WireguardServerConfig::parse(object.value(u"value").toString());
        if (!config)
            return makeError(
                ErrorCode::InvalidInput,
                u"the factory's wireguard-server config is malformed: %1"_s.arg(config.error().toString()));
        return config;
    }
    return makeError(ErrorCode::NotFound,
                     u"the factory config has no wireguard-server file: run 'enable' first"_s);
}

QJsonObject enableBody(const WireguardServerConfig &config)
{
    const QJsonObject file {
        { u"name"_s, ServerFileName.toString() },
        { u"unencrypted"_s, true },
        { u"value"_s, config.toText().trimmed() },
        { u"on-changed"_s, QJsonArray { OnChangedHandler.toString() } },
    };
    return QJsonObject { { u"reason"_s, u"Enable Wireguard for factory"_s },
                         { u"files"_s, QJsonArray { file } } };
}

QString describeHttpError(int status, const QByteArray &body)
{
    QString detail;
    const QJsonDocument document = QJsonDocument::fromJson(body);
    if (document.isObject()) {
        const QJsonObject object = document.object();
        detail = object.value(u"msg").toString();
        if (detail.isEmpty())
            detail = object.value(u"message").toString();
        if (detail.isEmpty() && object.contains(u"errors"))
            detail = QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
    }
    if (detail.isEmpty())
        detail = QString::fromUtf8(body);
    QString clean;
    for (const QChar c : detail)
        clean += TextRules::containsControlCharacters(QStringView(&c, 1)) ? u' ' : c;
    clean = clean.simplified();
    constexpr int MaxLength = 200;
    if (clean.size() > MaxLength)
        clean = clean.left(MaxLength) + u"..."_s;
    return clean.isEmpty() ? u"HTTP %1"_s.arg(status) : u"HTTP %1: %2"_s.arg(status).arg(clean);
}

} // namespace fvpn::FactoryConfig
