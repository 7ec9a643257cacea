#include "EnrollmentLink.h"

#include <QtTest>

using namespace fvpn;

class TestEnrollmentLink : public QObject
{
    Q_OBJECT

    const QString fp = u"sha256:"_qs + QString(64, u'c');
    const QString invite = u"0123456789abcdef.AbC-_xyz"_qs;

private Q_SLOTS:
    void roundTrip()
    {
        EnrollmentLink link { QUrl(u"https://hub.example.com:8443"_qs), fp, invite };
        QVERIFY(link.validate());
        const QString text = link.toString();
        QVERIFY(
            text.startsWith(u"factory-vpn://enroll?url=https%3A%2F%2Fhub.example.com%3A8443&fp=sha256%3A"));
        auto parsed = EnrollmentLink::parse(text);
        QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().message));
        QCOMPARE(parsed->hubUrl, link.hubUrl);
        QCOMPARE(parsed->fingerprint, fp);
        QCOMPARE(parsed->invite, invite);

        EnrollmentLink bare { QUrl(u"http://127.0.0.1:8443"_qs), {}, {} };
        auto plain = EnrollmentLink::parse(bare.toString());
        QVERIFY(plain.ok());
        QVERIFY(plain->invite.isEmpty());
    }

    // "https://hub:8443/" is the hub "https://hub:8443", as the app reads it
    // (found by fuzz_links: tests/fuzz/corpus/links/hub-link-trailing-slash-fragment).
    void trailingSlashIsTheSameHub()
    {
        const QString text = u"factory-vpn://enroll?url=https%3A%2F%2Fhub.example.com%3A8443%2F&fp="_qs + fp;
        auto parsed = EnrollmentLink::parse(text);
        QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().message));
        QCOMPARE(parsed->hubUrl, QUrl(u"https://hub.example.com:8443"_qs));
        QVERIFY(parsed->toString().contains(u"url=https%3A%2F%2Fhub.example.com%3A8443&"_qs));
    }

    void refuses_data()
    {
        QTest::addColumn<QString>("text");
        const QString good = u"url=https%3A%2F%2Fhub%3A8443&fp=sha256%3A"_qs + QString(64, u'c');
        QTest::newRow("other scheme") << u"https://enroll?"_qs + good;
        QTest::newRow("other host") << u"factory-vpn://join?"_qs + good;
        QTest::newRow("no url") << u"factory-vpn://enroll?fp=sha256%3A"_qs + QString(64, u'c');
        QTest::newRow("https without fingerprint") << u"factory-vpn://enroll?url=https%3A%2F%2Fhub"_qs;
        QTest::newRow("short fingerprint")
            << u"factory-vpn://enroll?url=https%3A%2F%2Fhub&fp=sha256%3Aabc"_qs;
        QTest::newRow("upper-case fingerprint")
            << u"factory-vpn://enroll?url=https%3A%2F%2Fhub&fp=sha256%3A"_qs + QString(64, u'C');
        QTest::newRow("md5 fingerprint")
            << u"factory-vpn://enroll?url=https%3A%2F%2Fhub&fp=md5%3A"_qs + QString(64, u'c');
        QTest::newRow("file url") << u"factory-vpn://enroll?url=file%3A%2F%2F%2Fetc%2Fpasswd"_qs;
        QTest::newRow("url with credentials")
            << u"factory-vpn://enroll?url=https%3A%2F%2Fa%3Ab%40hub&fp=sha256%3A"_qs + QString(64, u'c');
        QTest::newRow("url with path") << u"factory-vpn://enroll?url=http%3A%2F%2Fhub%2Fevil"_qs;
        QTest::newRow("unknown parameter") << u"factory-vpn://enroll?"_qs + good + u"&token=x"_qs;
        QTest::newRow("repeated url") << u"factory-vpn://enroll?"_qs + good + u"&url=http%3A%2F%2Fother"_qs;
        QTest::newRow("bad invite") << u"factory-vpn://enroll?"_qs + good + u"&invite=hello"_qs;
        QTest::newRow("huge") << u"factory-vpn://enroll?"_qs + good + u"&x="_qs + QString(5000, u'x');
        QTest::newRow("empty") << QString();
        // The app refuses these, so the hub does too.
        QTest::newRow("fragment") << u"factory-vpn://enroll?"_qs + good + u"#more"_qs;
        QTest::newRow("port on enroll") << u"factory-vpn://enroll:1?"_qs + good;
    }
    void refuses()
    {
        QFETCH(QString, text);
        auto parsed = EnrollmentLink::parse(text);
        QVERIFY(!parsed.ok());
        QCOMPARE(parsed.error().code, ErrorCode::InvalidInput);
        QVERIFY(parsed.error().message.startsWith(u"enrollment link: "));
    }
};

QTEST_GUILESS_MAIN(TestEnrollmentLink)
#include "tst_enrollmentlink.moc"
