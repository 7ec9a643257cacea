#include "EnrollPage.h"

#include "EngineerSession.h"
#include "JourneySteps.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalBlocker>
#include <QVBoxLayout>

namespace fvpn {

namespace {

QLabel *hintLabel(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setWordWrap(true);
    // Secondary text: smaller and grey, but not disabled-looking.
    QFont font = label->font();
    font.setPointSizeF(font.pointSizeF() * 0.92);
    label->setFont(font);
    label->setStyleSheet(QStringLiteral("color: #5a5a5a;"));
    return label;
}

} // namespace

EnrollPage::EnrollPage(EngineerSession *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_link(new QLineEdit(this))
    , m_name(new QLineEdit(this))
    , m_computer(new QLabel(this))
    , m_key(new QLabel(this))
    , m_keyHint(nullptr)
    , m_generate(new QPushButton(tr("&Generate key"), this))
    , m_register(new QPushButton(tr("&Register"), this))
    , m_connectWhenApproved(new QCheckBox(tr("Connect when approved"), this))
    , m_steps(new JourneySteps(session, this))
{
    m_link->setObjectName(QStringLiteral("link"));
    m_link->setPlaceholderText(tr("factory-vpn://enroll?… or hub.example.com:8443"));
    m_link->setClearButtonEnabled(true);
    m_name->setObjectName(QStringLiteral("name"));
    m_name->setPlaceholderText(tr("Your full name, as your administrator knows you"));
    m_computer->setObjectName(QStringLiteral("computer"));
    m_computer->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_computer->setWordWrap(true);
    m_key->setObjectName(QStringLiteral("key"));
    m_key->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_key->setWordWrap(true);
    m_generate->setObjectName(QStringLiteral("generate"));
    m_register->setObjectName(QStringLiteral("register"));
    m_register->setDefault(true);
    // Beside Register, where the engineer decides about the request.
    m_connectWhenApproved->setObjectName(QStringLiteral("connectWhenApproved"));
    m_connectWhenApproved->setChecked(m_session->profile().connectWhenApproved);
    // Said before the keychain asks, so its window is no surprise.
    m_keyHint = hintLabel(tr("Your private key is kept in this computer's keychain, never in a file. The "
                             "first time, your desktop may ask you to choose a password for a new "
                             "keyring, or to unlock it: that password protects your VPN key."),
                          this);
    m_keyHint->setObjectName(QStringLiteral("keyHint"));

    const SystemIdentity &identity = m_session->identity();
    m_name->setText(m_session->profile().displayName.isEmpty() ? identity.fullName
                                                               : m_session->profile().displayName);
    m_computer->setText(tr("%1 — %2").arg(identity.hostname, identity.os));
    if (m_session->profile().hubUrl.isValid())
        m_link->setText(m_session->profile().hubUrl.toString());

    auto *keyRow = new QHBoxLayout;
    keyRow->addWidget(m_key, 1);
    keyRow->addWidget(m_generate, 0, Qt::AlignTop);
    auto *keyBox = new QVBoxLayout;
    keyBox->setSpacing(4);
    keyBox->addLayout(keyRow);
    keyBox->addWidget(m_keyHint);

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(tr("Hub address or enrollment link:"), m_link);
    form->addRow(tr("Your name:"), m_name);
    form->addRow(tr("This computer:"), m_computer);
    form->addRow(tr("Your VPN key:"), keyBox);

    auto *note = hintLabel(tr("Register sends the hub your public key, your name and this computer's name "
                              "and operating system, as shown above, so an administrator can tell who is "
                              "asking."),
                           this);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(note, 1);
    buttons->addWidget(m_connectWhenApproved, 0, Qt::AlignBottom);
    buttons->addWidget(m_register, 0, Qt::AlignBottom);

    auto *stepsBox = new QGroupBox(tr("How you get on the VPN"), this);
    auto *stepsLayout = new QVBoxLayout(stepsBox);
    stepsLayout->addWidget(m_steps);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addLayout(buttons);
    layout->addSpacing(8);
    layout->addWidget(stepsBox);
    layout->addStretch(1);

    connect(m_generate, &QPushButton::clicked, this, &EnrollPage::generateRequested);
    connect(m_register, &QPushButton::clicked, this, &EnrollPage::registerRequested);
    connect(m_link, &QLineEdit::returnPressed, this, &EnrollPage::registerRequested);
    connect(m_connectWhenApproved, &QCheckBox::toggled, m_session, &EngineerSession::setConnectWhenApproved);
    connect(m_name, &QLineEdit::textChanged, this, &EnrollPage::refresh);
    connect(m_link, &QLineEdit::textChanged, this, &EnrollPage::refresh);
    refresh();
}

QString EnrollPage::linkText() const
{
    return m_link->text();
}

QString EnrollPage::nameText() const
{
    return m_name->text();
}

void EnrollPage::takeLink(const QString &link)
{
    m_link->setText(link);
    m_link->setFocus();
}

void EnrollPage::refresh()
{
    const ClientProfile &profile = m_session->profile();
    const bool busy = m_session->isBusy();
    const bool hasKey = !profile.publicKey.isNull();
    // The fingerprint fits any window; the whole key is one hover away.
    m_key->setText(
        hasKey
            ? tr("Key %1… made; its private half is in your keychain.").arg(profile.publicKey.fingerprint())
            : tr("No key yet."));
    m_key->setToolTip(hasKey ? tr("Your public key: %1").arg(profile.publicKey.toBase64()) : QString());
    m_keyHint->setVisible(!hasKey);
    m_generate->setText(hasKey ? tr("Ne&w key") : tr("&Generate key"));
    m_generate->setEnabled(!busy);
    m_register->setEnabled(!busy && hasKey && !m_name->text().trimmed().isEmpty()
                           && !m_link->text().trimmed().isEmpty());
    // Read-only rather than disabled: still readable and selectable while the hub is asked.
    m_link->setReadOnly(busy);
    m_name->setReadOnly(busy);
    {
        const QSignalBlocker quiet(m_connectWhenApproved);
        m_connectWhenApproved->setChecked(profile.connectWhenApproved);
    }
    m_steps->refresh();
}

} // namespace fvpn
