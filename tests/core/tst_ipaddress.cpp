#include "IpAddress.h"

#include <QHostAddress>
#include <QRandomGenerator>
#include <QSet>
#include <QtTest>

#include <algorithm>
#include <arpa/inet.h>

using namespace fvpn;
using namespace Qt::StringLiterals;

namespace {

// QVERIFY2 builds its message even when the check passes, so it must not touch
// error() of a Result that holds a value.
template<typename T> QString failure(const Result<T> &r)
{
    return r.ok() ? QString() : r.error().message;
}

std::array<quint8, 16> v6Bytes(std::initializer_list<quint16> words)
{
    std::array<quint8, 16> bytes {};
    size_t i = 0;
    for (const quint16 w : words) {
        bytes[i++] = quint8(w >> 8);
        bytes[i++] = quint8(w & 0xff);
    }
    return bytes;
}

IpAddress v6(const char *text)
{
    const Result<IpAddress> r = IpAddress::parse(QString::fromLatin1(text));
    if (!r)
        qFatal("test setup: %s", qPrintable(r.error().message));
    return *r;
}

} // namespace

class TestIpAddress : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesIPv4_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<quint32>("value");
        QTest::newRow("private") << u"10.42.42.1"_s << quint32(0x0a2a2a01);
        QTest::newRow("zeros") << u"0.0.0.0"_s << quint32(0);
        QTest::newRow("all ones") << u"255.255.255.255"_s << quint32(0xffffffff);
        QTest::newRow("single zero parts") << u"10.0.0.1"_s << quint32(0x0a000001);
        QTest::newRow("three digits") << u"192.168.100.200"_s << quint32(0xc0a864c8);
    }
    void parsesIPv4()
    {
        QFETCH(QString, text);
        QFETCH(quint32, value);
        const Result<IpAddress> r = IpAddress::parse(text);
        QVERIFY2(r.ok(), qPrintable(failure(r)));
        QVERIFY(r->isIPv4());
        QCOMPARE(r->family(), IpAddress::Family::IPv4);
        QCOMPARE(r->bitLength(), 32);
        QCOMPARE(r->toIPv4(), value);
        QCOMPARE(r->toString(), text);
        QCOMPARE(*r, IpAddress::fromIPv4(value));
    }

    void rejectsBadIPv4_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected"); // part of the message
        const QString notV4 = u"is not a valid IPv4 address"_s;
        QTest::newRow("empty") << QString() << u"empty"_s;
        QTest::newRow("space before") << u" 10.0.0.1"_s << u"spaces or control characters"_s;
        QTest::newRow("space after") << u"10.0.0.1 "_s << u"spaces or control characters"_s;
        QTest::newRow("space inside") << u"10.0. 0.1"_s << u"spaces"_s;
        QTest::newRow("newline") << u"10.0.0.1\n"_s << u"'10.0.0.1\\n'"_s;
        QTest::newRow("tab") << u"10.0.0.1\t"_s << u"control characters"_s;
        QTest::newRow("nul") << QString(u"10.0.0.1" + QString(QChar(0))) << u"control characters"_s;
        QTest::newRow("three parts") << u"1.2.3"_s << u"'1.2.3' is not a valid IPv4 address (expected four"_s;
        QTest::newRow("five parts") << u"1.2.3.4.5"_s << notV4;
        QTest::newRow("one number") << u"256"_s << notV4;
        QTest::newRow("integer form") << u"167772161"_s << notV4;
        QTest::newRow("shorthand") << u"10.1"_s << notV4;
        QTest::newRow("256") << u"10.42.42.256"_s
                             << u"'10.42.42.256' is not a valid IPv4 address (each part must be 0–255)"_s;
        QTest::newRow("999") << u"999.1.1.1"_s << u"0–255"_s;
        QTest::newRow("four digits") << u"1.2.3.1000"_s << u"0–255"_s;
        QTest::newRow("huge") << u"1.2.3.99999999999999999999"_s << u"0–255"_s;
        QTest::newRow("leading zero") << u"010.1.1.1"_s << u"leading zeros"_s;
        QTest::newRow("leading zero last") << u"10.1.1.01"_s << u"leading zeros"_s;
        QTest::newRow("double zero") << u"10.00.1.1"_s << u"leading zeros"_s;
        QTest::newRow("plus") << u"+1.2.3.4"_s << u"is not a valid IP address"_s;
        QTest::newRow("plus inside") << u"1.+2.3.4"_s << u"is not a valid IP address"_s;
        QTest::newRow("minus") << u"1.2.3.-4"_s << u"is not a valid IP address"_s;
        QTest::newRow("hex") << u"0x0a.0.0.1"_s << u"is not a valid IP address"_s;
        QTest::newRow("empty part") << u"1..2.3"_s << u"empty"_s;
        QTest::newRow("leading dot") << u".1.2.3"_s << u"empty"_s;
        QTest::newRow("trailing dot") << u"1.2.3.4."_s << notV4;
        QTest::newRow("only dots") << u"..."_s << u"empty"_s;
        QTest::newRow("letters") << u"a.b.c.d"_s << u"is not a valid IP address"_s;
        QTest::newRow("hostname") << u"hub.example.com"_s << u"is not a valid IP address"_s;
        QTest::newRow("with prefix") << u"10.0.0.0/24"_s << u"is not a valid IP address"_s;
        QTest::newRow("with port") << u"10.0.0.1:80"_s << u"IPv6"_s;
        QTest::newRow("arabic-indic digits")
            << u"\u0661.\u0662.\u0663.\u0664"_s << u"is not a valid IP address"_s;
        QTest::newRow("fullwidth digits") << u"\uff11.2.3.4"_s << u"is not a valid IP address"_s;
        QTest::newRow("comma") << u"1,2,3,4"_s << u"is not a valid IP address"_s;
    }
    void rejectsBadIPv4()
    {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        const Result<IpAddress> r = IpAddress::parse(text);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::InvalidInput);
        QVERIFY2(r.error().message.contains(expected), qPrintable(r.error().message));
        // A message is one line whatever the input held.
        QVERIFY2(!r.error().message.contains(u'\n'), qPrintable(r.error().message));
        QVERIFY(!r.error().message.contains(QChar(0)));
    }

    void parsesIPv6_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("canonical");
        QTest::newRow("loopback") << u"::1"_s << u"::1"_s;
        QTest::newRow("unspecified") << u"::"_s << u"::"_s;
        QTest::newRow("documentation") << u"2001:db8::1"_s << u"2001:db8::1"_s;
        QTest::newRow("uppercase") << u"2001:DB8::A"_s << u"2001:db8::a"_s;
        QTest::newRow("leading zeros in groups")
            << u"2001:0db8:0000:0000:0000:0000:0000:0001"_s << u"2001:db8::1"_s;
        QTest::newRow("full form") << u"fd00:1:2:3:4:5:6:7"_s << u"fd00:1:2:3:4:5:6:7"_s;
        QTest::newRow("single zero group not compressed")
            << u"2001:db8:0:1:1:1:1:1"_s << u"2001:db8:0:1:1:1:1:1"_s;
        QTest::newRow("'::' for one group accepted") << u"2001:db8::1:1:1:1:1"_s << u"2001:db8:0:1:1:1:1:1"_s;
        QTest::newRow("longest run wins") << u"2001:0:0:1:0:0:0:1"_s << u"2001:0:0:1::1"_s;
        QTest::newRow("first of equal runs") << u"2001:db8:0:0:1:0:0:1"_s << u"2001:db8::1:0:0:1"_s;
        QTest::newRow("trailing zeros") << u"fd00:0:0:0:0:0:0:0"_s << u"fd00::"_s;
        QTest::newRow("ula") << u"fd42:42::"_s << u"fd42:42::"_s;
        QTest::newRow("link local") << u"fe80::1:2"_s << u"fe80::1:2"_s;
        QTest::newRow("mapped") << u"::ffff:10.42.42.1"_s << u"::ffff:10.42.42.1"_s;
        QTest::newRow("mapped in hex") << u"::ffff:a2a:2a01"_s << u"::ffff:10.42.42.1"_s;
        QTest::newRow("ipv4-compatible (deprecated)") << u"::1.2.3.4"_s << u"::102:304"_s;
        QTest::newRow("embedded v4 full") << u"64:ff9b:0:0:0:0:1.2.3.4"_s << u"64:ff9b::102:304"_s;
        QTest::newRow("all ones") << u"ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"_s
                                  << u"ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"_s;
    }
    void parsesIPv6()
    {
        QFETCH(QString, text);
        QFETCH(QString, canonical);
        const Result<IpAddress> r = IpAddress::parse(text);
        QVERIFY2(r.ok(), qPrintable(failure(r)));
        QVERIFY(r->isIPv6());
        QCOMPARE(r->bitLength(), 128);
        QCOMPARE(r->toString(), canonical);
        // The canonical form reads back as the same address.
        const Result<IpAddress> again = IpAddress::parse(canonical);
        QVERIFY(again.ok());
        QCOMPARE(*again, *r);
        // An independent parser agrees on the bytes.
        QHostAddress qt;
        QVERIFY(qt.setAddress(text));
        const Q_IPV6ADDR expected = qt.toIPv6Address();
        QVERIFY(std::equal(r->bytes().begin(), r->bytes().end(), expected.c));
    }

    void rejectsBadIPv6_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("zone") << u"fe80::1%eth0"_s << u"zone ids"_s;
        QTest::newRow("numeric zone") << u"fe80::1%1"_s << u"zone ids"_s;
        QTest::newRow("brackets") << u"[2001:db8::1]"_s << u"without brackets"_s;
        QTest::newRow("open bracket") << u"[2001:db8::1"_s << u"without brackets"_s;
        QTest::newRow("two gaps") << u"1::2::3"_s << u"only once"_s;
        QTest::newRow("triple colon") << u"1:::2"_s << u"only once"_s;
        QTest::newRow("five hex digits") << u"12345::1"_s << u"1 to 4 hex digits"_s;
        QTest::newRow("seven groups") << u"1:2:3:4:5:6:7"_s << u"expected 8 groups"_s;
        QTest::newRow("nine groups") << u"1:2:3:4:5:6:7:8:9"_s << u"expected 8 groups"_s;
        QTest::newRow("eight groups and gap") << u"1:2:3:4::5:6:7:8"_s << u"too many groups"_s;
        QTest::newRow("leading single colon") << u":1:2:3:4:5:6:7"_s << u"single ':'"_s;
        QTest::newRow("trailing single colon") << u"1:2:3:4:5:6:7:"_s << u"single ':'"_s;
        QTest::newRow("lone colon") << u":"_s << u"single ':'"_s;
        QTest::newRow("not hex") << u"2001:db8::g"_s << u"hex digits"_s;
        QTest::newRow("ipv4 not last") << u"1.2.3.4::1"_s << u"IPv4 part may only come last"_s;
        QTest::newRow("ipv4 before gap") << u"::1.2.3.4:1"_s << u"IPv4 part may only come last"_s;
        QTest::newRow("bad embedded ipv4") << u"::ffff:1.2.3.256"_s << u"0–255"_s;
        QTest::newRow("embedded leading zero") << u"::ffff:1.2.3.04"_s << u"leading zeros"_s;
        QTest::newRow("embedded short") << u"::ffff:1.2.3"_s << u"four numbers"_s;
        QTest::newRow("embedded too many groups") << u"1:2:3:4:5:6:7:1.2.3.4"_s << u"expected 8 groups"_s;
        QTest::newRow("space") << u"2001:db8:: 1"_s << u"spaces"_s;
        QTest::newRow("prefix") << u"2001:db8::/32"_s << u"hex digits"_s;
        QTest::newRow("plus") << u"+::1"_s << u"hex digits"_s;
    }
    void rejectsBadIPv6()
    {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        const Result<IpAddress> r = IpAddress::parse(text);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::InvalidInput);
        QVERIFY2(r.error().message.contains(expected), qPrintable(r.error().message));
        QVERIFY2(r.error().message.startsWith(u'\''), qPrintable(r.error().message));
    }

    void messageQuotesLongInputBriefly()
    {
        const QString junk = QString(500, u'9') + u".1.1.1"_s;
        const Result<IpAddress> r = IpAddress::parse(junk);
        QVERIFY(!r.ok());
        QVERIFY2(r.error().message.size() < 160, qPrintable(r.error().message));
    }

    // RFC 5952 text must match what another implementation prints for random
    // addresses; zero-heavy ones exercise the '::' placement rules.
    void canonicalFormAgreesWithQt()
    {
        QRandomGenerator rng(20240611);
        for (int n = 0; n < 5000; ++n) {
            std::array<quint8, 16> bytes {};
            for (size_t i = 0; i < 16; i += 2) {
                const quint32 pick = rng.bounded(4u);
                const quint16 word
                    = pick < 2 ? 0 : (pick == 2 ? quint16(rng.bounded(16u)) : quint16(rng.generate()));
                bytes[i] = quint8(word >> 8);
                bytes[i + 1] = quint8(word & 0xff);
            }
            // Qt prints the deprecated IPv4-compatible block ::/96 in dotted form
            // ("::0.5.0.0"); RFC 5952 keeps dots for mapped addresses only.
            if (std::all_of(bytes.begin(), bytes.begin() + 12, [](quint8 b) { return b == 0; }))
                continue;
            const IpAddress address = IpAddress::fromIPv6(bytes);
            Q_IPV6ADDR raw;
            std::copy(bytes.begin(), bytes.end(), raw.c);
            const QString expected = QHostAddress(raw).toString();
            QCOMPARE(address.toString(), expected);
            const Result<IpAddress> back = IpAddress::parse(expected);
            QVERIFY2(back.ok(), qPrintable(expected));
            QCOMPARE(*back, address);
        }
    }

    // glibc's inet_pton() is strict in the same ways (four decimal parts, no
    // leading zeros, no zones): mutated addresses must be accepted or refused alike,
    // and accepted ones give the same bytes.
    void agreesWithInetPton()
    {
        const QStringList seeds {
            u"10.42.42.1"_s,         u"255.255.255.255"_s, u"0.0.0.0"_s,         u"2001:db8::1"_s,
            u"::ffff:10.0.0.1"_s,    u"fe80::1:2:3:4"_s,   u"1:2:3:4:5:6:7:8"_s, u"::"_s,
            u"1:2:3:4:5:6:1.2.3.4"_s
        };
        const QString alphabet = u"0123456789abcdefABCDEF:.%[]g "_s;
        QRandomGenerator rng(7);
        int accepted = 0;
        for (int n = 0; n < 40000; ++n) {
            QString text = seeds.at(int(rng.bounded(quint32(seeds.size()))));
            const int edits = 1 + int(rng.bounded(3u));
            for (int e = 0; e < edits; ++e) {
                const qsizetype pos = rng.bounded(quint32(text.size() + 1));
                const QChar c = alphabet.at(rng.bounded(quint32(alphabet.size())));
                switch (rng.bounded(3u)) {
                case 0:
                    text.insert(pos, c);
                    break;
                case 1:
                    if (pos < text.size())
                        text.remove(pos, 1);
                    break;
                default:
                    if (pos < text.size())
                        text[pos] = c;
                    break;
                }
            }
            const QByteArray latin = text.toLatin1();
            quint8 buffer[16] = {};
            const bool v4 = inet_pton(AF_INET, latin.constData(), buffer) == 1;
            const bool v6 = !v4 && inet_pton(AF_INET6, latin.constData(), buffer) == 1;
            const Result<IpAddress> ours = IpAddress::parse(text);
            QVERIFY2(ours.ok() == (v4 || v6),
                     qPrintable(u"'%1': ours %2, inet_pton %3"_s.arg(text, failure(ours)).arg(v4 || v6)));
            if (!ours.ok())
                continue;
            ++accepted;
            QCOMPARE(ours->isIPv4(), v4);
            QVERIFY2(std::equal(buffer, buffer + (v4 ? 4 : 16), ours->bytes().begin()), qPrintable(text));
        }
        // The mutations must produce both outcomes in quantity to mean anything.
        QVERIFY2(accepted > 2000, qPrintable(QString::number(accepted)));
        QVERIFY2(accepted < 38000, qPrintable(QString::number(accepted)));
    }

    void fromIPv6KeepsBytes()
    {
        const IpAddress a = IpAddress::fromIPv6(v6Bytes({ 0x2001, 0xdb8, 0, 0, 0, 0, 0, 1 }));
        QCOMPARE(a.toString(), u"2001:db8::1"_s);
        QCOMPARE(a.toIPv4(), quint32(0)); // not an IPv4 address
        QCOMPARE(a, v6("2001:db8::1"));
    }

    void nullAddress()
    {
        const IpAddress a;
        QVERIFY(a.isNull());
        QCOMPARE(a.family(), IpAddress::Family::None);
        QVERIFY(a.toString().isEmpty());
        QVERIFY(a.advanced(1).isNull());
        QVERIFY(a.advanced(0).isNull());
    }

    void advanced_data()
    {
        QTest::addColumn<QString>("start");
        QTest::addColumn<quint64>("offset");
        QTest::addColumn<QString>("expected"); // empty: null (overflow)
        QTest::newRow("zero") << u"10.42.42.1"_s << quint64(0) << u"10.42.42.1"_s;
        QTest::newRow("one") << u"10.42.42.1"_s << quint64(1) << u"10.42.42.2"_s;
        QTest::newRow("octet carry") << u"10.42.42.255"_s << quint64(1) << u"10.42.43.0"_s;
        QTest::newRow("multi carry") << u"10.255.255.255"_s << quint64(1) << u"11.0.0.0"_s;
        QTest::newRow("large") << u"10.0.0.0"_s << quint64(70000) << u"10.1.17.112"_s;
        QTest::newRow("to last") << u"255.255.255.254"_s << quint64(1) << u"255.255.255.255"_s;
        QTest::newRow("v4 overflow") << u"255.255.255.255"_s << quint64(1) << QString();
        QTest::newRow("v4 overflow large") << u"0.0.0.0"_s << quint64(0x100000000) << QString();
        QTest::newRow("v4 max offset") << u"0.0.0.1"_s << quint64(0xffffffffffffffff) << QString();
        QTest::newRow("v4 exactly to top") << u"0.0.0.0"_s << quint64(0xffffffff) << u"255.255.255.255"_s;
        QTest::newRow("v6 one") << u"fd00::1"_s << quint64(1) << u"fd00::2"_s;
        QTest::newRow("v6 carry") << u"fd00::ffff"_s << quint64(1) << u"fd00::1:0"_s;
        QTest::newRow("v6 carry into high half")
            << u"fd00::ffff:ffff:ffff:ffff"_s << quint64(1) << u"fd00:0:0:1::"_s;
        QTest::newRow("v6 large offset")
            << u"fd00::"_s << quint64(0xffffffffffffffff) << u"fd00::ffff:ffff:ffff:ffff"_s;
        QTest::newRow("v6 overflow") << u"ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"_s << quint64(1)
                                     << QString();
        QTest::newRow("v6 overflow large")
            << u"ffff:ffff:ffff:ffff:ffff:ffff:ffff:0"_s << quint64(0x10000) << QString();
    }
    void advanced()
    {
        QFETCH(QString, start);
        QFETCH(quint64, offset);
        QFETCH(QString, expected);
        const Result<IpAddress> a = IpAddress::parse(start);
        QVERIFY(a.ok());
        const IpAddress b = a->advanced(offset);
        if (expected.isEmpty()) {
            QVERIFY2(b.isNull(), qPrintable(b.toString()));
        } else {
            QCOMPARE(b.toString(), expected);
            QCOMPARE(b.family(), a->family());
        }
    }

    void ordering()
    {
        const IpAddress v4a = IpAddress::fromIPv4(0x0a000001);
        const IpAddress v4b = IpAddress::fromIPv4(0x0a000002);
        const IpAddress v4high = IpAddress::fromIPv4(0xff000000);
        const IpAddress v6low = v6("::");
        const IpAddress v6high = v6("ffff::");
        QVERIFY(v4a < v4b);
        QVERIFY(v4b < v4high); // numeric, not textual ("10.0.0.2" > "255..." as text)
        QVERIFY(IpAddress::fromIPv4(0x0a00000a) > IpAddress::fromIPv4(0x0a000009));
        // Family first: every IPv4 address sorts before every IPv6 address, even
        // ::, whose bytes are all zero.
        QVERIFY(v4high < v6low);
        QVERIFY(v6low < v6high);
        QVERIFY(IpAddress() < v4a);
        QVERIFY(v4a != v6("::a00:1")); // same low bytes, other family
        QList<IpAddress> list { v6high, v4high, v6low, v4b, v4a, IpAddress() };
        std::sort(list.begin(), list.end());
        QCOMPARE(list, (QList<IpAddress> { IpAddress(), v4a, v4b, v4high, v6low, v6high }));
    }

    void hashing()
    {
        QSet<IpAddress> set;
        for (quint32 i = 0; i < 1000; ++i)
            set.insert(IpAddress::fromIPv4(0x0a000000 + i));
        set.insert(IpAddress::fromIPv4(0x0a000000)); // duplicate
        QCOMPARE(set.size(), 1000);
        QVERIFY(set.contains(*IpAddress::parse(u"10.0.3.231")));
        QVERIFY(!set.contains(*IpAddress::parse(u"10.0.3.232")));
        QCOMPARE(qHash(*IpAddress::parse(u"10.1.2.3")), qHash(IpAddress::fromIPv4(0x0a010203)));
        QCOMPARE(qHash(v6("2001:db8::1")), qHash(v6("2001:0DB8:0:0::1")));
        // A v6 address and a v4 one with the same leading bytes stay apart.
        set.insert(v6("a00::"));
        QCOMPARE(set.size(), 1001);
    }

    void metaType()
    {
        const QVariant v = QVariant::fromValue(IpAddress::fromIPv4(0x0a2a2a01));
        QCOMPARE(v.value<IpAddress>().toString(), u"10.42.42.1"_s);
    }
};

QTEST_GUILESS_MAIN(TestIpAddress)
#include "tst_ipaddress.moc"
