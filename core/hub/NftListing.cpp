#include "NftListing.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace fvpn {

Result<NftListing> NftListing::parse(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return makeError(ErrorCode::InvalidInput,
                         u"nft printed no JSON listing (%1)"_s.arg(error.errorString()));
    const QJsonValue items = document.object().value(u"nftables");
    if (!items.isArray())
        return makeError(ErrorCode::InvalidInput, u"nft's JSON listing has no \"nftables\" array"_s);

    NftListing listing;
    QJsonArray rules;
    const QJsonArray itemList = items.toArray();
    for (const QJsonValue &item : itemList) {
        const QJsonObject object = item.toObject();
        if (const QJsonValue set = object.value(u"set"); set.isObject()) {
            const QJsonObject fields = set.toObject();
            const QString name = fields.value(u"name").toString();
            QList<IpAddress> addresses;
            bool plain = true;
            const QJsonArray elements = fields.value(u"elem").toArray();
            for (const QJsonValue &element : elements) {
                const Result<IpAddress> address
                    = element.isString() ? IpAddress::parse(element.toString()) : Result<IpAddress>(Error {});
                if (!address) {
                    plain = false;
                    break;
                }
                addresses.append(*address);
            }
            if (!plain) {
                listing.otherSets.append(name);
                continue;
            }
            std::sort(addresses.begin(), addresses.end());
            listing.sets.insert(name, addresses);
            continue;
        }
        for (const QString &kind : { u"chain"_s, u"rule"_s }) {
            if (const QJsonValue value = object.value(kind); value.isObject()) {
                QJsonObject fields = value.toObject();
                fields.remove(u"handle");
                rules.append(QJsonObject { { kind, fields } });
            }
        }
    }
    listing.rules = QJsonDocument(rules).toJson(QJsonDocument::Compact);
    return listing;
}

} // namespace fvpn
