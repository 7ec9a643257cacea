#include "ClientsFileCheck.h"

#include <QtTest>

using namespace fvpn;

namespace {

PublicKey key(int n)
{
    QByteArray raw(32, '\x11');
    raw[0] = char(n);
    return PublicKey::fromRaw(raw).value();
}

QString line(int keyNumber, const QString &address, const QString &comment = {})
{
    return key(keyNumber).toBase64() + u' ' + address + (comment.isEmpty() ? QString() : u' ' + comment);
}

ClientsFileCheck makeCheck()
{
    ClientsFileCheck check;
    PoolInfo pool;
    pool.subnet = IpNetwork::parse(u"10.42.42.0/24").value();
    pool.hubAddress = IpAddress::parse(u"10.42.42.1").value();
    check.setPool(pool);
    DeviceInfo device;
    device.name = QStringLiteral("press-07");
    device.publicKey = key(100);
    device.address = IpAddress::parse(u"10.42.42.7").value();
    check.setDevices({ device });
    return check;
}

} // namespace

class TestClientsFileCheck : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void acceptsAGoodFile()
    {
        const QString text = QStringLiteral("# engineers\n")
            + line(1, QStringLiteral("10.42.42.100"), QStringLiteral("alice")) + u'\n'
            + line(2, QStringLiteral("10.42.42.101")) + u'\n';
        Result<ClientsFile> file = makeCheck().check(text);
        QVERIFY2(file.ok(), qPrintable(file ? QString() : file.error().toString()));
        QCOMPARE(file->peers().size(), 2);
        QVERIFY(makeCheck().problems(text).isEmpty());
    }

    void reportsEveryProblemByLine_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QList<int>>("lines");
        QTest::addColumn<QStringList>("fragments");

        QTest::newRow("bad key") << QStringLiteral("# x\nnot-a-key 10.42.42.100\n") << QList<int> { 2 }
                                 << QStringList { QStringLiteral("is not a valid WireGuard public key") };
        QTest::newRow("outside subnet")
            << QString(line(1, QStringLiteral("10.43.0.5")) + u'\n') << QList<int> { 1 }
            << QStringList { QStringLiteral("outside the VPN subnet 10.42.42.0/24") };
        QTest::newRow("hub address") << QString(line(1, QStringLiteral("10.42.42.1")) + u'\n')
                                     << QList<int> { 1 }
                                     << QStringList { QStringLiteral("hub's own address") };
        QTest::newRow("duplicate address")
            << QString(line(1, QStringLiteral("10.42.42.100")) + u'\n'
                       + line(2, QStringLiteral("10.42.42.100")) + u'\n')
            << QList<int> { 2 }
            << QStringList { QStringLiteral("address 10.42.42.100 is already used on line 1") };
        QTest::newRow("duplicate key")
            << QString(line(1, QStringLiteral("10.42.42.100")) + u'\n'
                       + line(1, QStringLiteral("10.42.42.101")) + u'\n')
            << QList<int> { 2 } << QStringList { QStringLiteral("is already used on line 1") };
        QTest::newRow("device address")
            << QString(line(1, QStringLiteral("10.42.42.7")) + u'\n') << QList<int> { 1 }
            << QStringList { QStringLiteral("already used by device press-07") };
        QTest::newRow("device key") << QString(line(100, QStringLiteral("10.42.42.50")) + u'\n')
                                    << QList<int> { 1 }
                                    << QStringList { QStringLiteral("belongs to device press-07") };
        // A device clash on a line that is fine by itself is found even when
        // another line is broken, and the errors come in line order.
        QTest::newRow("mixed, in line order")
            << QString(line(1, QStringLiteral("10.42.42.7")) + QStringLiteral("\ngarbage\n")
                       + line(2, QStringLiteral("10.42.42.300")) + u'\n')
            << QList<int> { 1, 2, 3 }
            << QStringList { QStringLiteral("device press-07"),
                             QStringLiteral("not a valid WireGuard public key"),
                             QStringLiteral("10.42.42.300") };
        QTest::newRow("control character")
            << QString(line(1, QStringLiteral("10.42.42.100"), QStringLiteral("al\u200Bice")) + u'\n')
            << QList<int> { 1 } << QStringList { QStringLiteral("U+200B") };
    }

    void reportsEveryProblemByLine()
    {
        QFETCH(QString, text);
        QFETCH(QList<int>, lines);
        QFETCH(QStringList, fragments);
        Result<ClientsFile> file = makeCheck().check(text);
        QVERIFY(!file.ok());
        QCOMPARE(file.error().code, ErrorCode::InvalidInput);
        const QList<LineError> errors = file.error().lineErrors;
        QCOMPARE(errors.size(), lines.size());
        for (qsizetype i = 0; i < errors.size(); ++i) {
            QCOMPARE(errors[i].line, lines[i]);
            QVERIFY2(errors[i].message.contains(fragments[i]), qPrintable(errors[i].message));
        }
        QCOMPARE(file.error().message,
                 errors.size() == 1
                     ? QStringLiteral("factory-clients.conf has 1 error")
                     : QStringLiteral("factory-clients.conf has %1 errors").arg(errors.size()));
    }

    void withoutContextOnlyLineRulesApply()
    {
        ClientsFileCheck bare;
        QVERIFY(bare.check(QString(line(1, QStringLiteral("192.168.1.5")) + u'\n')).ok());
        QVERIFY(!bare.check(QStringLiteral("x\n")).ok());
    }

    void devicesCanBeReplaced()
    {
        ClientsFileCheck check = makeCheck();
        const QString text = line(1, QStringLiteral("10.42.42.7")) + u'\n';
        QVERIFY(!check.check(text).ok());
        check.setDevices({});
        QVERIFY(check.check(text).ok());
    }
};

QTEST_GUILESS_MAIN(TestClientsFileCheck)
#include "tst_clientsfilecheck.moc"
