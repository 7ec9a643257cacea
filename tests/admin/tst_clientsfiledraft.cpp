#include "AdminClient.h"
#include "ClientsFileDraft.h"
#include "FakeHub.h"

#include <QSignalSpy>
#include <QtTest>

using namespace fvpn;
using namespace fvpn::test;

namespace {

QString peer(int n, int host, const QString &name)
{
    return FakeHub::key(n).toBase64() + QStringLiteral(" 10.42.0.%1 ").arg(host) + name + u'\n';
}

} // namespace

class TestClientsFileDraft : public QObject
{
    Q_OBJECT

    std::unique_ptr<FakeHub> m_hub;
    std::unique_ptr<AdminClient> m_client;
    std::unique_ptr<ClientsFileDraft> m_draft;

    void loadDraft()
    {
        QSignalSpy state(m_draft.get(), &ClientsFileDraft::stateChanged);
        m_draft->load();
        QTRY_COMPARE(m_draft->state(), ClientsFileDraft::State::Ready);
    }

private Q_SLOTS:
    void init()
    {
        m_hub = std::make_unique<FakeHub>();
        QVERIFY(m_hub->listen());
        m_hub->setClientsFile(QStringLiteral("# engineers\n") + peer(1, 100, QStringLiteral("alice")));
        m_client = std::make_unique<AdminClient>();
        m_client->setHub(m_hub->url(), QString::fromLatin1(FakeHub::Token));
        m_draft = std::make_unique<ClientsFileDraft>(m_client.get());
    }

    void cleanup()
    {
        m_draft.reset();
        m_client.reset();
        m_hub.reset();
    }

    void loadsEditsAndSaves()
    {
        QSignalSpy replaced(m_draft.get(), &ClientsFileDraft::textReplaced);
        loadDraft();
        QCOMPARE(replaced.size(), 1);
        QCOMPARE(m_draft->text(), m_hub->clientsFile());
        QVERIFY(!m_draft->isModified());

        QSignalSpy modified(m_draft.get(), &ClientsFileDraft::modifiedChanged);
        const QString edited = m_draft->text() + peer(2, 101, QStringLiteral("bob"));
        m_draft->setText(edited);
        QVERIFY(m_draft->isModified());
        QCOMPARE(modified.size(), 1);

        QSignalSpy saved(m_draft.get(), &ClientsFileDraft::saved);
        const QString etagBefore = m_draft->etag();
        m_draft->save();
        QVERIFY(saved.wait(10000));
        QCOMPARE(m_hub->clientsFile(), edited);
        QCOMPARE(QString::fromLatin1(m_hub->lastIfMatch), etagBefore);
        QCOMPARE(m_draft->etag(), m_hub->etag());
        QVERIFY(!m_draft->isModified());
        QCOMPARE(modified.size(), 2);
    }

    void concurrentEditIsAConflictNotAnOverwrite()
    {
        loadDraft();
        const QString mine = m_draft->text() + peer(2, 101, QStringLiteral("bob"));
        m_draft->setText(mine);
        const QString theirs = m_hub->clientsFile() + peer(3, 102, QStringLiteral("carol"));
        m_hub->setClientsFile(theirs);

        QSignalSpy conflict(m_draft.get(), &ClientsFileDraft::conflictDetected);
        m_draft->save();
        QVERIFY(conflict.wait(10000));
        QCOMPARE(m_draft->state(), ClientsFileDraft::State::Conflict);
        QCOMPARE(m_hub->clientsFile(), theirs); // untouched
        QCOMPARE(m_draft->theirs().content, theirs);
        QCOMPARE(m_draft->text(), mine); // the edit is still there

        // Re-apply: both peers end up in the draft, based on their version.
        QVERIFY(m_draft->reapplyOnTheirs().ok());
        QCOMPARE(m_draft->state(), ClientsFileDraft::State::Ready);
        QCOMPARE(m_draft->baseText(), theirs);
        QCOMPARE(m_draft->text(), theirs + peer(2, 101, QStringLiteral("bob")));
        QCOMPARE(m_draft->etag(), m_hub->etag());

        QSignalSpy saved(m_draft.get(), &ClientsFileDraft::saved);
        m_draft->save();
        QVERIFY(saved.wait(10000));
        QCOMPARE(m_hub->clientsFile(), theirs + peer(2, 101, QStringLiteral("bob")));
    }

    void clashingEditsAreNotMerged()
    {
        loadDraft();
        const QString original = m_draft->text();
        m_draft->setText(QString(original).replace(QStringLiteral("alice"), QStringLiteral("alice-mine")));
        m_hub->setClientsFile(
            QString(original).replace(QStringLiteral("alice"), QStringLiteral("alice-theirs")));
        QSignalSpy conflict(m_draft.get(), &ClientsFileDraft::conflictDetected);
        m_draft->save();
        QVERIFY(conflict.wait(10000));
        const QString mine = m_draft->text();
        Result<void> merged = m_draft->reapplyOnTheirs();
        QVERIFY(!merged.ok());
        QCOMPARE(merged.error().code, ErrorCode::Conflict);
        QCOMPARE(merged.error().lineErrors.constFirst().line, 2);
        QCOMPARE(m_draft->state(), ClientsFileDraft::State::Conflict);
        QCOMPARE(m_draft->text(), mine);

        // Taking theirs drops the edit and leaves the hub's version in the editor.
        QSignalSpy replaced(m_draft.get(), &ClientsFileDraft::textReplaced);
        m_draft->takeTheirs();
        QCOMPARE(replaced.size(), 1);
        QCOMPARE(m_draft->text(), m_hub->clientsFile());
        QCOMPARE(m_draft->etag(), m_hub->etag());
        QVERIFY(!m_draft->isModified());
    }

    void refusedFileKeepsTheEdit()
    {
        loadDraft();
        m_draft->setText(m_draft->text() + QStringLiteral("garbage\n"));
        QSignalSpy failed(m_draft.get(), &ClientsFileDraft::failed);
        m_draft->save();
        QVERIFY(failed.wait(10000));
        const Error error = failed.constFirst().constFirst().value<Error>();
        QCOMPARE(error.lineErrors.constFirst().line, 3);
        QVERIFY(m_draft->isModified());
        QCOMPARE(m_draft->state(), ClientsFileDraft::State::Ready);
    }

    void crlfFilesStayCrlf()
    {
        const QString crlf = QStringLiteral("# engineers\r\n")
            + peer(1, 100, QStringLiteral("alice")).replace(QStringLiteral("\n"), QStringLiteral("\r\n"));
        m_hub->setClientsFile(crlf);
        loadDraft();
        QVERIFY(!m_draft->text().contains(u'\r'));
        m_draft->setText(m_draft->text() + peer(2, 101, QStringLiteral("bob")));
        QSignalSpy saved(m_draft.get(), &ClientsFileDraft::saved);
        m_draft->save();
        QVERIFY(saved.wait(10000));
        QCOMPARE(
            m_hub->clientsFile(),
            crlf + peer(2, 101, QStringLiteral("bob")).replace(QStringLiteral("\n"), QStringLiteral("\r\n")));
    }
};

QTEST_GUILESS_MAIN(TestClientsFileDraft)
#include "tst_clientsfiledraft.moc"
