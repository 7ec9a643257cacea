#include "ExportDialog.h"

#include "AtomicFile.h"
#include "EngineerSession.h"
#include "FileDialog.h"
#include "MessageBox.h"
#include "QrCode.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>

namespace fvpn {

ExportDialog::ExportDialog(EngineerSession *session, QWidget *parent)
    : QDialog(parent)
    , m_session(session)
    , m_includeKey(
          new QCheckBox(tr("Include my private key (needed to connect with the WireGuard app)"), this))
    , m_text(new QPlainTextEdit(this))
    , m_qr(new QLabel(this))
    , m_note(new QLabel(this))
    , m_save(new QPushButton(tr("Save as .conf…"), this))
    , m_saved(new QLabel(this))
{
    setWindowTitle(tr("Export the tunnel"));
    m_includeKey->setObjectName(QStringLiteral("includeKey"));
    m_text->setObjectName(QStringLiteral("configText"));
    m_text->setReadOnly(true);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_qr->setObjectName(QStringLiteral("qr"));
    m_qr->setAlignment(Qt::AlignCenter);
    m_note->setWordWrap(true);
    m_save->setObjectName(QStringLiteral("save"));
    m_saved->setObjectName(QStringLiteral("saved"));
    m_saved->setWordWrap(true);
    m_saved->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_saved->setStyleSheet(QStringLiteral("color: #1b6632;"));

    auto *views = new QHBoxLayout;
    views->addWidget(m_text, 1);
    views->addWidget(m_qr);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_save, QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_includeKey);
    layout->addWidget(m_note);
    layout->addLayout(views, 1);
    layout->addWidget(m_saved);
    layout->addWidget(buttons);

    connect(m_includeKey, &QCheckBox::toggled, this, [this](bool on) {
        if (on) {
            const auto answer = MessageBox::question(this, tr("Export your private key?"),
                                                     tr("The file and the QR code will contain your private "
                                                        "key. Anyone who gets them can join the "
                                                        "factory's VPN as you. Export the private key?"),
                                                     QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
            if (answer != QMessageBox::Yes) {
                const QSignalBlocker blocker(m_includeKey);
                m_includeKey->setChecked(false);
                return;
            }
        }
        load(on);
    });
    connect(m_save, &QPushButton::clicked, this, [this]() {
        const QString path
            = FileDialog::saveFileName(this, tr("Save the tunnel"), QStringLiteral("factory-vpn.conf"),
                                       tr("WireGuard configuration (*.conf)"));
        if (path.isEmpty())
            return;
        if (const Result<void> saved = saveTo(path); !saved) {
            m_saved->clear();
            MessageBox::warning(this, tr("Export"), saved.error().message);
            return;
        }
        // Said where it went, so the person can find it and knows it worked.
        m_saved->setText(m_includeKey->isChecked()
                             ? tr("Saved to %1 (readable only by you; it contains your private key).")
                                   .arg(QDir::toNativeSeparators(path))
                             : tr("Saved to %1 (readable only by you).").arg(QDir::toNativeSeparators(path)));
    });
    resize(760, 460);
    load(false);
}

ExportDialog::~ExportDialog()
{
    wipeText();
}

void ExportDialog::wipeText()
{
    m_config.detach();
    std::fill(m_config.begin(), m_config.end(), QChar(u'\0'));
    m_config.clear();
    m_text->clear();
}

void ExportDialog::load(bool includePrivateKey)
{
    m_session->exportConfig(includePrivateKey, this, [this, includePrivateKey](Result<QString> text) {
        if (!text) {
            wipeText();
            m_note->setText(text.error().message);
            return;
        }
        m_note->setText(
            includePrivateKey
                ? tr("This contains your private key: keep the file and the QR code to yourself.")
                : tr("Without the private key: the WireGuard app needs you to add it before it can "
                     "connect."));
        showText(*text);
    });
}

void ExportDialog::showText(const QString &text)
{
    wipeText();
    m_saved->clear();
    m_config = text;
    m_text->setPlainText(text);
    const Result<QImage> qr = QrCode::encode(text, 4);
    if (qr)
        m_qr->setPixmap(QPixmap::fromImage(*qr));
    else
        m_qr->setText(qr.error().message);
}

Result<void> ExportDialog::saveTo(const QString &path)
{
    QByteArray bytes = m_config.toUtf8();
    const Result<void> written
        = AtomicFile::write(path, bytes, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    std::fill(bytes.begin(), bytes.end(), '\0');
    return written;
}

} // namespace fvpn
