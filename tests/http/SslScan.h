#pragma once

// sslscan (Debian package sslscan) against a listener on 127.0.0.1, read from
// its XML output: which protocols and suites the server really offers.

#include <QList>
#include <QPair>
#include <QProcess>
#include <QSignalSpy>
#include <QString>
#include <QStringList>
#include <QXmlStreamReader>

struct ScanResult
{
    QStringList enabledProtocols; // "tls1.2"
    QList<QPair<QString, QString>> accepted; // (sslversion, cipher)
    QString error;
};

// Runs sslscan against 127.0.0.1:port while the event loop keeps serving.
inline ScanResult sslscan(quint16 port)
{
    ScanResult result;
    QProcess scan;
    scan.setProcessChannelMode(QProcess::SeparateChannels);
    QSignalSpy finished(&scan, &QProcess::finished);
    scan.start(QStringLiteral("sslscan"),
               { QStringLiteral("--no-colour"), QStringLiteral("--no-heartbleed"), QStringLiteral("--xml=-"),
                 QStringLiteral("127.0.0.1:%1").arg(port) });
    if (!scan.waitForStarted(10'000) || !finished.wait(180'000)) {
        result.error = QStringLiteral("sslscan did not run to completion");
        scan.kill();
        scan.waitForFinished();
        return result;
    }
    QXmlStreamReader xml(scan.readAllStandardOutput());
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement)
            continue;
        const QXmlStreamAttributes attributes = xml.attributes();
        auto attribute = [&attributes](const char *name) {
            return attributes.value(QLatin1String(name)).toString();
        };
        if (xml.name() == u"protocol" && attribute("enabled") == u"1") {
            result.enabledProtocols << attribute("type") + attribute("version");
        } else if (xml.name() == u"cipher"
                   && (attribute("status") == u"accepted" || attribute("status") == u"preferred")) {
            result.accepted.append(qMakePair(attribute("sslversion"), attribute("cipher")));
        }
    }
    if (xml.hasError())
        result.error = xml.errorString();
    return result;
}

// What the hub may offer on TLS 1.2: ECDHE key exchange, AEAD ciphers.
inline bool isModernTls12Suite(const QString &name)
{
    return name.startsWith(u"ECDHE-")
        && (name.endsWith(u"-GCM-SHA256") || name.endsWith(u"-GCM-SHA384")
            || name.endsWith(u"-CHACHA20-POLY1305"));
}

// Empty when the scan shows the hub's TLS policy: TLS 1.2 and 1.3 only, TLS 1.2
// only with ECDHE + AEAD suites (no CBC, no SHA-1 MAC); otherwise what is wrong.
// A scan that found no suites at all did not work, and says so.
inline QString modernTlsProblems(const ScanResult &scan)
{
    if (!scan.error.isEmpty())
        return scan.error;
    if (scan.enabledProtocols != QStringList { QStringLiteral("tls1.2"), QStringLiteral("tls1.3") })
        return QStringLiteral("protocols offered: ") + scan.enabledProtocols.join(u", ");
    int tls12 = 0;
    int tls13 = 0;
    for (const auto &[version, cipher] : scan.accepted) {
        if (version == u"TLSv1.2") {
            ++tls12;
            if (!isModernTls12Suite(cipher) || cipher.contains(u"CBC") || cipher.endsWith(u"-SHA"))
                return QStringLiteral("TLS 1.2 offers ") + cipher;
        } else if (version == u"TLSv1.3") {
            ++tls13;
        } else {
            return QStringLiteral("offered on %1: %2").arg(version, cipher);
        }
    }
    if (tls12 < 2 || tls13 < 1)
        return QStringLiteral("the scan found %1 TLS 1.2 and %2 TLS 1.3 suites: it did not work")
            .arg(tls12)
            .arg(tls13);
    return {};
}
