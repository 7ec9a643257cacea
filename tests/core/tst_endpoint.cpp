#include "Endpoint.h"

#include <QtTest>

using namespace fvpn;
using namespace Qt::StringLiterals;

namespace {

// QVERIFY2 builds its message even when the check passes, so it must not touch
// error() of a Result that holds a value.
template<typename T> QString failure(const Result<T> &r)
{
    return r.ok() ? QString() : r.error().message;
}

} // namespace

class TestEndpoint : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parses_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("host");
        QTest::addColumn<int>("port");
        QTest::addColumn<bool>("ipv6");
        QTest::addColumn<QString>("printed");
        QTest::newRow("ipv4") << u"203.0.113.7:5555"_s << u"203.0.113.7"_s << 5555 << false
                              << u"203.0.113.7:5555"_s;
        QTest::newRow("port 1") << u"10.0.0.1:1"_s << u"10.0.0.1"_s << 1 << false << u"10.0.0.1:1"_s;
        QTest::newRow("port 65535") << u"10.0.0.1:65535"_s << u"10.0.0.1"_s << 65535 << false
                                    << u"10.0.0.1:65535"_s;
        QTest::newRow("wireguard default")
            << u"10.0.0.1:51820"_s << u"10.0.0.1"_s << 51820 << false << u"10.0.0.1:51820"_s;
        QTest::newRow("ipv6") << u"[2001:db8::1]:5555"_s << u"2001:db8::1"_s << 5555 << true
                              << u"[2001:db8::1]:5555"_s;
        QTest::newRow("ipv6 canonicalised")
            << u"[2001:0DB8:0:0::1]:5555"_s << u"2001:db8::1"_s << 5555 << true << u"[2001:db8::1]:5555"_s;
        QTest::newRow("ipv6 loopback") << u"[::1]:51820"_s << u"::1"_s << 51820 << true << u"[::1]:51820"_s;
        QTest::newRow("ipv6 mapped") << u"[::ffff:10.0.0.1]:51820"_s << u"::ffff:10.0.0.1"_s << 51820 << true
                                     << u"[::ffff:10.0.0.1]:51820"_s;
        QTest::newRow("hostname") << u"hub.example.com:5555"_s << u"hub.example.com"_s << 5555 << false
                                  << u"hub.example.com:5555"_s;
        QTest::newRow("hostname lowercased") << u"Hub.Example.COM:5555"_s << u"hub.example.com"_s << 5555
                                             << false << u"hub.example.com:5555"_s;
        QTest::newRow("single label") << u"hub:5555"_s << u"hub"_s << 5555 << false << u"hub:5555"_s;
        QTest::newRow("digits and hyphens")
            << u"vpn-1.factory-2.example:5555"_s << u"vpn-1.factory-2.example"_s << 5555 << false
            << u"vpn-1.factory-2.example:5555"_s;
        QTest::newRow("label starting with digit") << u"1hub.example.com:5555"_s << u"1hub.example.com"_s
                                                   << 5555 << false << u"1hub.example.com:5555"_s;
        QTest::newRow("63 char label")
            << (QString(63, u'a') + u".example:1"_s) << (QString(63, u'a') + u".example"_s) << 1 << false
            << (QString(63, u'a') + u".example:1"_s);
    }
    void parses()
    {
        QFETCH(QString, text);
        QFETCH(QString, host);
        QFETCH(int, port);
        QFETCH(bool, ipv6);
        QFETCH(QString, printed);
        const Result<Endpoint> r = Endpoint::parse(text);
        QVERIFY2(r.ok(), qPrintable(failure(r)));
        QVERIFY(!r->isNull());
        QCOMPARE(r->host(), host);
        QCOMPARE(int(r->port()), port);
        QCOMPARE(r->hostIsIPv6(), ipv6);
        QCOMPARE(r->toString(), printed);
        // The printed form parses back to the same endpoint, and make() agrees.
        QCOMPARE(*Endpoint::parse(printed), *r);
        const Result<Endpoint> made = Endpoint::make(host, port);
        QVERIFY2(made.ok(), qPrintable(failure(made)));
        QCOMPARE(*made, *r);
    }

    void longestHostName()
    {
        // Three 63-character labels and a 61-character one: exactly 253 with the
        // dots, the most a host name may have.
        const QString label(63, u'a');
        const QString ok = label + u'.' + label + u'.' + label + u'.' + QString(61, u'b');
        QCOMPARE(ok.size(), 253);
        QVERIFY(Endpoint::parse(QString(ok + u":1"_s)).ok());
        const QString tooLong = ok + u'b';
        QCOMPARE(tooLong.size(), 254);
        const Result<Endpoint> r = Endpoint::parse(QString(tooLong + u":1"_s));
        QVERIFY(!r.ok());
        QVERIFY2(r.error().message.contains(u"253"_s), qPrintable(r.error().message));
    }

    void rejects_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("empty") << QString() << u"empty"_s;
        QTest::newRow("space") << u"10.0.0.1: 5555"_s << u"spaces"_s;
        QTest::newRow("leading space") << u" 10.0.0.1:5555"_s << u"spaces"_s;
        QTest::newRow("newline") << u"10.0.0.1:5555\n"_s << u"spaces or control"_s;
        QTest::newRow("injection") << u"10.0.0.1:5555\nPostUp = rm -rf /"_s << u"control characters"_s;
        QTest::newRow("no port") << u"10.0.0.1"_s << u"'10.0.0.1' has no port"_s;
        QTest::newRow("hostname no port") << u"hub.example.com"_s << u"has no port"_s;
        QTest::newRow("empty port") << u"10.0.0.1:"_s << u"invalid port"_s;
        QTest::newRow("port 0") << u"10.0.0.1:0"_s << u"invalid port '0' (expected a number 1–65535)"_s;
        QTest::newRow("port 65536") << u"10.0.0.1:65536"_s << u"invalid port '65536'"_s;
        QTest::newRow("port 99999") << u"10.0.0.1:99999"_s << u"invalid port"_s;
        QTest::newRow("port huge") << u"10.0.0.1:99999999999999999999"_s << u"invalid port"_s;
        QTest::newRow("port 55a") << u"10.0.0.1:55a"_s << u"invalid port '55a'"_s;
        QTest::newRow("port hex") << u"10.0.0.1:0x10"_s << u"invalid port"_s;
        QTest::newRow("port plus") << u"10.0.0.1:+5555"_s << u"invalid port"_s;
        QTest::newRow("port minus") << u"10.0.0.1:-1"_s << u"invalid port"_s;
        QTest::newRow("port leading zero") << u"10.0.0.1:05555"_s << u"invalid port"_s;
        QTest::newRow("port name") << u"10.0.0.1:wireguard"_s << u"invalid port"_s;
        QTest::newRow("port arabic digits") << u"10.0.0.1:\u0665\u0665"_s << u"invalid port"_s;
        QTest::newRow("no host") << u":5555"_s << u"no host"_s;
        QTest::newRow("bad ipv4") << u"10.0.0.256:5555"_s << u"0–255"_s;
        QTest::newRow("short ipv4") << u"10.1:5555"_s << u"four numbers"_s;
        QTest::newRow("numeric host") << u"167772161:5555"_s << u"not a valid IPv4 address"_s;
        QTest::newRow("leading zero ipv4") << u"010.0.0.1:5555"_s << u"leading zeros"_s;
        QTest::newRow("unbracketed ipv6")
            << u"2001:db8::1:5555"_s
            << u"'2001:db8::1:5555' is not a valid endpoint (put an IPv6 address in brackets, like "
               "[2001:db8::1]:5555)"_s;
        QTest::newRow("unbracketed ipv6 only")
            << u"2001:db8::1"_s << u"has no port (write it like [2001:db8::1]:51820)"_s;
        QTest::newRow("unbracketed loopback") << u"::1:51820"_s << u"like [::1]:51820"_s;
        QTest::newRow("bracketed no port") << u"[2001:db8::1]"_s << u"expected ':' and a port after ']'"_s;
        QTest::newRow("bracketed no colon") << u"[2001:db8::1]5555"_s << u"expected ':' and a port"_s;
        QTest::newRow("bracketed empty port") << u"[2001:db8::1]:"_s << u"invalid port"_s;
        QTest::newRow("bracketed port 0") << u"[2001:db8::1]:0"_s << u"invalid port"_s;
        QTest::newRow("missing close") << u"[2001:db8::1:5555"_s << u"missing ']'"_s;
        QTest::newRow("close only") << u"2001:db8::1]:5555"_s << u"brackets go around an IPv6 address"_s;
        QTest::newRow("brackets inside") << u"2001:[db8::1]:5555"_s << u"brackets"_s;
        QTest::newRow("bracketed ipv4") << u"[10.0.0.1]:5555"_s << u"only IPv6 addresses go in brackets"_s;
        QTest::newRow("bracketed hostname")
            << u"[hub.example.com]:5555"_s << u"only IPv6 addresses go in brackets"_s;
        QTest::newRow("empty brackets") << u"[]:5555"_s << u"no host"_s;
        QTest::newRow("double brackets") << u"[[::1]]:5555"_s << u"expected ':'"_s;
        QTest::newRow("zone") << u"[fe80::1%eth0]:5555"_s << u"zone ids"_s;
        QTest::newRow("bad ipv6") << u"[2001:db8::g]:5555"_s << u"hex digits"_s;
        QTest::newRow("underscore") << u"my_hub.example.com:5555"_s << u"only letters a–z, digits, '-'"_s;
        QTest::newRow("label too long") << (QString(64, u'a') + u".example.com:5555"_s) << u"at most 63"_s;
        QTest::newRow("empty label") << u"hub..example.com:5555"_s << u"empty"_s;
        QTest::newRow("trailing dot") << u"hub.example.com.:5555"_s << u"empty"_s;
        QTest::newRow("leading dot") << u".example.com:5555"_s << u"empty"_s;
        QTest::newRow("leading hyphen") << u"-hub.example.com:5555"_s << u"start or end with '-'"_s;
        QTest::newRow("trailing hyphen") << u"hub-.example.com:5555"_s << u"start or end with '-'"_s;
        QTest::newRow("numeric tld") << u"hub.example.1:5555"_s << u"last part cannot be a number"_s;
        QTest::newRow("inet_aton hex") << u"0x7f.1:5555"_s << u"last part cannot be a number"_s;
        QTest::newRow("inet_aton hex single") << u"0x7f000001:5555"_s << u"last part cannot be a number"_s;
        QTest::newRow("umlaut") << u"h\u00fcb.example.com:5555"_s << u"only letters"_s;
        QTest::newRow("slash") << u"hub/24:5555"_s << u"only letters"_s;
        QTest::newRow("url") << u"udp://hub.example.com:5555"_s << u"expected host:port"_s;
        QTest::newRow("star") << u"*.example.com:5555"_s << u"only letters"_s;
    }
    void rejects()
    {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        const Result<Endpoint> r = Endpoint::parse(text);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::InvalidInput);
        QVERIFY2(r.error().message.contains(expected), qPrintable(r.error().message));
        QVERIFY2(!r.error().message.contains(u'\n'), qPrintable(r.error().message));
    }

    void makeRejects_data()
    {
        QTest::addColumn<QString>("host");
        QTest::addColumn<int>("port");
        QTest::addColumn<QString>("expected");
        QTest::newRow("empty host") << QString() << 5555 << u"no host"_s;
        QTest::newRow("port 0") << u"10.0.0.1"_s << 0 << u"not a valid port"_s;
        QTest::newRow("port negative") << u"10.0.0.1"_s << -5 << u"not a valid port"_s;
        QTest::newRow("port 65536") << u"10.0.0.1"_s << 65536 << u"not a valid port"_s;
        QTest::newRow("bracketed v6") << u"[::1]"_s << 5555 << u"without brackets"_s;
        QTest::newRow("host with port") << u"hub:5555"_s << 5555 << u"not a valid IPv6 address"_s;
        QTest::newRow("newline") << u"hub\n"_s << 5555 << u"control characters"_s;
        QTest::newRow("underscore") << u"a_b"_s << 5555 << u"only letters"_s;
        QTest::newRow("bad v4") << u"1.2.3.4.5"_s << 5555 << u"four numbers"_s;
    }
    void makeRejects()
    {
        QFETCH(QString, host);
        QFETCH(int, port);
        QFETCH(QString, expected);
        const Result<Endpoint> r = Endpoint::make(host, port);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::InvalidInput);
        QVERIFY2(r.error().message.contains(expected), qPrintable(r.error().message));
    }

    void makeBracketsIPv6InText()
    {
        const Result<Endpoint> r = Endpoint::make(u"2001:db8::7"_s, 51820);
        QVERIFY(r.ok());
        QVERIFY(r->hostIsIPv6());
        QCOMPARE(r->host(), u"2001:db8::7"_s);
        QCOMPARE(r->toString(), u"[2001:db8::7]:51820"_s);
    }

    void nullEndpoint()
    {
        const Endpoint e;
        QVERIFY(e.isNull());
        QCOMPARE(e.port(), quint16(0));
        QVERIFY(e.toString().isEmpty());
        QVERIFY(!e.hostIsIPv6());
    }

    void equality()
    {
        QCOMPARE(*Endpoint::parse(u"HUB.example.com:1"), *Endpoint::parse(u"hub.EXAMPLE.com:1"));
        QVERIFY(*Endpoint::parse(u"hub.example.com:1") != *Endpoint::parse(u"hub.example.com:2"));
        QVERIFY(*Endpoint::parse(u"[::a00:1]:1") != *Endpoint::parse(u"10.0.0.1:1"));
    }
};

QTEST_GUILESS_MAIN(TestEndpoint)
#include "tst_endpoint.moc"
