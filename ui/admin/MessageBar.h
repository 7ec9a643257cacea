#pragma once

#include "Result.h"

#include <QFrame>
#include <QTimer>

class QLabel;
class QToolButton;

namespace fvpn {

// One line above the tables for what went wrong or right, instead of a stream of
// modal dialogs. It shows one message at a time: a repeat of the same message
// (the hub still unreachable at the next refresh) counts up instead of stacking.
// Errors stay until closed or replaced; confirmations fade after a few seconds.
class MessageBar : public QFrame
{
    Q_OBJECT

public:
    enum class Kind
    {
        Info,
        Success,
        Warning,
        Error
    };
    Q_ENUM(Kind)

    explicit MessageBar(QWidget *parent = nullptr);

    void showMessage(Kind kind, const QString &text, const QString &details = {});
    void showError(const Error &error);
    void clearMessage();

    Kind kind() const { return m_kind; }
    QString text() const { return m_text; }
    int repeats() const { return m_repeats; }

private:
    void restyle();

    QLabel *m_icon;
    QLabel *m_label;
    QToolButton *m_close;
    QTimer m_fade;
    Kind m_kind = Kind::Info;
    QString m_text;
    QString m_details;
    int m_repeats = 0;
};

} // namespace fvpn
