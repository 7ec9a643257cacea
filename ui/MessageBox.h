#pragma once

#include <QMessageBox>
#include <QString>

#include <optional>

namespace fvpn {

// The app's questions and warnings. Tests queue the answer a person would give
// (setNextAnswer), so flows that ask for consent — exporting the private key,
// trusting a certificate — run headless without a dialog ever blocking.
class MessageBox
{
public:
    using Button = QMessageBox::StandardButton;
    using Buttons = QMessageBox::StandardButtons;

    static Button question(QWidget *parent, const QString &title, const QString &text, Buttons buttons,
                           Button defaultButton, const QString &details = {});
    static void warning(QWidget *parent, const QString &title, const QString &text);

    // The next question (or warning) returns `answer` at once instead of showing.
    static void setNextAnswer(Button answer);
    static bool hasPendingAnswer() { return s_nextAnswer.has_value(); }
    // What the last question asked, for tests to check the wording.
    static const QString &lastText() { return s_lastText; }

private:
    static std::optional<Button> s_nextAnswer;
    static QString s_lastText;
};

} // namespace fvpn
