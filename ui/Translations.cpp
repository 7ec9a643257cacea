#include "Translations.h"

#include <QCoreApplication>
#include <QDir>
#include <QLibraryInfo>
#include <QTranslator>

namespace fvpn {

namespace {

QString resourceDir()
{
    return QStringLiteral(":/i18n");
}

QString prefix()
{
    return QStringLiteral("factory-vpn");
}

} // namespace

QString Translations::requestedLanguage(const QStringList &arguments, const QString &environment,
                                        const QString &setting)
{
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString &argument = arguments.at(i);
        if (argument == u"--lang" && i + 1 < arguments.size())
            return arguments.at(i + 1);
        if (argument.startsWith(u"--lang="))
            return argument.mid(7);
    }
    if (!environment.isEmpty())
        return environment;
    return setting;
}

std::optional<QLocale> Translations::install(QCoreApplication *app, const QString &language)
{
    // The source language's plural forms ("1 device", "3 devices"), under every
    // language: installed first, so it is asked last, after any real translation.
    auto *plurals = new QTranslator(app);
    if (plurals->load(prefix() + QStringLiteral("_en"), resourceDir()))
        QCoreApplication::installTranslator(plurals);
    else
        delete plurals;

    const QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
    auto *own = new QTranslator(app);
    // English is the source language; its file holds only the plural forms above.
    if (!own->load(locale, prefix(), QStringLiteral("_"), resourceDir())
        || QLocale(own->language()).language() == QLocale::English) {
        // English throughout rather than English texts on translated standard buttons.
        delete own;
        return std::nullopt;
    }
    // Dates and numbers follow the chosen language too, not only the words.
    if (!language.isEmpty())
        QLocale::setDefault(locale);
    // Qt's own first: the translator installed last is asked first, so the app's
    // wins where both know a text.
    auto *qt = new QTranslator(app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    else
        delete qt;
    QCoreApplication::installTranslator(own);
    return QLocale(own->language());
}

QStringList Translations::available()
{
    QStringList languages;
    const QStringList files
        = QDir(resourceDir()).entryList({ prefix() + QStringLiteral("_*.qm") }, QDir::Files);
    for (const QString &file : files) {
        const QString language = file.mid(prefix().size() + 1).chopped(3);
        if (language != u"en") // the source language's plural forms, not a translation
            languages.append(language);
    }
    return languages;
}

} // namespace fvpn
