#pragma once

#include "WgQuickConfig.h"

#include <QHash>
#include <QLatin1StringView>
#include <QStringList>

#include <optional>

namespace fvpn {

// Reads wg-quick text for WgQuickConfig::parse(): one pass over the lines that
// collects every error with its line number. It also owns the list of keys wg
// and wg-quick know, which the writer checks otherInterfaceKeys against.
class WgQuickConfigParser
{
public:
    struct KeySpec
    {
        QLatin1StringView name; // canonical spelling, as written back
        bool repeatable = false;
        bool modelled = true; // false: kept as text in otherInterfaceKeys
    };

    // Case-insensitive, like wg-quick.
    static std::optional<KeySpec> interfaceKey(QStringView name);
    static std::optional<KeySpec> peerKey(QStringView name);

    Result<WgQuickConfig> run(QStringView text);

private:
    enum class Section
    {
        None,
        Interface,
        Peer
    };

    void parseLine(int lineNumber, QStringView line);
    void startSection(int lineNumber, QStringView header);
    void finishPeer();
    void setInterfaceKey(int lineNumber, const KeySpec &key, QStringView value);
    void setPeerKey(int lineNumber, const KeySpec &key, QStringView value);
    void error(int lineNumber, const QString &message) { m_errors.append({ lineNumber, message }); }

    WgQuickConfig m_config;
    QList<LineError> m_errors;
    Section m_section = Section::None;
    int m_interfaceLine = 0;
    QHash<QString, int> m_seenKeys; // canonical key -> line, within the current section
    QStringList m_pendingComment; // '#' lines right above the next section header

    std::optional<WgQuickPeer> m_peer;
    int m_peerLine = 0;
    bool m_peerValid = true;
    QHash<PublicKey, int> m_peerLines; // public key -> its [Peer] line
    QHash<IpNetwork, int> m_allowedIpLines; // network -> [Peer] line of its owner
};

} // namespace fvpn
