#pragma once

#include <QLocale>
#include <QString>
#include <QStringList>

#include <optional>

class QCoreApplication;

namespace fvpn {

// The app's own translations are embedded (":/i18n/factory-vpn_<lang>.qm", see
// ui/CMakeLists.txt), so nothing has to be installed next to the binary. Qt's
// own (the standard buttons of a message box) come from the system when the
// distribution ships them.
class Translations
{
public:
    // Where a language can be forced for testing or by preference: "--lang de"
    // (or "--lang=de") on the command line, else FACTORY_VPN_LANG, else the
    // "language" setting. Empty means the system's language.
    static QString requestedLanguage(const QStringList &arguments, const QString &environment,
                                     const QString &setting);

    // Installs the translators for `language` ("de", "de_DE"; empty: the
    // system's locale) on the application and makes an explicit language the
    // default locale. Returns the language of the translation loaded, or
    // std::nullopt when the app stays English (the source language, or no
    // translation for it; Qt's own texts then stay English too).
    static std::optional<QLocale> install(QCoreApplication *app, const QString &language = {});

    // The languages with an embedded translation ("de", …).
    static QStringList available();
};

} // namespace fvpn
