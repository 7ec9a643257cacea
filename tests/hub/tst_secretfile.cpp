#include "HubSecrets.h"
#include "SecretFile.h"

#include <QtTest>

#include <sys/stat.h>

using namespace fvpn;
using namespace Qt::StringLiterals;

class TestSecretFile : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString write(const QString &name, const QByteArray &text, mode_t mode)
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(text) != text.size())
            qFatal("cannot write %s", qPrintable(path));
        file.close();
        ::chmod(QFile::encodeName(path).constData(), mode);
        return path;
    }

private Q_SLOTS:
    void cleanup() { qunsetenv("CREDENTIALS_DIRECTORY"); }

    void readsAPrivateFileTrimmed()
    {
        const QString path = write(u"token"_s, "  tok-123\n", 0600);
        const auto read = SecretFile::read(path, u"API token file"_s);
        QVERIFY(read.ok());
        QCOMPARE(*read, QByteArray("tok-123"));
        QVERIFY(SecretFile::read(write(u"ro"_s, "tok\n", 0400), u"x"_s).ok());
    }

    void refusesWhatOthersCanSee_data()
    {
        QTest::addColumn<int>("mode");
        QTest::newRow("group readable") << 0640;
        QTest::newRow("world readable") << 0604;
        QTest::newRow("group writable") << 0620;
        QTest::newRow("0644, as upstream wrote it") << 0644;
    }

    void refusesWhatOthersCanSee()
    {
        QFETCH(int, mode);
        const QString path = write(u"open"_s, "tok-secret\n", mode_t(mode));
        const auto read = SecretFile::read(path, u"API token file"_s);
        QVERIFY(!read.ok());
        QCOMPARE(read.error().code, ErrorCode::PermissionDenied);
        const QString &message = read.error().message;
        QVERIFY2(message.contains(u"API token file"_s) && message.contains(path)
                     && message.contains(u"chmod 600 %1"_s.arg(path))
                     && message.contains(QString::number(mode, 8)),
                 qPrintable(message));
        QVERIFY(!message.contains(u"tok-secret"_s));
    }

    void refusesSymlinksFoldersAndEmptyFiles()
    {
        const QString target = write(u"target"_s, "tok\n", 0600);
        const QString link = m_dir.filePath(u"link"_s);
        QVERIFY(QFile::link(target, link));
        QVERIFY(!SecretFile::read(link, u"x"_s).ok());
        QVERIFY(!SecretFile::read(m_dir.path(), u"x"_s).ok());
        QVERIFY(!SecretFile::read(write(u"empty"_s, " \n", 0600), u"x"_s).ok());
        const auto missing = SecretFile::read(m_dir.filePath(u"none"_s), u"x"_s);
        QVERIFY(!missing.ok());
        QCOMPARE(missing.error().code, ErrorCode::NotFound);
    }

    void bareNameIsASystemdCredential()
    {
        QVERIFY(!SecretFile::resolve(u"apitoken"_s).ok());
        QVERIFY2(SecretFile::resolve(u"apitoken"_s).error().message.contains(u"LoadCredential=apitoken:"_s),
                 qPrintable(SecretFile::resolve(u"apitoken"_s).error().message));
        QDir(m_dir.path()).mkdir(u"creds"_s);
        const QString credentials = m_dir.filePath(u"creds"_s);
        qputenv("CREDENTIALS_DIRECTORY", QFile::encodeName(credentials));
        QCOMPARE(*SecretFile::resolve(u"apitoken"_s), credentials + u"/apitoken"_s);
        QCOMPARE(*SecretFile::resolve(u"./apitoken"_s), u"./apitoken"_s); // a path stays a path
        write(u"creds/apitoken"_s, "from-systemd\n", 0400);
        HubOptions options;
        options.apiTokenFile = u"apitoken"_s;
        QVERIFY(HubSecrets::load(options).ok());
        QCOMPARE(options.apiToken, u"from-systemd"_s);
    }

    void hubSecretsChecksTheOauthFile()
    {
        HubOptions options;
        options.oauthCredsFile = write(u"oauth.json"_s, "{}", 0644);
        const Result<void> open = HubSecrets::load(options);
        QVERIFY(!open.ok());
        QVERIFY2(open.error().message.startsWith(u"OAuth credentials file: "_s),
                 qPrintable(open.error().message));
        ::chmod(QFile::encodeName(options.oauthCredsFile).constData(), 0600);
        QVERIFY(HubSecrets::load(options).ok());
        QVERIFY(options.apiToken.isEmpty());
    }

    void hubSecretsWantsOneLine()
    {
        HubOptions options;
        options.apiTokenFile = write(u"two"_s, "a\nb\n", 0600);
        QVERIFY(!HubSecrets::load(options).ok());
    }
};

QTEST_GUILESS_MAIN(TestSecretFile)
#include "tst_secretfile.moc"
