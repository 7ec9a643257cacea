#include "MessageBox.h"

#include <QPushButton>

#include <utility>

namespace fvpn {

std::optional<MessageBox::Button> MessageBox::s_nextAnswer;
QString MessageBox::s_lastText;
int MessageBox::s_asked = 0;

void MessageBox::setNextAnswer(Button answer)
{
    s_nextAnswer = answer;
}

std::optional<MessageBox::Button> MessageBox::takeAnswer(const QString &text)
{
    ++s_asked;
    s_lastText = text;
    return std::exchange(s_nextAnswer, std::nullopt);
}

MessageBox::Button MessageBox::question(QWidget *parent, const QString &title, const QString &text,
                                        Buttons buttons, Button defaultButton, const QString &details)
{
    if (const auto answer = takeAnswer(text))
        return *answer;
    QMessageBox box(QMessageBox::Question, title, text, buttons, parent);
    box.setDefaultButton(defaultButton);
    if (!details.isEmpty())
        box.setInformativeText(details);
    return Button(box.exec());
}

bool MessageBox::confirm(QWidget *parent, const QString &title, const QString &text, const QString &yesText)
{
    if (const auto answer = takeAnswer(text))
        return *answer == QMessageBox::Yes;
    QMessageBox box(QMessageBox::Question, title, text, QMessageBox::NoButton, parent);
    QPushButton *yes = box.addButton(yesText, QMessageBox::AcceptRole);
    QPushButton *cancel = box.addButton(QMessageBox::Cancel);
    box.setDefaultButton(cancel);
    box.exec();
    return box.clickedButton() == yes;
}

void MessageBox::warning(QWidget *parent, const QString &title, const QString &text)
{
    if (takeAnswer(text))
        return;
    QMessageBox::warning(parent, title, text);
}

} // namespace fvpn
