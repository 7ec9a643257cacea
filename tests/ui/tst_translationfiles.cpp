// The .ts files in translations/ against the sources: every message is
// translated, keeps its placeholders, and the set of messages is exactly what
// lupdate finds in the sources today (nothing new left untranslated, nothing
// gone still carried). lupdate runs on a copy in a temporary folder; the
// source tree is never written.
#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <QtTest>

namespace {

struct Message
{
    QString context;
    QString source;
    QString type; // "", "unfinished", "vanished", "obsolete"
    bool numerus = false;
    QStringList forms; // the translation, or its plural forms
};

QString describe(const Message &message)
{
    return QStringLiteral("[%1] \"%2\"").arg(message.context, message.source);
}

// Reads the messages of a .ts file; an empty list with `error` set when it is
// not a readable Linguist file.
QList<Message> readMessages(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot open %1").arg(path);
        return {};
    }
    QList<Message> messages;
    QXmlStreamReader xml(&file);
    QString context;
    std::optional<Message> current;
    bool inTranslation = false;
    while (!xml.atEnd()) {
        const QXmlStreamReader::TokenType token = xml.readNext();
        if (token == QXmlStreamReader::StartElement) {
            const QStringView name = xml.name();
            if (name == u"name" && !current) {
                context = xml.readElementText();
            } else if (name == u"message") {
                current = Message {};
                current->context = context;
                current->numerus = xml.attributes().value(QStringLiteral("numerus")) == u"yes";
            } else if (current && name == u"source") {
                current->source = xml.readElementText();
            } else if (current && name == u"translation") {
                current->type = xml.attributes().value(QStringLiteral("type")).toString();
                if (current->numerus)
                    inTranslation = true;
                else
                    current->forms = { xml.readElementText() };
            } else if (current && inTranslation && name == u"numerusform") {
                current->forms.append(xml.readElementText());
            }
        } else if (token == QXmlStreamReader::EndElement) {
            if (xml.name() == u"translation")
                inTranslation = false;
            else if (xml.name() == u"message" && current) {
                messages.append(*current);
                current.reset();
            }
        }
    }
    if (xml.hasError()) {
        *error = QStringLiteral("%1: %2 at line %3").arg(path, xml.errorString()).arg(xml.lineNumber());
        return {};
    }
    return messages;
}

// The placeholders a text uses (%1…%99, %n, %Ln), sorted, duplicates kept once.
QStringList placeholdersOf(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("%(L?n|\\d{1,2})"));
    QStringList found;
    for (const QRegularExpressionMatch &match : pattern.globalMatch(text))
        found.append(match.captured());
    found.sort();
    found.removeDuplicates();
    return found;
}

QStringList split(const char *joined)
{
    return QString::fromUtf8(joined).split(u'|', Qt::SkipEmptyParts);
}

} // namespace

