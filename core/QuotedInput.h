#pragma once

#include <QString>
#include <QStringView>

namespace fvpn {

// Puts user input into an error message so that whatever it holds (a newline, a tab,
// a page of pasted text) cannot break the message or the log line it ends up in.
inline QString quotedInput(QStringView text)
{
    constexpr qsizetype maxShown = 60;
    QString out;
    out.reserve(qMin(text.size(), maxShown) + 8);
    out += QLatin1Char('\'');
    qsizetype shown = 0;
    for (const QChar c : text) {
        if (shown == maxShown) {
            out += QChar(0x2026); // …
            break;
        }
        ++shown;
        if (c == u'\n')
            out += QStringLiteral("\\n");
        else if (c == u'\r')
            out += QStringLiteral("\\r");
        else if (c == u'\t')
            out += QStringLiteral("\\t");
        else if (c.category() == QChar::Other_Control || c.category() == QChar::Other_Format
                 || c.category() == QChar::Separator_Line || c.category() == QChar::Separator_Paragraph)
            out += QStringLiteral("\\u{%1}").arg(c.unicode(), 4, 16, QLatin1Char('0'));
        else
            out += c;
    }
    out += QLatin1Char('\'');
    return out;
}

} // namespace fvpn
