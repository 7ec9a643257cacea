#pragma once

#include "Result.h"

#include <QDialog>

class QCheckBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace fvpn {

class EngineerSession;

// The tunnel as a wg-quick file or QR code for the official WireGuard apps.
// Without the private key by default; ticking "Include my private key" asks for
// explicit confirmation first, and the key is loaded from the keychain only then.
class ExportDialog : public QDialog
{
    Q_OBJECT

public:
    ExportDialog(EngineerSession *session, QWidget *parent = nullptr);
    ~ExportDialog() override;

    QCheckBox *includeKeyBox() const { return m_includeKey; }
    QPlainTextEdit *textView() const { return m_text; }
    QLabel *qrView() const { return m_qr; }
    QPushButton *saveButton() const { return m_save; }
    // After a save: where the file went, in words; empty before.
    QLabel *savedNote() const { return m_saved; }
    // Writes the shown configuration to `path` (0600); what "Save…" does after
    // asking for the file name.
    Result<void> saveTo(const QString &path);

private:
    void load(bool includePrivateKey);
    void showText(const QString &text);
    void wipeText();

    EngineerSession *m_session;
    QCheckBox *m_includeKey;
    QPlainTextEdit *m_text;
    QLabel *m_qr;
    QLabel *m_note;
    QPushButton *m_save;
    QLabel *m_saved;
    QString m_config;
};

} // namespace fvpn
