// A crash at any moment loses no acknowledged approval: approvals are fired at the
// real factory-vpn-hub process, which is killed with SIGKILL right after some of
// them were answered. The clients file must still parse and hold every acknowledged
// approval, and the restarted hub must still report them approved at the same
// address and put them back on the interface.
#include "ClientsFile.h"
#include "HubProcess.h"
#include "TestKeys.h"

#include <QJsonDocument>
#include <QNetworkReply>
#include <QScopeGuard>
#include <QSet>
#include <QtTest>

#include <memory>

using namespace fvpn;

class TestHubCrash : public QObject
{
    Q_OBJECT

    struct Registration
    {
        PublicKey key;
        QString id;
        QString secret;
    };

    HeaderList auth(const HubProcess &hub) const
    {
        return { { "Authorization", "Bearer " + hub.token().toLatin1() },
                 { "Content-Type", "application/json" } };
    }

    QList<Registration> registerMany(HubProcess &hub, int count)
    {
        QList<Registration> result;
        for (int i = 0; i < count; ++i) {
            const PublicKey key = randomPublicKey();
            const QJsonObject body { { u"public_key"_qs, key.toBase64() },
                                     { u"name"_qs, u"Engineer %1"_qs.arg(i) },
                                     { u"hostname"_qs, u"laptop-%1"_qs.arg(i) },
                                     { u"os"_qs, u"Debian 12"_qs } };
            const HttpReply created
                = hub.send(false, "POST", u"/api/v1/registrations"_qs, QJsonDocument(body).toJson(),
                           { { "Content-Type", "application/json" } });
            if (created.status != 201)
                return {};
            result.append(
                { key, created.json().value(u"id").toString(), created.json().value(u"secret").toString() });
        }
        return result;
    }

private Q_SLOTS:
    void acknowledgedApprovalsSurviveAKill_data()
    {
        QTest::addColumn<int>("killAfter");
        QTest::newRow("after the first answer") << 1;
        QTest::newRow("after 7 answers") << 7;
        QTest::newRow("after 13 answers") << 13;
    }

    void acknowledgedApprovalsSurviveAKill()
    {
        QFETCH(int, killAfter);
        HubProcess hub;
        QVERIFY2(hub.start(), qPrintable(hub.log()));
        const QList<Registration> registrations = registerMany(hub, 20);
        QCOMPARE(registrations.size(), 20);

        // All approvals at once; the hub works through them while the kill lands.
        // The replies' handlers share their progress by pointer, and the replies
        // go with this function, whichever way it ends.
        struct Progress
        {
            QSet<int> acknowledged;
            bool killed = false;
            int finished = 0;
        };
        const auto progress = std::make_shared<Progress>();
        QList<QNetworkReply *> replies;
        const auto deleteReplies = qScopeGuard([&replies] { qDeleteAll(replies); });
        HubProcess *const hubProcess = &hub;
        for (int i = 0; i < registrations.size(); ++i) {
            QNetworkReply *reply = hub.startRequest(
                true, "POST", u"/api/v1/requests/"_qs + registrations[i].id + u"/approve"_qs, "{}",
                auth(hub));
            replies.append(reply);
            connect(reply, &QNetworkReply::finished, reply, [progress, hubProcess, killAfter, i, reply] {
                ++progress->finished;
                if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 200)
                    progress->acknowledged.insert(i);
                if (!progress->killed && progress->acknowledged.size() >= killAfter) {
                    progress->killed = true;
                    hubProcess->crash();
                }
            });
        }
        QTRY_VERIFY_WITH_TIMEOUT(progress->finished == registrations.size(), 60'000);
        QVERIFY(progress->killed);
        const QSet<int> acknowledged = progress->acknowledged;
        QVERIFY(acknowledged.size() >= killAfter);
        qInfo("killed after %d of %d approvals were answered", int(acknowledged.size()),
              int(registrations.size()));
        // Otherwise the kill hit an idle hub and this test would prove nothing.
        QVERIFY2(acknowledged.size() < registrations.size(), "the kill landed after every approval was done");

        // On disk: a whole, valid file with every acknowledged approval in it.
        const Result<ClientsFile> file = ClientsFile::parseUtf8(hub.clientsFileBytes());
        QVERIFY2(file.ok(), qPrintable(file.ok() ? QString() : file.error().toString()));
        for (int i : std::as_const(acknowledged))
            QVERIFY2(file->findByKey(registrations[i].key).has_value(),
                     qPrintable(u"acknowledged approval %1 is not in the clients file"_qs.arg(i)));

        // After a restart the hub agrees with the file, and the peers are back on the interface.
        QVERIFY2(hub.start(), qPrintable(hub.log()));
        for (int i : std::as_const(acknowledged)) {
            const HttpReply polled
                = hub.send(false, "GET", u"/api/v1/registrations/"_qs + registrations[i].id, {},
                           { { "Authorization", "Bearer " + registrations[i].secret.toLatin1() } });
            QCOMPARE(polled.json().value(u"status").toString(), u"approved"_qs);
            const QString address = polled.json().value(u"config").toObject().value(u"address").toString();
            QCOMPARE(address, file->findByKey(registrations[i].key)->address.toString());
            QVERIFY(
                hub.interfacePeers().contains(registrations[i].key.toBase64() + u' ' + address + u"/32"_qs));
        }
    }
};

QTEST_GUILESS_MAIN(TestHubCrash)
#include "tst_hubcrash.moc"
