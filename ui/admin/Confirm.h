#pragma once

#include <QString>

#include <optional>

class QWidget;

namespace fvpn {

// Questions that need a yes from the admin before something changes on the hub
// (revoke, device-to-device). Tests cannot click a modal dialog, so they queue
// the answer beforehand with setNextAnswer() and read what was asked with
// lastQuestion(); no dialog is shown then.
class Confirm
{
public:
    // True when the admin chose `yesText`. The default button is "Cancel".
    static bool ask(QWidget *parent, const QString &title, const QString &question, const QString &yesText);

    static void setNextAnswer(bool yes);
    static QString lastQuestion();
    static int askedCount();

private:
    static std::optional<bool> s_nextAnswer;
    static QString s_lastQuestion;
    static int s_asked;
};

} // namespace fvpn
