#include "MessageBar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QStyle>
#include <QToolButton>

namespace fvpn {

namespace {

constexpr int FadeAfterMs = 8000;
constexpr int MaxDetailLines = 8;

} // namespace

MessageBar::MessageBar(QWidget *parent)
    : QFrame(parent)
    , m_icon(new QLabel(this))
    , m_label(new QLabel(this))
    , m_close(new QToolButton(this))
{
    setObjectName(QStringLiteral("messageBar"));
    setFrameShape(QFrame::StyledPanel);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 4, 4);
    layout->addWidget(m_icon);
    layout->addWidget(m_label, 1);
    layout->addWidget(m_close);
    m_label->setWordWrap(true);
    m_label->setTextFormat(Qt::PlainText); // hub messages are text, never markup
    m_label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_close->setAutoRaise(true);
    m_close->setText(QStringLiteral("✕"));
    m_close->setToolTip(tr("Close this message"));
    connect(m_close, &QToolButton::clicked, this, &MessageBar::clearMessage);
    m_fade.setSingleShot(true);
    connect(&m_fade, &QTimer::timeout, this, &MessageBar::clearMessage);
    hide();
}

void MessageBar::showMessage(Kind kind, const QString &text, const QString &details)
{
    if (isVisible() && kind == m_kind && text == m_text)
        ++m_repeats;
    else
        m_repeats = 1;
    m_kind = kind;
    m_text = text;
    m_details = details;
    QString shown = text;
    if (m_repeats > 1)
        shown += tr(" (×%1)").arg(m_repeats);
    if (!details.isEmpty())
        shown += u'\n' + details;
    m_label->setText(shown);
    restyle();
    show();
    if (kind == Kind::Success || kind == Kind::Info)
        m_fade.start(FadeAfterMs);
    else
        m_fade.stop();
}

void MessageBar::showError(const Error &error)
{
    QStringList lines;
    for (const LineError &line : error.lineErrors.mid(0, MaxDetailLines))
        lines.append(line.toString());
    if (error.lineErrors.size() > MaxDetailLines)
        lines.append(tr("… and %n more", nullptr, int(error.lineErrors.size() - MaxDetailLines)));
    showMessage(error.code == ErrorCode::Unavailable ? Kind::Warning : Kind::Error, error.message,
                lines.join(u'\n'));
}

void MessageBar::clearMessage()
{
    m_fade.stop();
    m_text.clear();
    m_details.clear();
    m_repeats = 0;
    hide();
}

void MessageBar::restyle()
{
    QString background;
    QStyle::StandardPixmap icon = QStyle::SP_MessageBoxInformation;
    switch (m_kind) {
    case Kind::Info:
        background = QStringLiteral("#e8f0fb");
        break;
    case Kind::Success:
        background = QStringLiteral("#e5f4e8");
        break;
    case Kind::Warning:
        background = QStringLiteral("#fff4d6");
        icon = QStyle::SP_MessageBoxWarning;
        break;
    case Kind::Error:
        background = QStringLiteral("#fbe3e1");
        icon = QStyle::SP_MessageBoxCritical;
        break;
    }
    setStyleSheet(
        QStringLiteral("#messageBar { background: %1; border: 1px solid #c8c8c8; border-radius: 4px; } "
                       "#messageBar QLabel { color: #202020; }")
            .arg(background));
    m_icon->setPixmap(style()->standardIcon(icon).pixmap(20, 20));
}

} // namespace fvpn
