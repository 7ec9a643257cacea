#pragma once

#include <QMessageBox>
#include <QString>

#include <optional>

namespace fvpn {

// The app's questions and warnings, for the engineer side and the admin view.
// Tests queue the answer a person would give (setNextAnswer), so flows that ask
// for consent — exporting the private key, trusting a certificate, revoking a
// peer — run headless without a dialog ever blocking.
class MessageBox
{
public:
    using Button = QMessageBox::StandardButton;
    using Buttons = QMessageBox::StandardButtons;

    static Button question(QWidget *parent, const QString &title, const QString &text, Buttons buttons,
                           Button defaultButton, const QString &details = {});
    static void warning(QWidget *parent, const QString &title, const QString &text);
    // A yes/cancel question whose yes button says what will happen ("Revoke");
    // Cancel is the default. True when the person chose `yesText`. A queued
    // answer counts as yes when it is QMessageBox::Yes.
    static bool confirm(QWidget *parent, const QString &title, const QString &text, const QString &yesText);

    // The next question (or warning) returns `answer` at once instead of showing.
    static void setNextAnswer(Button answer);
    static bool hasPendingAnswer() { return s_nextAnswer.has_value(); }
    static void setNextAnswer(bool yes) { setNextAnswer(yes ? QMessageBox::Yes : QMessageBox::Cancel); }
    // What the last question asked, and how many were asked, for tests.
    static const QString &lastText() { return s_lastText; }
    static int askedCount() { return s_asked; }

private:
    static std::optional<Button> s_nextAnswer;
    static QString s_lastText;
    static int s_asked;

    // The queued answer, if any, consumed; records what was asked.
    static std::optional<Button> takeAnswer(const QString &text);
};

} // namespace fvpn
