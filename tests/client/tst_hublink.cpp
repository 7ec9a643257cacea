#include "CertificatePin.h"
#include "HubLink.h"

#include <QtTest>

using namespace fvpn;

namespace {

QString hex()
{
    return QStringLiteral("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
}

// "01:23:…:EF", as browsers and `openssl x509 -fingerprint -sha256` print it.
QString withColons(const QString &hex)
{
    QStringList pairs;
    for (qsizetype i = 0; i < hex.size(); i += 2)
        pairs.append(hex.mid(i, 2).toUpper());
    return pairs.join(u':');
}

} // namespace

class TestHubLink : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fingerprints_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected"); // empty = rejected
        QTest::newRow("bare lowercase") << hex() << hex();
        QTest::newRow("bare uppercase") << hex().toUpper() << hex();
        QTest::newRow("sha256 prefix") << QStringLiteral("sha256:") + hex() << hex();
        QTest::newRow("SHA256 prefix") << QStringLiteral("SHA256:") + hex() << hex();
        QTest::newRow("colons") << withColons(hex()) << hex();
        QTest::newRow("as displayed") << CertificatePin::toDisplay(hex()) << hex();
        QTest::newRow("empty") << QString() << QString();
        QTest::newRow("short") << hex().left(62) << QString();
        QTest::newRow("long") << hex() + QStringLiteral("00") << QString();
        QTest::newRow("not hex") << QStringLiteral("g") + hex().mid(1) << QString();
        QTest::newRow("colon misplaced") << QStringLiteral("0:1") + withColons(hex()).mid(3) << QString();
        QTest::newRow("trailing colon") << withColons(hex()) + u':' << QString();
        QTest::newRow("sha1 prefix") << QStringLiteral("sha1:") + hex() << QString();
        QTest::newRow("space") << hex().left(32) + u' ' + hex().mid(32) << QString();
        QTest::newRow("newline") << hex() + u'\n' << QString();
    }

    void fingerprints()
    {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        const Result<QString> parsed = CertificatePin::parseFingerprint(text);
        if (expected.isEmpty()) {
            QVERIFY(!parsed);
            QCOMPARE(parsed.error().code, ErrorCode::InvalidInput);
            QVERIFY2(parsed.error().message.contains(QStringLiteral("SHA-256")),
                     qPrintable(parsed.error().message));
        } else {
            QVERIFY2(parsed, parsed ? "" : qPrintable(parsed.error().message));
            QCOMPARE(*parsed, expected);
        }
    }

    void displayForm()
    {
        // One form everywhere: the enrollment link's, `factory-vpn-ctl enrollment`'s.
        QCOMPARE(CertificatePin::toDisplay(hex()), QStringLiteral("sha256:") + hex());
        QCOMPARE(CertificatePin::toDisplay(hex().toUpper()), QStringLiteral("sha256:") + hex());
    }

    void links_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("fingerprint");
        QTest::addColumn<QString>("invite");
        const QString hub = QStringLiteral("https%3A%2F%2Fhub.example.com%3A8443");
        QTest::newRow("plain url") << QStringLiteral("https://hub.example.com")
                                   << QStringLiteral("https://hub.example.com") << QString() << QString();
        QTest::newRow("plain url with port and slash")
            << QStringLiteral("  https://hub.example.com:8443/ \n")
            << QStringLiteral("https://hub.example.com:8443") << QString() << QString();
        QTest::newRow("ip literal") << QStringLiteral("https://192.0.2.1:8443")
                                    << QStringLiteral("https://192.0.2.1:8443") << QString() << QString();
        QTest::newRow("link") << QStringLiteral("factory-vpn://enroll?url=%1&fp=sha256:%2").arg(hub, hex())
                              << QStringLiteral("https://hub.example.com:8443") << hex() << QString();
        QTest::newRow("link with invite")
            << QStringLiteral("factory-vpn://enroll?url=%1&fp=sha256:%2&invite=ab12.Zx-_9~").arg(hub, hex())
            << QStringLiteral("https://hub.example.com:8443") << hex() << QStringLiteral("ab12.Zx-_9~");
        QTest::newRow("parameters in another order")
            << QStringLiteral("factory-vpn://enroll?invite=x.y&fp=sha256:%2&url=%1").arg(hub, hex().toUpper())
            << QStringLiteral("https://hub.example.com:8443") << hex() << QStringLiteral("x.y");
        QTest::newRow("unencoded hub url")
            << QStringLiteral("factory-vpn://enroll?url=https://hub.example.com:8443&fp=sha256:%1").arg(hex())
            << QStringLiteral("https://hub.example.com:8443") << hex() << QString();
        // Exactly as the hub's own HubLink::toString() writes it.
        QTest::newRow("as the hub writes it")
            << QStringLiteral("factory-vpn://enroll?url=%1&fp=sha256%3A").arg(hub) + hex()
                + QStringLiteral("&invite=0123456789abcdef.c2VjcmV0LXBhcnQ")
            << QStringLiteral("https://hub.example.com:8443") << hex()
            << QStringLiteral("0123456789abcdef.c2VjcmV0LXBhcnQ");
        // Typed without a scheme, as people do: the hub's API is HTTPS.
        QTest::newRow("bare address and port")
            << QStringLiteral("192.0.2.1:8443") << QStringLiteral("https://192.0.2.1:8443") << QString()
            << QString();
        QTest::newRow("bare host name")
            << QStringLiteral(" hub.example.com ") << QStringLiteral("https://hub.example.com") << QString()
            << QString();
        QTest::newRow("bare host name and port")
            << QStringLiteral("hub.example.com:8443") << QStringLiteral("https://hub.example.com:8443")
            << QString() << QString();
        QTest::newRow("bare loopback stays https")
            << QStringLiteral("127.0.0.1:8080") << QStringLiteral("https://127.0.0.1:8080") << QString()
            << QString();
        QTest::newRow("loopback http") << QStringLiteral("http://127.0.0.1:8080")
                                       << QStringLiteral("http://127.0.0.1:8080") << QString() << QString();
        QTest::newRow("loopback http link")
            << QStringLiteral("factory-vpn://enroll?url=http%3A%2F%2Flocalhost%3A8080&invite=a.b")
            << QStringLiteral("http://localhost:8080") << QString() << QStringLiteral("a.b");
    }

    void links()
    {
        QFETCH(QString, text);
        QFETCH(QString, url);
        QFETCH(QString, fingerprint);
        QFETCH(QString, invite);
        const Result<HubLink> link = HubLink::parse(text);
        QVERIFY2(link, link ? "" : qPrintable(link.error().message));
        QCOMPARE(link->hubUrl().toString(), url);
        QCOMPARE(link->fingerprint(), fingerprint);
        QCOMPARE(link->inviteCode(), invite);

        // What toString() makes parses back to the same values.
        const Result<HubLink> again = HubLink::parse(link->toString());
        QVERIFY2(again, again ? "" : qPrintable(again.error().message));
        QCOMPARE(again->hubUrl(), link->hubUrl());
        QCOMPARE(again->fingerprint(), link->fingerprint());
        QCOMPARE(again->inviteCode(), link->inviteCode());
    }

    void badLinks_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("messagePart");
        const QString hub = QStringLiteral("https%3A%2F%2Fhub.example.com");
        const QString fp = QStringLiteral("fp=sha256:") + hex();
        QTest::newRow("empty") << QString() << QStringLiteral("Paste");
        QTest::newRow("blank") << QStringLiteral("   ") << QStringLiteral("Paste");
        QTest::newRow("http") << QStringLiteral("http://hub.example.com") << QStringLiteral("https://");
        QTest::newRow("ftp") << QStringLiteral("ftp://hub.example.com") << QStringLiteral("https://");
        QTest::newRow("no scheme, with a path")
            << QStringLiteral("hub.example.com/api") << QStringLiteral("host and port");
        QTest::newRow("no scheme, spaces inside")
            << QStringLiteral("hub example com") << QStringLiteral("not a web address");
        QTest::newRow("path") << QStringLiteral("https://hub.example.com/api")
                              << QStringLiteral("host and port");
        QTest::newRow("query") << QStringLiteral("https://hub.example.com/?x=1")
                               << QStringLiteral("host and port");
        QTest::newRow("fragment") << QStringLiteral("https://hub.example.com/#x")
                                  << QStringLiteral("host and port");
        QTest::newRow("credentials") << QStringLiteral("https://user:pw@hub.example.com")
                                     << QStringLiteral("host and port");
        QTest::newRow("control character")
            << QStringLiteral("https://hub.exa\x01mple.com") << QStringLiteral("control characters");
        QTest::newRow("inner newline") << QStringLiteral("https://hub.example.com\nhttps://evil.example")
                                       << QStringLiteral("control characters");
        QTest::newRow("huge") << QStringLiteral("https://") + QString(3000, u'a') << QStringLiteral("longer");
        QTest::newRow("wrong host") << QStringLiteral("factory-vpn://join?url=%1&%2").arg(hub, fp)
                                    << QStringLiteral("not an enrollment link");
        QTest::newRow("path in link") << QStringLiteral("factory-vpn://enroll/x?url=%1&%2").arg(hub, fp)
                                      << QStringLiteral("not an enrollment link");
        QTest::newRow("no hub") << QStringLiteral("factory-vpn://enroll?%1").arg(fp)
                                << QStringLiteral("no hub");
        QTest::newRow("no fingerprint") << QStringLiteral("factory-vpn://enroll?url=%1").arg(hub)
                                        << QStringLiteral("no certificate fingerprint");
        QTest::newRow("bare fingerprint")
            << QStringLiteral("factory-vpn://enroll?url=%1&fp=%2").arg(hub, hex())
            << QStringLiteral("sha256:");
        QTest::newRow("short fingerprint")
            << QStringLiteral("factory-vpn://enroll?url=%1&fp=sha256:%2").arg(hub, hex().left(10))
            << QStringLiteral("SHA-256");
        QTest::newRow("unknown part") << QStringLiteral("factory-vpn://enroll?url=%1&%2&token=x").arg(hub, fp)
                                      << QStringLiteral("unknown part");
        QTest::newRow("hub twice") << QStringLiteral("factory-vpn://enroll?url=%1&url=%1&%2").arg(hub, fp)
                                   << QStringLiteral("twice");
        QTest::newRow("http to another computer")
            << QStringLiteral("http://192.0.2.1:8080") << QStringLiteral("https://");
        QTest::newRow("pin for plain http")
            << QStringLiteral("factory-vpn://enroll?url=http%3A%2F%2F127.0.0.1&fp=sha256:") + hex()
            << QStringLiteral("without TLS");
        QTest::newRow("old scheme") << QStringLiteral("factoryvpn://enroll?url=%1&%2").arg(hub, fp)
                                    << QStringLiteral("https://");
        QTest::newRow("http hub in link")
            << QStringLiteral("factory-vpn://enroll?url=http%3A%2F%2Fhub.example.com&%1").arg(fp)
            << QStringLiteral("https://");
        QTest::newRow("hub with path in link")
            << QStringLiteral("factory-vpn://enroll?url=https%3A%2F%2Fhub.example.com%2Fevil&%1").arg(fp)
            << QStringLiteral("host and port");
        QTest::newRow("empty invite") << QStringLiteral("factory-vpn://enroll?url=%1&%2&invite=").arg(hub, fp)
                                      << QStringLiteral("invite");
        QTest::newRow("invite with space")
            << QStringLiteral("factory-vpn://enroll?url=%1&%2&invite=").arg(hub, fp) + QStringLiteral("a%20b")
            << QStringLiteral("invite");
        QTest::newRow("invite with newline")
            << QStringLiteral("factory-vpn://enroll?url=%1&%2&invite=").arg(hub, fp) + QStringLiteral("a%0Ab")
            << QStringLiteral("invite");
        QTest::newRow("fragment on link") << QStringLiteral("factory-vpn://enroll?url=%1&%2#x").arg(hub, fp)
                                          << QStringLiteral("not an enrollment link");
    }

    void badLinks()
    {
        QFETCH(QString, text);
        QFETCH(QString, messagePart);
        const Result<HubLink> link = HubLink::parse(text);
        QVERIFY(!link);
        QCOMPARE(link.error().code, ErrorCode::InvalidInput);
        QVERIFY2(link.error().message.contains(messagePart, Qt::CaseInsensitive),
                 qPrintable(link.error().message));
        QVERIFY(!link.error().message.contains(u'\n'));
    }
};

QTEST_GUILESS_MAIN(TestHubLink)
#include "tst_hublink.moc"
