#pragma once

#include <QWidget>

class QLineEdit;
class QPushButton;

namespace fvpn {

// A link the admin hands on: read-only, selectable, with a button that puts it
// on the clipboard (the usual way it travels on, by mail or chat).
class CopyLinkField : public QWidget
{
    Q_OBJECT

public:
    explicit CopyLinkField(QWidget *parent = nullptr);

    void setText(const QString &text);
    QString text() const;
    void setPlaceholderText(const QString &text);

    QLineEdit *lineEdit() const { return m_edit; }
    QPushButton *copyButton() const { return m_copy; }

Q_SIGNALS:
    void copied();

private:
    QLineEdit *m_edit;
    QPushButton *m_copy;
};

} // namespace fvpn
