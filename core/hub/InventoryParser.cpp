#include "InventoryParser.h"

#include "StrictJson.h"

#include <QJsonObject>

#include <array>
#include <optional>

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

// A string of printable ASCII without escapes, starting at `*at`; moves past it.
bool plainString(QByteArrayView text, qsizetype *at, QByteArrayView *value)
{
    if (*at >= text.size() || text[*at] != '"')
        return false;
    const qsizetype begin = *at + 1;
    for (qsizetype i = begin; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '"') {
            *value = text.sliced(begin, i - begin);
            *at = i + 1;
            return true;
        }
        if (c < 0x20 || c > 0x7e || c == '\\')
            return false;
    }
    return false;
}

bool literal(QByteArrayView text, qsizetype *at, QByteArrayView word)
{
    if (text.sliced(*at).startsWith(word)) {
        *at += word.size();
        return true;
    }
    return false;
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

// The form nearly every inventory entry has, read without building a
// QJsonObject: an object whose keys and string values are printable ASCII
// without escapes, whose other values are true, false or null, with no key
// twice. For such text StrictJson has nothing to refuse or decode, so the
// fields are exactly what it would give. Anything else (escapes, other
// characters, numbers, nesting, a repeated key, broken text) is nullopt and
// goes through StrictJson, which decides and words the error.
std::optional<DeviceInventory::Entry> InventoryParser::plainEntry(QByteArrayView text)
{
    DeviceInventory::Entry entry;
    entry.isObject = true;
    std::array<QByteArrayView, 8> keys;
    std::size_t keyCount = 0;
    qsizetype at = skipSpace(text, 1); // text[0] is the '{' split() found
    if (at < text.size() && text[at] == '}')
        return at + 1 == text.size() ? std::optional(entry) : std::nullopt;
    for (;;) {
        QByteArrayView key;
        if (!plainString(text, &at, &key) || keyCount == keys.size())
            return std::nullopt;
        for (std::size_t k = 0; k < keyCount; ++k) {
            if (keys[k] == key)
                return std::nullopt;
        }
        keys[keyCount++] = key;
        at = skipSpace(text, at);
        if (at >= text.size() || text[at] != ':')
            return std::nullopt;
        at = skipSpace(text, at + 1);
        QByteArrayView string;
        const bool isString = plainString(text, &at, &string);
        bool isTrue = false;
        if (!isString) {
            isTrue = literal(text, &at, "true");
            if (!isTrue && !literal(text, &at, "false") && !literal(text, &at, "null"))
                return std::nullopt;
        }
        const QString value = isString ? QString::fromLatin1(string) : QString();
        if (key == "name") {
            entry.nameIsString = isString;
            entry.name = value;
        } else if (key == "enabled") {
            entry.enabled = isTrue;
        } else if (key == "pubkey") {
            entry.publicKey = value;
        } else if (key == "ip") {
            entry.ip = value;
        }
        at = skipSpace(text, at);
        if (at >= text.size())
            return std::nullopt;
        if (text[at] == '}')
            return at + 1 == text.size() ? std::optional(entry) : std::nullopt;
        if (text[at] != ',')
            return std::nullopt;
        at = skipSpace(text, at + 1);
    }
}

Result<DeviceInventory> InventoryParser::parse(const QByteArray &json)
{
    m_reused = 0;
    m_readPlainly = 0;
    QList<QByteArrayView> elements;
    if (!split(json, &elements)) {
        m_document.clear();
        m_verdicts.clear();
        return DeviceInventory::parse(json, m_rules);
    }
    QHash<QByteArrayView, DeviceInventory::Verdict> verdicts;
    verdicts.reserve(elements.size());
    DeviceInventory inventory;
    inventory.m_devices.reserve(elements.size());
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
        } else if (const std::optional<DeviceInventory::Entry> plain = plainEntry(element)) {
            verdict = DeviceInventory::evaluate(*plain, m_rules);
            ++m_readPlainly;
        } else {
            // Strict like the whole-document parse: a repeated key is no device.
            const Result<QJsonObject> object = StrictJson::parseObject(element);
            if (!object) {
                // Broken somewhere: the whole-document parse says where.
                m_document.clear();
                m_verdicts.clear();
                return DeviceInventory::parse(json, m_rules);
            }
            verdict = DeviceInventory::evaluate(DeviceInventory::entryFrom(*object), m_rules);
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
