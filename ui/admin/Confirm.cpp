#include "Confirm.h"

#include <QMessageBox>
#include <QPushButton>

namespace fvpn {

std::optional<bool> Confirm::s_nextAnswer;
QString Confirm::s_lastQuestion;
int Confirm::s_asked = 0;

bool Confirm::ask(QWidget *parent, const QString &title, const QString &question, const QString &yesText)
{
    ++s_asked;
    s_lastQuestion = question;
    if (s_nextAnswer) {
        const bool answer = *s_nextAnswer;
        s_nextAnswer.reset();
        return answer;
    }
    QMessageBox box(QMessageBox::Question, title, question, QMessageBox::NoButton, parent);
    QPushButton *yes = box.addButton(yesText, QMessageBox::AcceptRole);
    QPushButton *cancel = box.addButton(QMessageBox::Cancel);
    box.setDefaultButton(cancel);
    box.exec();
    return box.clickedButton() == yes;
}

void Confirm::setNextAnswer(bool yes)
{
    s_nextAnswer = yes;
}

QString Confirm::lastQuestion()
{
    return s_lastQuestion;
}

int Confirm::askedCount()
{
    return s_asked;
}

} // namespace fvpn