class TestTranslationFiles : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void complete_data()
    {
        QTest::addColumn<QString>("ts");
        QTest::addColumn<bool>("pluralOnly"); // the source language's plural forms (lupdate -pluralonly)
        for (const QString &ts : split(FVPN_TS_FILES))
            QTest::newRow(qPrintable(QFileInfo(ts).fileName())) << ts << false;
        const QString plurals = QStringLiteral(FVPN_PLURALS_TS_FILE);
        QTest::newRow(qPrintable(QFileInfo(plurals).fileName())) << plurals << true;
    }

    // Every message has a translation in every plural form, and the
    // translation says the same %1, %2, %n as its source.
    void complete()
    {
        QFETCH(QString, ts);
        QFETCH(bool, pluralOnly);
        QString error;
        const QList<Message> messages = readMessages(ts, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(!messages.isEmpty());
        QStringList problems;
        for (const Message &message : messages) {
            // English has two forms: "1 device", "3 devices"; nothing else belongs in its file.
            if (pluralOnly && (!message.numerus || message.forms.size() != 2))
                problems << QStringLiteral("%1 is not a plural text with its two English forms")
                                .arg(describe(message));
            if (!message.type.isEmpty()) {
                problems << QStringLiteral("%1 is %2").arg(describe(message), message.type);
                continue;
            }
            if (message.forms.isEmpty() || message.forms.contains(QString())) {
                problems << QStringLiteral("%1 has an empty translation").arg(describe(message));
                continue;
            }
            for (const QString &form : message.forms) {
                if (placeholdersOf(form) != placeholdersOf(message.source))
                    problems << QStringLiteral("%1: \"%2\" has the placeholders %3, the source %4")
                                    .arg(describe(message), form, placeholdersOf(form).join(u' '),
                                         placeholdersOf(message.source).join(u' '));
            }
        }
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    }

    void matchesSources_data() { complete_data(); }

    // lupdate over the same folders as the update_translations target, into a
    // copy: a message the sources have and the .ts lacks comes back
    // "unfinished", one the .ts has and the sources lost comes back "vanished"
    // (or "obsolete").
    void matchesSources()
    {
        QFETCH(QString, ts);
        QFETCH(bool, pluralOnly);
        QTemporaryDir scratch;
        QVERIFY(scratch.isValid());
        const QString copy = scratch.filePath(QFileInfo(ts).fileName());
        QVERIFY(QFile::copy(ts, copy));
        QVERIFY(QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner));

        QStringList arguments = split(FVPN_TRANSLATED_DIRS);
        arguments << QStringLiteral("-extensions") << QStringLiteral("cpp,h") << QStringLiteral("-locations")
                  << QStringLiteral("none");
        if (pluralOnly)
            arguments << QStringLiteral("-pluralonly");
        arguments << QStringLiteral("-ts") << copy;
        QProcess lupdate;
        lupdate.setProcessChannelMode(QProcess::MergedChannels);
        lupdate.start(QStringLiteral(FVPN_LUPDATE), arguments);
        QVERIFY2(lupdate.waitForFinished(120000), qPrintable(lupdate.errorString()));
        const QString output = QString::fromLocal8Bit(lupdate.readAll());
        QVERIFY2(lupdate.exitStatus() == QProcess::NormalExit && lupdate.exitCode() == 0, qPrintable(output));

        QString error;
        const QList<Message> before = readMessages(ts, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const QList<Message> after = readMessages(copy, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));

        QStringList added;
        QStringList gone;
        for (const Message &message : after) {
            if (message.type == u"unfinished")
                added << describe(message);
            else if (message.type == u"vanished" || message.type == u"obsolete")
                gone << describe(message);
        }
        QVERIFY2(
            added.isEmpty() && gone.isEmpty(),
            qPrintable(QStringLiteral("%1 is out of date; run `cmake --build build --target "
                                      "update_translations`, then translate.\nNew in the sources:\n  %2\n"
                                      "No longer in the sources:\n  %3\n(lupdate: %4)")
                           .arg(QFileInfo(ts).fileName(), added.join(QStringLiteral("\n  ")),
                                gone.join(QStringLiteral("\n  ")), output.simplified())));
        QCOMPARE(after.size(), before.size());
    }

    // The check above can fail: a message lupdate does not find in the sources
    // comes back as vanished, and one it finds but the file lacks as unfinished.
    void detectsStaleFile()
    {
        QTemporaryDir scratch;
        const QString ts = scratch.filePath(QStringLiteral("probe_de.ts"));
        QFile file(ts);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<!DOCTYPE TS>\n"
                   "<TS version=\"2.1\" language=\"de_DE\">\n<context>\n    <name>fvpn::EngineerView</name>\n"
                   "    <message>\n        <source>A text no source has</source>\n"
                   "        <translation>Ein Text, den keine Quelle hat</translation>\n    </message>\n"
                   "</context>\n</TS>\n");
        file.close();
        QStringList arguments = split(FVPN_TRANSLATED_DIRS);
        arguments << QStringLiteral("-extensions") << QStringLiteral("cpp,h") << QStringLiteral("-locations")
                  << QStringLiteral("none") << QStringLiteral("-ts") << ts;
        QProcess lupdate;
        lupdate.start(QStringLiteral(FVPN_LUPDATE), arguments);
        QVERIFY(lupdate.waitForFinished(120000));
        QCOMPARE(lupdate.exitCode(), 0);
        QString error;
        const QList<Message> after = readMessages(ts, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        bool vanished = false;
        bool unfinished = false;
        for (const Message &message : after) {
            if (message.source == u"A text no source has")
                vanished = message.type == u"vanished" || message.type == u"obsolete";
            // Every text the sources have is new to the probe.
            if (message.type == u"unfinished")
                unfinished = true;
        }
        QVERIFY(vanished);
        QVERIFY(unfinished);
    }

    void placeholders_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("none") << QStringLiteral("100% sure") << QStringList {};
        QTest::newRow("numbered") << QStringLiteral("%2 of %1, %1 again")
                                  << QStringList { QStringLiteral("%1"), QStringLiteral("%2") };
        QTest::newRow("plural") << QStringLiteral("vor %n Tagen") << QStringList { QStringLiteral("%n") };
        QTest::newRow("localized plural")
            << QStringLiteral("%Ln items") << QStringList { QStringLiteral("%Ln") };
    }

    void placeholders()
    {
        QFETCH(QString, text);
        QFETCH(QStringList, expected);
        QCOMPARE(placeholdersOf(text), expected);
    }
};

QTEST_APPLESS_MAIN(TestTranslationFiles)
#include "tst_translationfiles.moc"
