#include "StrictJson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QList>
#include <QSet>

namespace fvpn::StrictJson {

namespace {

struct Frame
{
    bool isObject = false;
    bool expectKey = false;
    QSet<QString> keys;
};

// The text of a string token, escapes decoded ("a" and "\u0061" are one key).
QString decode(QByteArrayView token)
{
    QByteArray wrapped = "[" + token.toByteArray() + "]";
    return QJsonDocument::fromJson(wrapped).array().at(0).toString();
}

// Only called on text QJsonDocument accepted, so the structure is known to be sound.
std::optional<QString> firstDuplicateKey(QByteArrayView json)
{
    QList<Frame> stack;
    for (qsizetype i = 0; i < json.size(); ++i) {
        const char c = json[i];
        switch (c) {
        case '{':
            stack.append(Frame { true, true, {} });
            break;
        case '[':
            stack.append(Frame { false, false, {} });
            break;
        case '}':
        case ']':
            if (!stack.isEmpty())
                stack.removeLast();
            break;
        case ',':
            if (!stack.isEmpty() && stack.last().isObject)
                stack.last().expectKey = true;
            break;
        case ':':
            if (!stack.isEmpty())
                stack.last().expectKey = false;
            break;
        case '"': {
            const qsizetype start = i;
            for (++i; i < json.size() && json[i] != '"'; ++i) {
                if (json[i] == '\\')
                    ++i;
            }
            if (!stack.isEmpty() && stack.last().isObject && stack.last().expectKey) {
                const QString key = decode(json.sliced(start, i - start + 1));
                if (stack.last().keys.contains(key))
                    return key;
                stack.last().keys.insert(key);
            }
            break;
        }
        default:
            break;
        }
    }
    return std::nullopt;
}

} // namespace

Result<QJsonObject> parseObject(QByteArrayView json, const QString &context)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json.toByteArray(), &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("%1 is not valid JSON (%2 at byte %3).")
                             .arg(context, parseError.errorString())
                             .arg(parseError.offset));
    if (!document.isObject())
        return makeError(ErrorCode::InvalidInput, QStringLiteral("%1 is not a JSON object.").arg(context));
    if (const std::optional<QString> key = firstDuplicateKey(json))
        return makeError(
            ErrorCode::InvalidInput,
            QStringLiteral("%1 names the key \"%2\" twice in one object.").arg(context, key->left(64)));
    return document.object();
}

} // namespace fvpn::StrictJson
