#include "InventoryParser.h"

#include "StrictJson.h"

#include <QJsonObject>

namespace fvpn {

namespace {

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

qsizetype skipSpace(QByteArrayView text, qsizetype at)
{
    while (at < text.size() && isSpace(text[at]))
        ++at;
    return at;
}

// The end (one past the closing brace) of the object starting at `at`, or -1.
qsizetype objectEnd(QByteArrayView text, qsizetype at)
{
    int depth = 0;
    bool inString = false;
    for (qsizetype i = at; i < text.size(); ++i) {
        const char c = text[i];
        if (inString) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                inString = false;
            continue;
        }
        switch (c) {
        case '"':
            inString = true;
            break;
        case '{':
        case '[':
            ++depth;
            break;
        case '}':
        case ']':
            if (--depth == 0)
                return i + 1;
            if (depth < 0)
                return -1;
            break;
        default:
            break;
        }
    }
    return -1;
}

} // namespace

InventoryParser::InventoryParser(DeviceInventory::Rules rules)
    : m_rules(std::move(rules))
{ }

bool InventoryParser::split(QByteArrayView json, QList<QByteArrayView> *elements)
{
    qsizetype at = skipSpace(json, 0);
    if (at >= json.size() || json[at] != '[')
        return false;
    at = skipSpace(json, at + 1);
    if (at < json.size() && json[at] == ']')
        return skipSpace(json, at + 1) == json.size();
    while (at < json.size()) {
        if (json[at] != '{')
            return false;
        const qsizetype end = objectEnd(json, at);
        if (end < 0)
            return false;
        elements->append(json.sliced(at, end - at));
        at = skipSpace(json, end);
        if (at >= json.size())
            return false;
        if (json[at] == ']')
            return skipSpace(json, at + 1) == json.size();
        if (json[at] != ',')
            return false;
        at = skipSpace(json, at + 1);
    }
    return false;
}

Result<DeviceInventory> InventoryParser::parse(const QByteArray &json)
{
    m_reused = 0;
    QList<QByteArrayView> elements;
    if (!split(json, &elements)) {
        m_document.clear();
        m_verdicts.clear();
        return DeviceInventory::parse(json, m_rules);
    }
    QHash<QByteArrayView, DeviceInventory::Verdict> verdicts;
    verdicts.reserve(elements.size());
    DeviceInventory inventory;
    DeviceInventory::Seen seen;
    seen.byAddress.reserve(elements.size());
    seen.byKey.reserve(elements.size());
    for (qsizetype i = 0; i < elements.size(); ++i) {
        const QByteArrayView element = elements.at(i);
        auto known = m_verdicts.constFind(element);
        DeviceInventory::Verdict verdict;
        if (known != m_verdicts.cend()) {
            verdict = known.value();
            ++m_reused;
        } else {
            // Strict like the whole-document parse: a repeated key is no device.
            const Result<QJsonObject> object = StrictJson::parseObject(element);
            if (!object) {
                // Broken somewhere: the whole-document parse says where.
                m_document.clear();
                m_verdicts.clear();
                return DeviceInventory::parse(json, m_rules);
            }
            verdict = DeviceInventory::evaluate(*object, m_rules);
        }
        inventory.add(verdict, i, seen);
        verdicts.insert(element, verdict);
    }
    // The new keys point into `json`; keeping a (shared) copy keeps them valid.
    m_document = json;
    m_verdicts = std::move(verdicts);
    return inventory;
}

} // namespace fvpn
