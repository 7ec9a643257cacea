#pragma once

#include "DeviceInventory.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QHash>

#include <optional>

namespace fvpn {

// Parses one inventory answer after another and gives exactly what
// DeviceInventory::parse() gives, but re-uses what it learnt from the previous
// answer: the array is split into its entries by a small scanner, and an entry
// whose bytes are the same as in the previous answer is not parsed or checked
// again. One device added to 10,000 costs one entry's parse instead of all of
// them. Anything the scanner does not expect (not an array of objects, broken
// JSON) goes through DeviceInventory::parse(), so the errors are its own.
class InventoryParser
{
public:
    explicit InventoryParser(DeviceInventory::Rules rules);

    Result<DeviceInventory> parse(const QByteArray &json);

    // Entries taken from the previous answer in the last parse (for tests).
    qsizetype lastReused() const { return m_reused; }
    // Entries read by the plain-entry scanner rather than StrictJson (for tests).
    qsizetype lastReadPlainly() const { return m_readPlainly; }

private:
    // The byte ranges of the array's elements; false when the document is
    // something else than a flat array of objects (or broken).
    static bool split(QByteArrayView json, QList<QByteArrayView> *elements);
    // One element in the plain form (see the .cpp), or nullopt for StrictJson.
    static std::optional<DeviceInventory::Entry> plainEntry(QByteArrayView element);

    DeviceInventory::Rules m_rules;
    QByteArray m_document; // the last answer; m_verdicts' keys point into it
    QHash<QByteArrayView, DeviceInventory::Verdict> m_verdicts;
    qsizetype m_reused = 0;
    qsizetype m_readPlainly = 0;
};

} // namespace fvpn
