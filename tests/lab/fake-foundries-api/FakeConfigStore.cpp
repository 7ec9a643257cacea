#include "FakeConfigStore.h"

#include <QDateTime>
#include <QFile>
#include <QJsonDocument>
#include <QSaveFile>

#include <utility>

namespace fvpn {

FakeConfigStore::FakeConfigStore(QString path)
    : m_path(std::move(path))
{ }

Result<void> FakeConfigStore::load()
{
    m_history = {};
    if (m_path.isEmpty() || !QFile::exists(m_path))
        return {};
    QFile file(m_path);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(
            ErrorCode::IoError,
            QStringLiteral("cannot read the config file %1: %2").arg(m_path, file.errorString()));
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("the config file %1 is not JSON: %2 at offset %3")
                             .arg(m_path, parseError.errorString())
                             .arg(parseError.offset));
    if (!doc.isObject() || !doc.object().value(u"config").isArray())
        return makeError(ErrorCode::InvalidInput,
                         QStringLiteral("the config file %1 has no \"config\" array").arg(m_path));
    m_history = doc.object().value(u"config").toArray();
    return {};
}

QJsonObject FakeConfigStore::toJson() const
{
    return QJsonObject {
        { QStringLiteral("config"), m_history },
        { QStringLiteral("total"), m_history.size() },
        { QStringLiteral("next"), QJsonValue::Null },
    };
}

Result<QJsonObject> FakeConfigStore::patch(const QJsonObject &body, const QString &createdBy)
{
    const QJsonValue files = body.value(u"files");
    if (!files.isArray() || files.toArray().isEmpty())
        return makeError(ErrorCode::InvalidInput, QStringLiteral("\"files\" must be a non-empty array"));
    if (body.contains(u"reason") && !body.value(u"reason").isString())
        return makeError(ErrorCode::InvalidInput, QStringLiteral("\"reason\" must be a string"));

    // Files of the current version, replaced by name; order of first appearance kept.
    QJsonArray merged
        = m_history.isEmpty() ? QJsonArray {} : m_history.first().toObject().value(u"files").toArray();
    int index = 0;
    const QJsonArray fileList = files.toArray();
    for (const QJsonValue &value : fileList) {
        ++index;
        const QJsonObject file = value.toObject();
        if (!value.isObject() || !file.value(u"name").isString() || file.value(u"name").toString().isEmpty())
            return makeError(ErrorCode::InvalidInput,
                             QStringLiteral("files[%1] needs a non-empty string \"name\"").arg(index - 1));
        if (!file.value(u"value").isString())
            return makeError(ErrorCode::InvalidInput,
                             QStringLiteral("files[%1] (%2) needs a string \"value\"")
                                 .arg(index - 1)
                                 .arg(file.value(u"name").toString()));
        const QString name = file.value(u"name").toString();
        bool replaced = false;
        for (qsizetype i = 0; i < merged.size(); ++i) {
            if (merged.at(i).toObject().value(u"name").toString() == name) {
                merged.replace(i, file);
                replaced = true;
                break;
            }
        }
        if (!replaced)
            merged.append(file);
    }

    const QJsonObject version {
        { QStringLiteral("created-at"), QDateTime::currentDateTimeUtc().toString(Qt::ISODate) },
        { QStringLiteral("created-by"), createdBy },
        { QStringLiteral("reason"), body.value(u"reason").toString() },
        { QStringLiteral("files"), merged },
    };
    const QJsonArray previous = m_history;
    m_history.prepend(version);
    if (const Result<void> saved = save(); !saved) {
        m_history = previous;
        return saved.error();
    }
    return version;
}

Result<void> FakeConfigStore::save() const
{
    if (m_path.isEmpty())
        return {};
    QSaveFile file(m_path);
    if (!file.open(QIODevice::WriteOnly))
        return makeError(
            ErrorCode::IoError,
            QStringLiteral("cannot write the config file %1: %2").arg(m_path, file.errorString()));
    file.write(QJsonDocument(toJson()).toJson(QJsonDocument::Indented));
    if (!file.commit())
        return makeError(
            ErrorCode::IoError,
            QStringLiteral("cannot write the config file %1: %2").arg(m_path, file.errorString()));
    return {};
}

} // namespace fvpn
