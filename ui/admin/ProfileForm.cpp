#include "ProfileForm.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace fvpn {

ProfileForm::ProfileForm(QWidget *parent)
    : QWidget(parent)
    , m_name(new QLineEdit(this))
    , m_url(new QLineEdit(this))
    , m_token(new QLineEdit(this))
    , m_pin(new QLineEdit(this))
    , m_problem(new QLabel(this))
    , m_save(new QPushButton(tr("Save and connect"), this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
{
    auto *title = new QLabel(tr("Connect to a hub's admin API"), this);
    title->setObjectName(QStringLiteral("profileTitle"));
    QFont big = title->font();
    big.setBold(true);
    big.setPointSizeF(big.pointSizeF() * 1.2);
    title->setFont(big);
    auto *hint
        = new QLabel(tr("The hub's admin API listens on its VPN address, port 8444 (plain HTTP inside the "
                        "tunnel), so connect to the VPN first. Get a token on the hub with "
                        "'factory-vpn-hub token create --name <you>'. The token is kept in this computer's "
                        "keychain, never in a file. A certificate pin is only needed for an https:// URL "
                        "with a certificate of the hub's own."),
                     this);
    hint->setWordWrap(true);
    m_name->setPlaceholderText(tr("Plant 2 hub"));
    m_url->setPlaceholderText(tr("http://10.42.42.1:8444"));
    m_token->setEchoMode(QLineEdit::Password);
    m_token->setPlaceholderText(tr("admin token"));
    m_pin->setPlaceholderText(tr("optional: SHA-256 fingerprint of the hub's certificate"));
    m_problem->setStyleSheet(QStringLiteral("color: #a41e16;"));
    m_problem->setWordWrap(true);
    m_problem->hide();
    m_save->setDefault(true);

    auto *form = new QFormLayout;
    form->addRow(tr("Name:"), m_name);
    form->addRow(tr("Admin URL:"), m_url);
    form->addRow(tr("Token:"), m_token);
    form->addRow(tr("Certificate pin:"), m_pin);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_save);
    // A form reads best at a limited width, left-aligned in a wide window.
    auto *column = new QWidget(this);
    column->setMaximumWidth(720);
    auto *outer = new QHBoxLayout(this);
    outer->addWidget(column, 3);
    outer->addStretch(1);
    auto *layout = new QVBoxLayout(column);
    layout->addWidget(title);
    layout->addWidget(hint);
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addLayout(buttons);
    layout->addStretch(1);

    connect(m_save, &QPushButton::clicked, this, &ProfileForm::submit);
    connect(m_cancel, &QPushButton::clicked, this, &ProfileForm::cancelled);
    for (QLineEdit *edit : { m_name, m_url, m_token, m_pin })
        connect(edit, &QLineEdit::returnPressed, this, &ProfileForm::submit);
}

void ProfileForm::edit(const AdminProfile &profile)
{
    m_id = profile.id;
    m_name->setText(profile.name);
    m_url->setText(profile.adminUrl.toString());
    m_token->clear();
    m_token->setPlaceholderText(tr("leave empty to keep the stored token"));
    m_pin->setText(profile.pin);
    m_problem->hide();
}

void ProfileForm::clear()
{
    edit({});
    m_token->setPlaceholderText(tr("admin token"));
}

void ProfileForm::setCancelVisible(bool visible)
{
    m_cancel->setVisible(visible);
}

void ProfileForm::showProblem(const QString &text)
{
    m_problem->setText(text);
    m_problem->setVisible(!text.isEmpty());
}

void ProfileForm::submit()
{
    Result<AdminProfile> profile = AdminProfile::make(m_id, m_name->text(), m_url->text(), m_pin->text());
    if (!profile) {
        showProblem(profile.error().message);
        return;
    }
    QString token;
    if (!m_token->text().isEmpty() || m_id.isEmpty()) {
        Result<QString> checked = AdminProfile::checkToken(m_token->text());
        if (!checked) {
            showProblem(checked.error().message);
            return;
        }
        token = *checked;
    }
    showProblem({});
    Q_EMIT accepted(*profile, token);
}

} // namespace fvpn
