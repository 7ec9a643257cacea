#pragma once

#include "Result.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

namespace fvpn {

// The factory config history the fake API serves: GET returns it in the
// documented shape ({"config":[newest first],"total":N,"next":null}) and PATCH
// adds a new version whose files are the previous version's with the patched
// ones replaced by name. Saved to a file after each change, so a lab script can
// check what `factory-vpn-hub enable` published.
class FakeConfigStore
{
public:
    explicit FakeConfigStore(QString path);

    // Reads the file if it exists (a test may seed the wireguard-server file);
    // an absent file means an empty history.
    Result<void> load();

    QJsonObject toJson() const;

    // Validates a PATCH body ({"reason": "...", "files": [{"name","value",...}]})
    // and, if it is well formed, records and saves the new version, returned.
    Result<QJsonObject> patch(const QJsonObject &body, const QString &createdBy);

private:
    Result<void> save() const;

    QString m_path;
    QJsonArray m_history; // newest first
};

} // namespace fvpn
