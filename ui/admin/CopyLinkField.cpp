#include "CopyLinkField.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>

namespace fvpn {

CopyLinkField::CopyLinkField(QWidget *parent)
    : QWidget(parent)
    , m_edit(new QLineEdit(this))
    , m_copy(new QPushButton(tr("Copy link"), this))
{
    m_edit->setReadOnly(true);
    m_copy->setEnabled(false);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_edit, 1);
    layout->addWidget(m_copy);
    connect(m_copy, &QPushButton::clicked, this, [this] {
        QGuiApplication::clipboard()->setText(m_edit->text());
        Q_EMIT copied();
    });
}

void CopyLinkField::setText(const QString &text)
{
    m_edit->setText(text);
    // The start of a link says the most (the hub's address), so show that.
    m_edit->setCursorPosition(0);
    m_copy->setEnabled(!text.isEmpty());
}

QString CopyLinkField::text() const
{
    return m_edit->text();
}

void CopyLinkField::setPlaceholderText(const QString &text)
{
    m_edit->setPlaceholderText(text);
}

} // namespace fvpn
