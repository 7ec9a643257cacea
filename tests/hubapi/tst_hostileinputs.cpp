// The hostile-input tables against the in-process API: each row a clear 4xx
// (or the exact status a raw byte stream earns), and nothing changed — clients
// file, requests, audit trail, settings.
#include "ApiTestFixture.h"
#include "HostileInputs.h"

#include <QFile>
#include <QtTest>

using namespace fvpn;

class TestHostileInputs : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void table_data()
    {
        QTest::addColumn<int>("index");
        const QList<HostileCase> cases = hostileCases();
        QVERIFY(cases.size() >= 30);
        for (int i = 0; i < cases.size(); ++i)
            QTest::newRow(cases[i].name) << i;
    }
    void table()
    {
        QFETCH(int, index);
        HubApiConfig config;
        config.registrationBurst = 1000;
        ApiTestFixture f(config);
        QVERIFY(f.ok());
        const Sender send = [&f](bool admin, const QByteArray &method, const QString &path,
                                 const QByteArray &body, const HeaderList &headers) {
            return f.send(method, admin ? f.adminUrl(path) : f.publicUrl(path), body, headers);
        };
        HostileSetup setup;
        QVERIFY(prepareHostileSetup(send, f.token(), &setup));
        const QByteArray fileBefore = f.clientsFileOnDisk();
        const int requestsBefore = f.requestCount();
        const int auditBefore = f.auditCount();

        const HostileCase c = instantiate(hostileCases().at(index), setup, f.token());
        const HttpReply reply = send(c.admin, c.method, c.path, c.body, c.headers);
        QVERIFY2(reply.status == c.status,
                 qPrintable(QStringLiteral("expected %1, got %2: %3")
                                .arg(c.status)
                                .arg(reply.status)
                                .arg(QString::fromUtf8(reply.body))));
        QVERIFY(reply.status >= 400 && reply.status < 500);
        // A clear answer: JSON with a code and a message a person can read.
        QVERIFY2(!reply.errorCode().isEmpty(), reply.body.constData());
        QVERIFY(reply.errorMessage().size() > 10);
        if (c.mentions)
            QVERIFY2(reply.body.contains(c.mentions), reply.body.constData());
        QVERIFY(!reply.errorMessage().contains(u'\n'));

        QCOMPARE(f.clientsFileOnDisk(), fileBefore);
        QCOMPARE(f.requestCount(), requestsBefore);
        QCOMPARE(f.auditCount(), auditBefore);
        QVERIFY(!QFile::exists(f.backend().settingsPath()));
        QCOMPARE(f.api().requests().find(setup.pendingId)->status, RequestStatus::Pending);
    }

    void wire_data()
    {
        QTest::addColumn<int>("index");
        const QList<WireCase> cases = wireCases();
        for (int i = 0; i < cases.size(); ++i)
            QTest::newRow(cases[i].name) << i;
    }
    void wire()
    {
        QFETCH(int, index);
        HubApiConfig config;
        config.registrationBurst = 1000;
        ApiTestFixture f(config);
        QVERIFY(f.ok());
        const Sender send = [&f](bool admin, const QByteArray &method, const QString &path,
                                 const QByteArray &body, const HeaderList &headers) {
            return f.send(method, admin ? f.adminUrl(path) : f.publicUrl(path), body, headers);
        };
        HostileSetup setup;
        QVERIFY(prepareHostileSetup(send, f.token(), &setup));
        const QByteArray fileBefore = f.clientsFileOnDisk();
        const int requestsBefore = f.requestCount();
        const int auditBefore = f.auditCount();

        const WireCase c = instantiate(wireCases().at(index), setup, f.token());
        const QList<RawResponse> answers
            = sendRaw(c.admin ? f.adminPort() : f.publicPort(), false, c.stream, int(c.statuses.size()));
        QList<int> statuses;
        for (const RawResponse &r : answers)
            statuses.append(r.status);
        QCOMPARE(statuses, c.statuses);
        const RawResponse &last = answers.last();
        if (last.status >= 400) {
            QCOMPARE(last.header("connection"),
                     c.statuses.last() == 401 ? QByteArray() : QByteArray("close"));
            QVERIFY2(!last.errorCode().isEmpty(), last.body.constData());
        }

        QCOMPARE(f.clientsFileOnDisk(), fileBefore);
        QCOMPARE(f.requestCount(), requestsBefore);
        QCOMPARE(f.auditCount(), auditBefore);
        QVERIFY(!QFile::exists(f.backend().settingsPath()));
        QCOMPARE(f.api().requests().find(setup.pendingId)->status, RequestStatus::Pending);
        auto smuggled = f.api().registrations().stateOfKey(PublicKey::fromBase64(setup.freshKey).value());
        QVERIFY2(!smuggled, "a smuggled registration was created");
    }
};

QTEST_GUILESS_MAIN(TestHostileInputs)
#include "tst_hostileinputs.moc"
